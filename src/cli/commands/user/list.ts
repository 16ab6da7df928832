import { Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { EpicCommand } from '../../base-command.js';
import { listOptions } from '../../list-options.js';
import { printJson, printTable } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class UserListCommand extends EpicCommand {
  static override paths = [
    ['user', 'list'],
    ['users', 'list'],
  ];

  role = Option.String('--role');
  disabled = Option.Boolean('--disabled', false);
  limit = Option.String('--limit');
  sort = Option.String('--sort');
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    listingScope('user.list', actor);
    const [{ isRole }, { InvalidInput }, { msg }] = await Promise.all([
      import('../../../domain/values/roles.js'),
      import('../../../errors.js'),
      import('../../../i18n/message.js'),
    ]);
    if (this.role !== undefined && !isRole(this.role)) throw new InvalidInput(msg('cli.input.role', { option: '--role' }));
    const listing = listOptions('user', { limit: this.limit, sort: this.sort });
    const db = await runtime.readDb();
    const { listUsers } = await import('../../../projections/queries/index.js');
    const listed = await listUsers(db.db, { ...(this.role !== undefined && { role: this.role }), disabled: this.disabled, ...listing });
    // Each login lock from its session stream (a lock is a matter of minutes, not a read table's).
    const [{ lockOf }, context] = await Promise.all([import('../../../commands/account-status-handler.js'), runtime.context()]);
    const users = await Promise.all(listed.map(async (u) => ({ ...u, lockedUntil: await lockOf(context, u.id) })));
    if (this.json) printJson(this.context.stdout, users);
    else
      await printTable(
        this.context,
        users,
        [
          { header: t('cli.column.id'), value: (u) => u.id },
          { header: t('cli.column.name'), value: (u) => u.name, shrink: 1 },
          { header: t('cli.column.email'), value: (u) => u.email, shrink: 2 },
          { header: t('cli.column.role'), value: (u) => u.role },
          {
            header: t('cli.column.state'),
            value: (u) =>
              [u.disabled ? t('cli.state.disabled') : null, u.lockedUntil === null ? null : t('cli.lockedUntil', { until: u.lockedUntil })]
                .filter((v) => v !== null)
                .join(', ') || t('cli.state.active'),
            style: (u) => (u.disabled || u.lockedUntil !== null ? 'red' : undefined),
          },
        ],
        t('cli.empty.users'),
      );
  }
}
