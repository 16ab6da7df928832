/**
 * The right of access (GDPR article 15): everything held about one client,
 * as one document — its record, its contracts with their payments, its
 * events, the full history of each, and the command-log entries that concern
 * it (those sealed under its key, those whose events are in its stream, and
 * refused attempts that named one of its records by full id).
 */
import { type HistoryEntry, recordHistory } from '../audit/history.js';
import { accountStream } from '../domain/accounts/account-events.js';
import { formatCents } from '../domain/values/money.js';
import type { EventStore } from '../events/event-store.js';
import type { ReadDb } from '../projections/read-db/open-read-db.js';
import type { ClientRecord, ContractRecord, LogEntryRecord, OccasionRecord } from '../records.js';

export interface DossierPayment {
  readonly contractId: string;
  readonly amount: string;
  readonly amountCents: number;
  readonly at: string;
  readonly actor: { readonly id: string; readonly role: string };
}

export interface Dossier {
  readonly client: ClientRecord;
  readonly contracts: readonly ContractRecord[];
  readonly payments: readonly DossierPayment[];
  readonly events: readonly OccasionRecord[];
  /** Every record of the account by id (deleted contracts and events included), each with its full history. */
  readonly history: {
    readonly client: readonly HistoryEntry[];
    readonly contracts: Readonly<Record<string, readonly HistoryEntry[]>>;
    readonly events: Readonly<Record<string, readonly HistoryEntry[]>>;
  };
  /** Oldest first, with the arguments as recorded (personal values opened, or `[erased]`). */
  readonly log: readonly (LogEntryRecord & { readonly args: unknown })[];
}

export async function buildDossier(store: EventStore, readDb: ReadDb, client: ClientRecord): Promise<Dossier> {
  const queries = await import('../projections/queries/index.js');
  const stream = await store.readStream(accountStream(client.id));
  const contractIds: string[] = [];
  const occasionIds: string[] = [];
  const payments: DossierPayment[] = [];
  for (const event of stream) {
    const data = event.data as Record<string, unknown>;
    if (event.type === 'ContractCreated' && typeof data.contractId === 'string') contractIds.push(data.contractId);
    if (event.type === 'OccasionScheduled' && typeof data.occasionId === 'string') occasionIds.push(data.occasionId);
    if (event.type === 'PaymentRecorded' && typeof data.contractId === 'string' && typeof data.amountCents === 'number') {
      payments.push({
        contractId: data.contractId,
        amount: formatCents(data.amountCents),
        amountCents: data.amountCents,
        at: event.metadata.at,
        actor: { id: event.metadata.actor.id, role: event.metadata.actor.role },
      });
    }
  }
  const contracts = (await Promise.all(contractIds.map((id) => queries.getContract(readDb.db, id)))).filter(
    (c): c is ContractRecord => c !== undefined,
  );
  const events = (await Promise.all(occasionIds.map((id) => queries.getOccasion(readDb.db, id)))).filter(
    (o): o is OccasionRecord => o !== undefined,
  );
  const historyOf = async (kind: 'client' | 'contract' | 'event', id: string) => {
    const entries: HistoryEntry[] = [];
    for await (const entry of recordHistory(store, { kind, id, clientId: client.id })) entries.push(entry);
    return entries;
  };
  const history = {
    client: await historyOf('client', client.id),
    contracts: Object.fromEntries(await Promise.all(contractIds.map(async (id) => [id, await historyOf('contract', id)] as const))),
    events: Object.fromEntries(await Promise.all(occasionIds.map(async (id) => [id, await historyOf('event', id)] as const))),
  };

  // The log entries: by the key that sealed them, by the commands that wrote the stream, by a record named in a refused attempt.
  const commandIds = [...new Set(stream.map((event) => event.metadata.commandId))];
  const recordIds = [client.id, ...contractIds, ...occasionIds];
  const rows = await readDb.db
    .selectFrom('command_log')
    .select(['id', 'args', 'position'])
    .where((eb) =>
      eb.or([
        eb('subject', '=', client.id),
        ...(commandIds.length > 0 ? [eb('id', 'in', commandIds)] : []),
        ...recordIds.map((id) => eb.and([eb('outcome', '!=', 'accepted'), eb(eb.fn('instr', ['args', eb.val(`"${id}"`)]), '>', 0)])),
      ]),
    )
    .orderBy('position')
    .execute();
  const log: (LogEntryRecord & { args: unknown })[] = [];
  for (const row of rows) {
    const entry = await queries.getLogEntry(readDb.db, row.id);
    if (entry) log.push({ ...entry, args: JSON.parse(row.args) as unknown });
  }
  return { client, contracts, payments, events, history, log };
}
