import { type Action, isAllowed, listingScope } from '../auth/policy.js';
import type { Actor } from '../commands/handler-context.js';
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import { listClients, listContracts, listOccasions, listUsers } from '../projections/queries/index.js';
import type { ReadDb } from '../projections/read-db/open-read-db.js';
import { CLIENT_COLUMNS, CONTRACT_COLUMNS, EVENT_COLUMNS, type ExportedClient } from './columns.js';
import { type CsvOptions, toCsv } from './csv-writer.js';

export const EXPORT_NOUNS = ['clients', 'contracts', 'events'] as const;
export type ExportNoun = (typeof EXPORT_NOUNS)[number];
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const VIEW: Readonly<Record<ExportNoun, Action>> = { clients: 'client.view', contracts: 'contract.view', events: 'event.view' };

/** Accepts the singular too (`epic export client`), as the nouns of the CLI do. */
export function parseExportNoun(value: string): ExportNoun {
  const noun = value.toLowerCase().replace(/s?$/, 's');
  if ((EXPORT_NOUNS as readonly string[]).includes(noun)) return noun as ExportNoun;
  throw new InvalidInput(msg('transfer.unknownNoun', { input: value, nouns: EXPORT_NOUNS }));
}

export function parseExportFormat(value: string): ExportFormat {
  const format = value.toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  throw new InvalidInput(msg('transfer.unknownFormat', { input: value }));
}

/**
 * Exactly what the caller may view (the view scopes of the permission table,
 * as `list` applies them), as the JSON records of the CLI contract or as CSV.
 * Read tables are the right source here: this is a listing, not a decision.
 */
export async function exportRecords(
  db: ReadDb,
  actor: Actor,
  noun: ExportNoun,
  format: ExportFormat,
  csv: CsvOptions = {},
): Promise<string> {
  const scope = listingScope(VIEW[noun], actor);
  const filter = { scope, actorId: actor.id };
  switch (noun) {
    case 'clients': {
      const clients = await listClients(db.db, filter);
      if (format === 'json') return json(clients);
      const emails = await commercialEmails(db, actor);
      return toCsv<ExportedClient>(
        clients.map((client) => ({ ...client, commercialEmail: emails.get(client.commercialId) ?? null })),
        CLIENT_COLUMNS,
        csv,
      );
    }
    case 'contracts': {
      const contracts = await listContracts(db.db, filter);
      return format === 'json' ? json(contracts) : toCsv(contracts, CONTRACT_COLUMNS, csv);
    }
    case 'events': {
      const events = await listOccasions(db.db, filter);
      return format === 'json' ? json(events) : toCsv(events, EVENT_COLUMNS, csv);
    }
  }
}

/**
 * The commercials' emails the CSV may show (so the file can be imported
 * elsewhere): every user's for those who may view users (gestion), otherwise
 * only the caller's own: the user directory stays gestion's to read.
 */
async function commercialEmails(db: ReadDb, actor: Actor): Promise<Map<string, string>> {
  const users = await listUsers(db.db);
  const visible = isAllowed('user.view', actor) ? users : users.filter((user) => user.id === actor.id);
  return new Map(visible.map((user) => [user.id, user.email]));
}

function json(records: readonly unknown[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
