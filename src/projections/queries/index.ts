/** The read side's queries: plain functions taking `db`, returning the CLI's JSON records. */

export type { ClientRecord, ContractRecord, LogEntryRecord, OccasionRecord, UserRecord } from '../../records.js';
export type { ListClientsOptions } from './clients.js';
export { getClient, listClients } from './clients.js';
export type { ListContractsOptions } from './contracts.js';
export { getContract, listContracts } from './contracts.js';
export type { ListLogOptions } from './log.js';
export { getLogEntry, listLog, logEntryReason } from './log.js';
export type { ListOccasionsOptions } from './occasions.js';
export { assignedSupportIds, getOccasion, listOccasions } from './occasions.js';
export type { IdTable } from './resolve-id.js';
export { resolveId } from './resolve-id.js';
export type { ListUsersOptions } from './users.js';
export { findUserByEmail, getUser, listUsers } from './users.js';
