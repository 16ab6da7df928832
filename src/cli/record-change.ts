import type { ActorContext } from '../commands/handler-context.js';
import { resolveId, viewContract, viewOccasion } from '../commands/read-access.js';
import type { AccountCommand } from '../domain/accounts/account-commands.js';
import { Forbidden, NotFound, OutOfScope } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { ContractRecord, OccasionRecord } from '../records.js';
import type { MutationCommand } from './base-command.js';
import type { Runtime } from './runtime.js';

type Target = { readonly noun: 'contracts'; readonly idOrPrefix: string } | { readonly noun: 'occasions'; readonly idOrPrefix: string };

type RecordOf<T extends Target> = T['noun'] extends 'contracts' ? ContractRecord : OccasionRecord;

/**
 * The shared path of the commands that change a contract or an event: resolve
 * the id (the read tables say which client account holds the record), then
 * run the command on that account's stream, where the decision is taken.
 * `build` receives the record as the read tables hold it (what a confirmation
 * or a prompt needs to say) and the acting user.
 */
export async function changeAccountRecord<T extends Target>(
  command: MutationCommand,
  runtime: Runtime,
  name: string,
  args: Record<string, unknown>,
  target: T,
  build: (id: string, record: RecordOf<T>, context: ActorContext) => AccountCommand | Promise<AccountCommand>,
): Promise<{ id: string; before: RecordOf<T> }> {
  return command.mutate(runtime, name, args, async (context) => {
    const [{ runAccountCommand }, queries] = await Promise.all([
      import('../commands/account-handler.js'),
      import('../projections/queries/index.js'),
    ]);
    const db = await runtime.readDb();
    const id = await resolveId(db, target.noun, target.idOrPrefix, context.actor);
    const record = (target.noun === 'contracts' ? await queries.getContract(db.db, id) : await queries.getOccasion(db.db, id)) as
      | RecordOf<T>
      | undefined;
    if (!record)
      throw new NotFound(
        target.noun === 'contracts'
          ? msg('cli.notFound.contract', { id: target.idOrPrefix })
          : msg('cli.notFound.event', { id: target.idOrPrefix }),
      );
    try {
      await runAccountCommand(context, record.clientId, await build(id, record, context));
    } catch (error) {
      // Refused on the log by scope: a record the actor may not even view answers as one that does not exist.
      if (error instanceof Forbidden && !isOutrightRefusal(error)) {
        const view = target.noun === 'contracts' ? viewContract : viewOccasion;
        await view(db, context.actor, id).catch(asTyped(target.idOrPrefix, target.noun === 'contracts' ? 'contract' : 'event'));
      }
      throw error;
    }
    return { id, before: record };
  });
}

/** A refusal of the resolved id, worded with what was typed (a prefix is not completed in the message). */
function asTyped(input: string, noun: 'contract' | 'event'): (error: unknown) => never {
  return (error) => {
    if (error instanceof OutOfScope) throw new OutOfScope(msg('values.id.notFound', { noun, input: input.trim().toLowerCase() }));
    throw error;
  };
}

/** A refusal of the role itself (its scope for the action is `none`): the same for every id, so it reveals nothing. */
function isOutrightRefusal(error: Forbidden): boolean {
  const text = error.text;
  return typeof text !== 'string' && text.key === 'policy.refused' && (text.params as { scope?: unknown } | undefined)?.scope === 'none';
}
