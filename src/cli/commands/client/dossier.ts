import { Option } from 'clipanion';
import { assertAllowed } from '../../../auth/policy.js';
import { viewClient } from '../../../commands/read-access.js';
import { currentTranslator } from '../../../i18n/translator.js';
import { EpicCommand } from '../../base-command.js';
import type { EpicContext } from '../../context.js';
import { printFields, printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';
import { clientFields, contractFields, eventFields } from '../../views.js';

/** `epic client dossier <id>`: everything held about one client (the right of access; src/privacy/dossier.ts). */
export class ClientDossierCommand extends EpicCommand {
  static override paths = [
    ['client', 'dossier'],
    ['clients', 'dossier'],
  ];

  id = Option.String({ name: 'id' });
  json = Option.Boolean('--json', false);

  /** Every dossier taken is in the command log (who read everything held about a client, and when), whatever its outcome. */
  protected override audited() {
    return { command: 'client dossier', args: { id: this.id }, every: true };
  }

  protected async run(runtime: Runtime): Promise<void> {
    await printDossier(this.context, runtime, this.id, this.json);
  }
}

/** The dossier as one JSON document (`--json`), or as a report a person reads, section by section. */
async function printDossier(context: EpicContext, runtime: Runtime, id: string, json: boolean): Promise<void> {
  const actor = await runtime.actor();
  assertAllowed('client.dossier', actor);
  const db = await runtime.readDb();
  const client = await viewClient(db, actor, id);
  const [{ store }, { buildDossier }] = await Promise.all([runtime.eventStore(), import('../../../privacy/dossier.js')]);
  const dossier = await buildDossier(store, db, client);
  if (json) {
    printJson(context.stdout, dossier);
    return;
  }
  const [{ historyTimeline }, translator] = await Promise.all([import('../../../audit/history-export.js'), currentTranslator()]);
  const out = (text: string) => context.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  out(`${t('dossier.title', { id: client.id })}\n`);
  out(t('dossier.client'));
  await printFields(context, clientFields(dossier.client));
  out(`\n${t('dossier.contracts', { count: dossier.contracts.length })}`);
  for (const contract of dossier.contracts) await printFields(context, contractFields(contract));
  out(`\n${t('dossier.payments', { count: dossier.payments.length })}`);
  for (const p of dossier.payments) out(t('dossier.payment', { contractId: p.contractId, amountCents: p.amountCents, at: p.at }));
  out(`\n${t('dossier.events', { count: dossier.events.length })}`);
  for (const event of dossier.events) await printFields(context, eventFields(event));
  const timeline = (kind: 'client' | 'contract' | 'event', recordId: string, entries: Parameters<typeof historyTimeline>[1]) => {
    out(`\n${t('dossier.history', { kind, id: recordId })}`);
    out(entries.length === 0 ? t('dossier.none') : historyTimeline({ kind, id: recordId }, entries, translator));
  };
  timeline('client', client.id, dossier.history.client);
  for (const [contractId, entries] of Object.entries(dossier.history.contracts)) timeline('contract', contractId, entries);
  for (const [eventId, entries] of Object.entries(dossier.history.events)) timeline('event', eventId, entries);
  out(`\n${t('dossier.log', { count: dossier.log.length })}`);
  for (const entry of dossier.log) {
    out(
      `${translator.format.dateTime(entry.at)}\t${entry.actor.name ?? entry.actor.id}\t${entry.command}\t${entry.outcome}\t${JSON.stringify(entry.args)}`,
    );
  }
}
