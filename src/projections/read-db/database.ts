/**
 * The read tables, as Kysely sees them. Rows are disposable: every one of
 * them is derived from the event log by a projection and can be rebuilt.
 *
 * Conventions, the same on SQLite and MySQL:
 * - ids are short strings (VARCHAR(64));
 * - instants are ISO 8601 UTC strings (`2026-06-04T11:00:00.000Z`, VARCHAR(24)),
 *   so both dialects keep the exact value and compare them in time order;
 * - money is integer cents (BIGINT);
 * - booleans are integers 0/1.
 */
import type { Insertable, Selectable } from 'kysely';
import type { CommandOutcome } from '../../domain/command-log.js';
import type { Role } from '../../domain/values/roles.js';
import type { ActorRole } from '../../events/event-store.js';

export interface UsersTable {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** 1 while disabled (0 or 1; 0 by default). */
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface ClientsTable {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  company: string | null;
  commercial_id: string;
  /** Lower-cased name, email and company, one per line: what `client list --search` looks in. */
  search: string;
  created_at: string;
  updated_at: string;
}

/** A contract's commercial is its client's: joined at query time, so a reassignment moves the contract too. */
export interface ContractsTable {
  id: string;
  client_id: string;
  total_cents: number;
  remaining_cents: number;
  /** 0 or 1. */
  signed: number;
  /** 1 while remaining_cents > 0: the leading key of the index that serves `--unpaid` in created order. */
  unpaid: number;
  created_at: string;
  updated_at: string;
}

/** The CLI's "events" (weddings, seminars...). */
export interface OccasionsTable {
  id: string;
  contract_id: string;
  client_id: string;
  name: string;
  start_at: string;
  end_at: string;
  location: string;
  attendees: number;
  notes: string | null;
  support_id: string | null;
  /** 1 once cancelled (0 or 1): listings skip those rows unless asked for them. */
  cancelled: number;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommandLogTable {
  /** The command id. */
  id: string;
  /** Global position of the `CommandRecorded` event: the log's order. */
  position: number;
  at: string;
  actor_id: string;
  actor_role: ActorRole;
  command: string;
  outcome: CommandOutcome;
  reason: string | null;
  /** JSON `{key, params}` of the reason as a catalogue message (StoredMessage); null without one. */
  reason_message: string | null;
  /** JSON array of the ids of the domain events the command produced. */
  events: string;
  /** JSON object of the command's arguments. */
  args: string;
  /** The client whose key sealed the arguments' personal values (src/privacy); null when none did. */
  subject: string | null;
}

/** One checkpoint per projection. */
export interface ProjectionStateTable {
  name: string;
  /** The projection's code version the rows were built with. */
  version: number;
  /** Global position of the last event applied (0: none). */
  position: number;
  /**
   * The chain hash (`metadata.hash`) of the event at `position`, as the
   * projection saw it: a catch-up compares it with the log's event there (a
   * log restored from an older backup holds another one). Null at position 0,
   * and for a checkpoint written before migration 0004 (filled at its next batch).
   */
  hash: string | null;
  rebuilt_at: string | null;
  updated_at: string;
  /**
   * MySQL only, for the moment of a blue/green switch (its RENAME TABLE
   * commits on its own): the build id whose shadow tables are being renamed
   * in. While set, nobody applies events to this projection; whoever holds
   * its lock next finishes the switch. Always null on SQLite, where the switch
   * is one transaction.
   */
  swapping: string | null;
}

/** Who runs a rebuild of a projection (one at a time); MySQL also holds GET_LOCK while the row is its. */
export interface ProjectionLockTable {
  name: string;
  /** Random token of the holder: only it refreshes or releases the row. */
  owner: string;
  host: string;
  pid: number;
  acquired_at: string;
  /** The holder refreshes this while it works; past it, the row is abandoned. */
  expires_at: string;
}

export interface Database {
  users: UsersTable;
  clients: ClientsTable;
  contracts: ContractsTable;
  occasions: OccasionsTable;
  command_log: CommandLogTable;
  projection_state: ProjectionStateTable;
  projection_lock: ProjectionLockTable;
}

export type TableName = keyof Database & string;

/**
 * Any table by name, each row an open record: the read database as seen by
 * statements whose table is a value (a helper generic over the table, a
 * shadow build, a catalog). `db.withTables<AnyTables>()` gives that view of a
 * connection; what it reads is `unknown` until checked or named by the caller.
 */
export type AnyTables = Record<string, Record<string, unknown>>;

// The row shapes the code names; Kysely's Selectable/Insertable give any other.
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type NewClientRow = Insertable<ClientsTable>;
export type ContractRow = Selectable<ContractsTable>;
export type NewContractRow = Insertable<ContractsTable>;
export type OccasionRow = Selectable<OccasionsTable>;
export type NewCommandLogRow = Insertable<CommandLogTable>;
export type ProjectionStateRow = Selectable<ProjectionStateTable>;
export type ProjectionLockRow = Selectable<ProjectionLockTable>;

export type ReadDialect = 'sqlite' | 'mysql';
