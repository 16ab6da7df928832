import type { ClientRecord, ContractRecord, OccasionRecord } from '../records.js';
import type { CsvColumn } from './csv-writer.js';

/** A client as exported, with its commercial's email when the caller may know it (what `import clients` reads back). */
export interface ExportedClient extends ClientRecord {
  readonly commercialEmail: string | null;
}

/**
 * The CSV columns of each export: the JSON record's keys in the contract's
 * order, nested objects flattened with a dot (`clientContact.email`). Header
 * names match what `import clients` maps (`name`, `email`, `phone`, `company`,
 * `commercialEmail`), so an export can be imported elsewhere as is.
 */
export const CLIENT_COLUMNS: readonly CsvColumn<ExportedClient>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'name', value: (c) => c.name },
  { header: 'email', value: (c) => c.email },
  { header: 'phone', value: (c) => c.phone },
  { header: 'company', value: (c) => c.company },
  { header: 'commercialId', value: (c) => c.commercialId },
  { header: 'commercialName', value: (c) => c.commercialName },
  { header: 'commercialEmail', value: (c) => c.commercialEmail },
  { header: 'createdAt', value: (c) => c.createdAt },
  { header: 'updatedAt', value: (c) => c.updatedAt },
];

export const CONTRACT_COLUMNS: readonly CsvColumn<ContractRecord>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'clientId', value: (c) => c.clientId },
  { header: 'clientName', value: (c) => c.clientName },
  { header: 'commercialId', value: (c) => c.commercialId },
  { header: 'commercialName', value: (c) => c.commercialName },
  { header: 'totalAmount', value: (c) => c.totalAmount, amount: true },
  { header: 'remainingAmount', value: (c) => c.remainingAmount, amount: true },
  { header: 'signed', value: (c) => c.signed },
  { header: 'createdAt', value: (c) => c.createdAt },
  { header: 'updatedAt', value: (c) => c.updatedAt },
];

export const EVENT_COLUMNS: readonly CsvColumn<OccasionRecord>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'name', value: (e) => e.name },
  { header: 'contractId', value: (e) => e.contractId },
  { header: 'clientId', value: (e) => e.clientId },
  { header: 'clientName', value: (e) => e.clientName },
  { header: 'clientContact.email', value: (e) => e.clientContact.email },
  { header: 'clientContact.phone', value: (e) => e.clientContact.phone },
  { header: 'supportId', value: (e) => e.supportId },
  { header: 'supportName', value: (e) => e.supportName },
  { header: 'start', value: (e) => e.start },
  { header: 'end', value: (e) => e.end },
  { header: 'location', value: (e) => e.location },
  { header: 'attendees', value: (e) => e.attendees },
  { header: 'notes', value: (e) => e.notes },
  { header: 'createdAt', value: (e) => e.createdAt },
  { header: 'updatedAt', value: (e) => e.updatedAt },
];
