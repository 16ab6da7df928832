import { Option } from 'clipanion';
import { assertAllowed } from '../../../auth/policy.js';
import { isProjectionName } from '../../../projections/projection-names.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printTable } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';
import { tableDateTime } from '../../views.js';

export class ProjectionStatusCommand extends EpicCommand {
  static override paths = [
    ['projection', 'status'],
    ['projections', 'status'],
  ];

  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    assertAllowed('projection.manage', actor);
    const [readDb, { store }, { projectionStatus }] = await Promise.all([
      runtime.readDbAsIs(),
      runtime.eventStore(),
      import('../../../projections/projector.js'),
    ]);
    const statuses = await projectionStatus(store, readDb);
    if (this.json) {
      printJson(this.context.stdout, statuses);
      return;
    }
    await printTable(
      this.context,
      statuses,
      [
        // The CLI's words for the product's projections (`events`, `log`; « événements » in French), not the code's.
        { header: t('cli.column.projection'), value: (s) => (isProjectionName(s.name) ? t(`projection.name.${s.name}`) : s.name) },
        {
          header: t('cli.column.version'),
          value: (s) =>
            s.storedVersion === s.version ? s.version : t('cli.projection.versions', { version: s.version, stored: s.storedVersion }),
        },
        { header: t('cli.column.checkpoint'), value: (s) => s.position, align: 'right' },
        { header: t('cli.column.behind'), value: (s) => `${s.behind}${s.behindAtLeast ? '+' : ''}`, align: 'right' },
        { header: t('cli.column.lastRebuilt'), value: (s) => tableDateTime(s.rebuiltAt), drop: 1 },
        {
          header: t('cli.column.state'),
          shrink: 1,
          value: (s) =>
            s.rebuilding
              ? t('cli.projection.rebuilding', { pid: s.rebuilding.pid, host: s.rebuilding.host, since: s.rebuilding.since })
              : s.aheadOfLog
                ? t('faults.projection.aheadOfLog', { head: s.head })
                : s.divergedFromLog
                  ? t('faults.projection.divergedFromLog', { position: s.position })
                  : s.storedVersion !== s.version
                    ? t('cli.projection.due')
                    : s.upToDate
                      ? t('cli.projection.upToDate')
                      : t('cli.projection.behind'),
          style: (s) => (s.upToDate && !s.rebuilding && s.storedVersion === s.version ? 'green' : 'yellow'),
        },
      ],
      t('cli.empty.projections'),
    );
  }
}
