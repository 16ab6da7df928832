import { typeList } from '../decider.js';
/**
 * Events of a client account (stream `client-<clientId>`): the client, its
 * contracts and its occasions (the weddings, seminars and conferences the CLI
 * calls "events"; "occasion" in code so nobody confuses them with domain
 * events or Node's global `Event`). One stream per client keeps every
 * cross-record rule (no contract on a deleted client, no occasion on an
 * unsigned contract, no deletion while children exist, ownership) inside one
 * consistency boundary guarded by the stream's expected version.
 *
 * Amounts are integer cents; instants are ISO 8601 UTC strings.
 */
export type AccountEvent =
  | {
      type: 'ClientCreated';
      data: { clientId: string; name: string; email: string; phone: string | null; company: string | null; commercialId: string };
    }
  | { type: 'ClientUpdated'; data: { clientId: string; name?: string; email?: string; phone?: string | null; company?: string | null } }
  | {
      type: 'ClientReassigned';
      /**
       * Schema v2 (src/domain/upcasters.ts): `previousCommercialId` is the
       * commercial the client moved away from; null when the stored event is
       * v1, which did not record it. The decider always writes it; it is
       * optional only so that events built by hand in v1 shape still type-check.
       */
      data: { clientId: string; commercialId: string; previousCommercialId?: string | null };
    }
  | { type: 'ClientDeleted'; data: { clientId: string } }
  /**
   * The client's personal data was erased for good (`client forget`): its key
   * destroyed, so every value sealed under it is unreadable (src/privacy). Who
   * and when are the metadata's; the event holds nothing personal. The
   * account's contracts, payments and occasions stay, with the client shown
   * as `[erased]`; nothing more is recorded on it.
   */
  | { type: 'ClientForgotten'; data: { clientId: string } }
  | { type: 'ContractCreated'; data: { contractId: string; clientId: string; totalCents: number; remainingCents: number; signed: boolean } }
  | { type: 'ContractAmended'; data: { contractId: string; totalCents?: number; remainingCents?: number } }
  | { type: 'ContractSigned'; data: { contractId: string } }
  | { type: 'PaymentRecorded'; data: { contractId: string; amountCents: number } }
  /** Money given back on a contract: the remaining amount grows by it (a payment mistake is corrected this way, never by rewriting remaining). */
  | { type: 'RefundRecorded'; data: { contractId: string; amountCents: number } }
  | { type: 'ContractDeleted'; data: { contractId: string } }
  | {
      type: 'OccasionScheduled';
      data: {
        occasionId: string;
        contractId: string;
        name: string;
        start: string;
        end: string;
        location: string;
        attendees: number;
        notes: string | null;
      };
    }
  | {
      type: 'OccasionUpdated';
      data: {
        occasionId: string;
        name?: string;
        start?: string;
        end?: string;
        location?: string;
        attendees?: number;
        notes?: string | null;
      };
    }
  | { type: 'SupportAssigned'; data: { occasionId: string; supportId: string } }
  | { type: 'SupportUnassigned'; data: { occasionId: string } }
  /** The occasion will not take place: it stays in the account (and its history), out of the listings and of every rule that counts live occasions. */
  | { type: 'OccasionCancelled'; data: { occasionId: string; reason: string | null } };

export type AccountEventType = AccountEvent['type'];

export const ACCOUNT_EVENT_TYPES = typeList<AccountEventType>({
  ClientCreated: true,
  ClientUpdated: true,
  ClientReassigned: true,
  ClientDeleted: true,
  ClientForgotten: true,
  ContractCreated: true,
  ContractAmended: true,
  ContractSigned: true,
  PaymentRecorded: true,
  RefundRecorded: true,
  ContractDeleted: true,
  OccasionScheduled: true,
  OccasionUpdated: true,
  SupportAssigned: true,
  SupportUnassigned: true,
  OccasionCancelled: true,
});

export const ACCOUNT_STREAM_PREFIX = 'client-';

export function accountStream(clientId: string): string {
  return `${ACCOUNT_STREAM_PREFIX}${clientId}`;
}
