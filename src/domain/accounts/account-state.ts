import { assertNever } from '../assert-never.js';
import { emptyMap, filterEntries, type RecordMap, withEntry, withoutEntry } from '../record-map.js';
import type { AccountEvent } from './account-events.js';

/** What a forgotten client's name reads as (and its email, in the folded state). */
export const ERASED_NAME = '[erased]';

export interface Client {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly company: string | null;
  readonly commercialId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Contract {
  readonly id: string;
  readonly clientId: string;
  readonly totalCents: number;
  readonly remainingCents: number;
  /** How many payments were recorded on it (refunds do not take one back): `edit --remaining` is refused once there is one. */
  readonly payments: number;
  readonly signed: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Occasion {
  readonly id: string;
  readonly contractId: string;
  readonly name: string;
  readonly start: string;
  readonly end: string;
  readonly location: string;
  readonly attendees: number;
  readonly notes: string | null;
  readonly supportId: string | null;
  /** Null while the occasion is scheduled; once cancelled, why (the reason may be null) and when. */
  readonly cancellation: Cancellation | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Cancellation {
  readonly reason: string | null;
  readonly at: string;
}

/** A client account folded from its stream. Deleted records disappear from the maps. */
export interface AccountState {
  readonly status: 'none' | 'active' | 'deleted' | 'forgotten';
  readonly client: Client | null;
  readonly contracts: RecordMap<Contract>;
  readonly occasions: RecordMap<Occasion>;
}

export function initialAccountState(): AccountState {
  return { status: 'none', client: null, contracts: emptyMap(), occasions: emptyMap() };
}

export function evolveAccount(state: AccountState, event: AccountEvent, at: string): AccountState {
  switch (event.type) {
    case 'ClientCreated': {
      const { clientId, name, email, phone, company, commercialId } = event.data;
      return {
        ...state,
        status: 'active',
        client: { id: clientId, name, email, phone, company, commercialId, createdAt: at, updatedAt: at },
      };
    }
    case 'ClientUpdated': {
      if (!state.client) return state;
      const { clientId: _id, ...changes } = event.data;
      return { ...state, client: { ...state.client, ...changes, updatedAt: at } };
    }
    case 'ClientReassigned':
      if (!state.client) return state;
      return { ...state, client: { ...state.client, commercialId: event.data.commercialId, updatedAt: at } };
    case 'ClientDeleted':
      return { ...state, status: 'deleted' };
    case 'ClientForgotten':
      if (!state.client) return { ...state, status: 'forgotten' };
      return {
        ...state,
        status: 'forgotten',
        client: { ...state.client, name: ERASED_NAME, email: ERASED_NAME, phone: null, company: null, updatedAt: at },
      };
    case 'ContractCreated': {
      const { contractId, clientId, totalCents, remainingCents, signed } = event.data;
      const contract: Contract = {
        id: contractId,
        clientId,
        totalCents,
        remainingCents,
        payments: 0,
        signed,
        createdAt: at,
        updatedAt: at,
      };
      return { ...state, contracts: withEntry(state.contracts, contractId, contract) };
    }
    case 'ContractAmended': {
      const { contractId, ...changes } = event.data;
      return updateContract(state, contractId, at, (c) => ({ ...c, ...changes }));
    }
    case 'ContractSigned':
      return updateContract(state, event.data.contractId, at, (c) => ({ ...c, signed: true }));
    case 'PaymentRecorded':
      return updateContract(state, event.data.contractId, at, (c) => ({
        ...c,
        remainingCents: c.remainingCents - event.data.amountCents,
        payments: c.payments + 1,
      }));
    case 'RefundRecorded':
      return updateContract(state, event.data.contractId, at, (c) => ({ ...c, remainingCents: c.remainingCents + event.data.amountCents }));
    case 'ContractDeleted': {
      const contracts = withoutEntry(state.contracts, event.data.contractId);
      // Only cancelled occasions can remain on a contract being deleted: they go with it.
      const occasions = filterEntries(state.occasions, (o) => o.contractId !== event.data.contractId);
      return { ...state, contracts, occasions };
    }
    case 'OccasionScheduled': {
      const d = event.data;
      const occasion: Occasion = {
        id: d.occasionId,
        contractId: d.contractId,
        name: d.name,
        start: d.start,
        end: d.end,
        location: d.location,
        attendees: d.attendees,
        notes: d.notes,
        supportId: null,
        cancellation: null,
        createdAt: at,
        updatedAt: at,
      };
      return { ...state, occasions: withEntry(state.occasions, d.occasionId, occasion) };
    }
    case 'OccasionUpdated': {
      const { occasionId, ...changes } = event.data;
      return updateOccasion(state, occasionId, at, (o) => ({ ...o, ...changes }));
    }
    case 'SupportAssigned':
      return updateOccasion(state, event.data.occasionId, at, (o) => ({ ...o, supportId: event.data.supportId }));
    case 'SupportUnassigned':
      return updateOccasion(state, event.data.occasionId, at, (o) => ({ ...o, supportId: null }));
    case 'OccasionCancelled':
      return updateOccasion(state, event.data.occasionId, at, (o) => ({ ...o, cancellation: { reason: event.data.reason, at } }));
    default:
      return assertNever(event);
  }
}

function updateContract(state: AccountState, id: string, at: string, change: (c: Contract) => Contract): AccountState {
  const contract = state.contracts[id];
  if (!contract) return state;
  return { ...state, contracts: withEntry(state.contracts, id, { ...change(contract), updatedAt: at }) };
}

function updateOccasion(state: AccountState, id: string, at: string, change: (o: Occasion) => Occasion): AccountState {
  const occasion = state.occasions[id];
  if (!occasion) return state;
  return { ...state, occasions: withEntry(state.occasions, id, { ...change(occasion), updatedAt: at }) };
}

/** What was paid on a contract: its total less what remains (a contract may be created partly paid). */
export function paidCents(contract: Contract): number {
  return contract.totalCents - contract.remainingCents;
}

/** The occasions that will still take place (not cancelled), optionally of one contract. */
export function liveOccasions(state: AccountState, contractId?: string): Occasion[] {
  return Object.values(state.occasions).filter((o) => o.cancellation === null && (contractId === undefined || o.contractId === contractId));
}

/** Ids of the supports assigned to occasions of the account (optionally of one contract). */
export function assignedSupports(state: AccountState, contractId?: string): Set<string> {
  const ids = new Set<string>();
  for (const occasion of Object.values(state.occasions)) {
    if (occasion.supportId && (contractId === undefined || occasion.contractId === contractId)) ids.add(occasion.supportId);
  }
  return ids;
}
