import { resolveId } from '../commands/read-access.js';
import type { AccountCommand } from '../domain/accounts/account-commands.js';
import { NotFound } from '../errors.js';
import type { MutationCommand } from './base-command.js';
import type { Runtime } from './runtime.js';

/**
 * The shared path of the commands that change a contract or an event: resolve
 * the id (the read tables say which client account holds the record), then
 * run the command on that account's stream, where the decision is taken.
 */
export async function changeAccountRecord(
  command: MutationCommand,
  runtime: Runtime,
  name: string,
  args: Record<string, unknown>,
  target: { noun: 'contracts' | 'occasions'; idOrPrefix: string },
  build: (id: string) => AccountCommand | Promise<AccountCommand>,
): Promise<string> {
  return command.mutate(runtime, name, args, async (context) => {
    const [{ runAccountCommand }, queries] = await Promise.all([
      import('../commands/account-handler.js'),
      import('../projections/queries/index.js'),
    ]);
    const db = await runtime.readDb();
    const id = await resolveId(db, target.noun, target.idOrPrefix);
    const record = target.noun === 'contracts' ? await queries.getContract(db.db, id) : await queries.getOccasion(db.db, id);
    if (!record) throw new NotFound(`no ${target.noun === 'contracts' ? 'contract' : 'event'} ${target.idOrPrefix}`);
    await runAccountCommand(context, record.clientId, await build(id));
    return id;
  });
}
