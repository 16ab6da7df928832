import { InvalidInput, NotFound, RuleViolation } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import { assertNever } from '../assert-never.js';
import type { User } from '../users/users-state.js';
import { isValidEmail, isValidName, isValidPhone } from '../values/contact.js';
import type { AmountField, TextField } from '../values/fields.js';
import type { AccountCommand } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import { type AccountState, type Contract, liveOccasions, type Occasion, paidCents } from './account-state.js';

/** Users the decision needs, read by the handler from the user directory at the same moment. */
export interface AccountContext {
  /** The live user named as the client's commercial (CreateClient, EditClient with commercialId). */
  readonly commercial?: User | undefined;
  /** The live user named as the occasion's support (AssignSupport). */
  readonly support?: User | undefined;
}

const MAX_ATTENDEES = 1_000_000;
const MAX_TEXT = 2_000;

/** Pure: the events an account command produces, or a domain error. */
export function decideAccount(command: AccountCommand, state: AccountState, context: AccountContext = {}): AccountEvent[] {
  switch (command.type) {
    case 'CreateClient': {
      if (state.status !== 'none') throw new RuleViolation(msg('client.alreadyExists', { clientId: command.data.clientId }));
      const { clientId, name, email, commercialId } = command.data;
      checkClientName(name);
      checkClientEmail(email);
      const phone = normalizeOptional(command.data.phone);
      const company = normalizeOptional(command.data.company);
      if (phone !== null) checkPhone(phone);
      if (company !== null) checkText('company', company);
      checkCommercial(context.commercial, commercialId);
      return [{ type: 'ClientCreated', data: { clientId, name: name.trim(), email: email.trim(), phone, company, commercialId } }];
    }
    case 'EditClient': {
      const client = requireClient(state);
      const { name, email, phone, company, commercialId } = command.data;
      const changes: { name?: string; email?: string; phone?: string | null; company?: string | null } = {};
      if (name !== undefined) {
        checkClientName(name);
        if (name.trim() !== client.name) changes.name = name.trim();
      }
      if (email !== undefined) {
        checkClientEmail(email);
        if (email.trim() !== client.email) changes.email = email.trim();
      }
      if (phone !== undefined) {
        const value = normalizeOptional(phone);
        if (value !== null) checkPhone(value);
        if (value !== client.phone) changes.phone = value;
      }
      if (company !== undefined) {
        const value = normalizeOptional(company);
        if (value !== null) checkText('company', value);
        if (value !== client.company) changes.company = value;
      }
      const events: AccountEvent[] = [];
      if (Object.keys(changes).length > 0) events.push({ type: 'ClientUpdated', data: { clientId: client.id, ...changes } });
      if (commercialId !== undefined && commercialId !== client.commercialId) {
        checkCommercial(context.commercial, commercialId);
        events.push({ type: 'ClientReassigned', data: { clientId: client.id, commercialId, previousCommercialId: client.commercialId } });
      }
      if (events.length === 0 && !isAnyGiven(command.data, ['name', 'email', 'phone', 'company', 'commercialId'])) {
        throw new InvalidInput(msg('client.nothingToChange'));
      }
      return events;
    }
    case 'DeleteClient': {
      const client = requireClient(state);
      const contracts = Object.keys(state.contracts).length;
      if (contracts > 0) throw new RuleViolation(msg('client.hasContracts', { clientId: client.id, count: contracts }));
      return [{ type: 'ClientDeleted', data: { clientId: client.id } }];
    }
    case 'ForgetClient': {
      const client = requireClient(state);
      const now = Date.parse(command.data.at);
      const upcoming = Object.values(state.occasions).filter((occasion) => isUpcoming(occasion, now));
      if (upcoming.length > 0) throw new RuleViolation(msg('client.forgetUpcoming', { clientId: client.id, count: upcoming.length }));
      return [{ type: 'ClientForgotten', data: { clientId: client.id } }];
    }
    case 'CreateContract': {
      const client = requireClient(state);
      const { contractId, totalCents, signed } = command.data;
      if (state.contracts[contractId]) throw new RuleViolation(msg('contract.alreadyExists', { contractId }));
      checkCents('total', totalCents);
      if (totalCents <= 0) throw new RuleViolation(msg('contract.totalNotPositive'));
      const remainingCents = command.data.remainingCents ?? totalCents;
      checkRemaining(remainingCents, totalCents);
      return [{ type: 'ContractCreated', data: { contractId, clientId: client.id, totalCents, remainingCents, signed } }];
    }
    case 'AmendContract':
      return amendContract(state, command.data);
    case 'SignContract': {
      const contract = requireContract(state, command.data.contractId);
      if (contract.signed) throw new RuleViolation(msg('contract.alreadySigned', { contractId: contract.id }));
      return [{ type: 'ContractSigned', data: { contractId: contract.id } }];
    }
    case 'RecordPayment': {
      const contract = requireContract(state, command.data.contractId);
      const { amountCents } = command.data;
      checkCents('amount', amountCents);
      if (amountCents <= 0) throw new RuleViolation(msg('contract.paymentNotPositive'));
      if (amountCents > contract.remainingCents) {
        throw new RuleViolation(msg('contract.paymentExceedsRemaining', { amountCents, remainingCents: contract.remainingCents }));
      }
      return [{ type: 'PaymentRecorded', data: { contractId: contract.id, amountCents } }];
    }
    case 'RecordRefund':
      return recordRefund(state, command.data);
    case 'DeleteContract': {
      const contract = requireContract(state, command.data.contractId);
      // A cancelled occasion does not hold its contract back: it goes with it (and stays in the history).
      const occasions = liveOccasions(state, contract.id).length;
      if (occasions > 0) throw new RuleViolation(msg('contract.hasEvents', { contractId: contract.id, count: occasions }));
      return [{ type: 'ContractDeleted', data: { contractId: contract.id } }];
    }
    case 'ScheduleOccasion': {
      const d = command.data;
      const contract = requireContract(state, d.contractId);
      if (!contract.signed) throw new RuleViolation(msg('contract.notSigned', { contractId: contract.id }));
      if (state.occasions[d.occasionId]) throw new RuleViolation(msg('event.alreadyExists', { occasionId: d.occasionId }));
      checkOccasionName(d.name);
      checkText('location', d.location, true);
      checkAttendees(d.attendees);
      checkPeriod(d.start, d.end);
      const notes = normalizeOptional(d.notes);
      if (notes !== null) checkText('notes', notes);
      return [
        {
          type: 'OccasionScheduled',
          data: {
            occasionId: d.occasionId,
            contractId: contract.id,
            name: d.name.trim(),
            start: d.start,
            end: d.end,
            location: d.location.trim(),
            attendees: d.attendees,
            notes,
          },
        },
      ];
    }
    case 'EditOccasion': {
      const occasion = requireScheduled(state, command.data.occasionId);
      const { name, start, end, location, attendees, notes } = command.data;
      const changes: { name?: string; start?: string; end?: string; location?: string; attendees?: number; notes?: string | null } = {};
      if (name !== undefined) {
        checkOccasionName(name);
        if (name.trim() !== occasion.name) changes.name = name.trim();
      }
      if (location !== undefined) {
        checkText('location', location, true);
        if (location.trim() !== occasion.location) changes.location = location.trim();
      }
      if (attendees !== undefined) {
        checkAttendees(attendees);
        if (attendees !== occasion.attendees) changes.attendees = attendees;
      }
      if (notes !== undefined) {
        const value = normalizeOptional(notes);
        if (value !== null) checkText('notes', value);
        if (value !== occasion.notes) changes.notes = value;
      }
      if (start !== undefined || end !== undefined) {
        const nextStart = start ?? occasion.start;
        const nextEnd = end ?? occasion.end;
        checkPeriod(nextStart, nextEnd);
        if (nextStart !== occasion.start) changes.start = nextStart;
        if (nextEnd !== occasion.end) changes.end = nextEnd;
      }
      if (!isAnyGiven(command.data, ['name', 'start', 'end', 'location', 'attendees', 'notes'])) {
        throw new InvalidInput(msg('event.nothingToChange'));
      }
      return Object.keys(changes).length === 0 ? [] : [{ type: 'OccasionUpdated', data: { occasionId: occasion.id, ...changes } }];
    }
    case 'AssignSupport': {
      const occasion = requireScheduled(state, command.data.occasionId);
      const support = context.support;
      if (!support || support.deleted || support.id !== command.data.supportId)
        throw new NotFound(msg('user.notFound', { userId: command.data.supportId }));
      if (support.role !== 'support') throw new RuleViolation(msg('event.supportNotSupport', { userId: support.id, role: support.role }));
      if (support.disabled) throw new RuleViolation(msg('user.disabled', { userId: support.id }));
      if (occasion.supportId === support.id) return [];
      return [{ type: 'SupportAssigned', data: { occasionId: occasion.id, supportId: support.id } }];
    }
    case 'UnassignSupport': {
      const occasion = requireScheduled(state, command.data.occasionId);
      if (occasion.supportId === null) return [];
      return [{ type: 'SupportUnassigned', data: { occasionId: occasion.id } }];
    }
    case 'CancelOccasion':
      return cancelOccasion(state, command.data);
    default:
      return assertNever(command);
  }
}

/** An occasion that has not ended yet (and is not cancelled) blocks forgetting its client: the team still needs to reach them. */
function isUpcoming(occasion: Occasion, now: number): boolean {
  return occasion.cancellation === null && Date.parse(occasion.end) > now;
}

function requireClient(state: AccountState) {
  if (state.status !== 'active' || !state.client) throw new NotFound(msg('client.missing'));
  return state.client;
}

export function requireContract(state: AccountState, contractId: string): Contract {
  requireClient(state);
  const contract = state.contracts[contractId];
  if (!contract) throw new NotFound(msg('contract.notFound', { contractId }));
  return contract;
}

export function requireOccasion(state: AccountState, occasionId: string): Occasion {
  requireClient(state);
  const occasion = state.occasions[occasionId];
  if (!occasion) throw new NotFound(msg('event.notFound', { occasionId }));
  return occasion;
}

/**
 * A new total keeps what was paid: remaining becomes total − paid (refused
 * below what was paid). Remaining is an absolute figure, so it is set only
 * while no payment is recorded: beside payments it would undo them; `pay`
 * and `refund` move it from then on.
 */
function amendContract(state: AccountState, data: { contractId: string; totalCents?: number; remainingCents?: number }): AccountEvent[] {
  const contract = requireContract(state, data.contractId);
  const { totalCents, remainingCents } = data;
  if (totalCents === undefined && remainingCents === undefined) throw new InvalidInput(msg('contract.nothingToChange'));
  if (totalCents !== undefined) {
    checkCents('total', totalCents);
    if (totalCents <= 0) throw new RuleViolation(msg('contract.totalNotPositive'));
  }
  if (remainingCents !== undefined) {
    checkCents('remaining', remainingCents);
    if (contract.payments > 0) throw new RuleViolation(msg('contract.remainingAfterPayment', { contractId: contract.id }));
  }
  const nextTotal = totalCents ?? contract.totalCents;
  const paid = paidCents(contract);
  if (remainingCents === undefined && nextTotal < paid) {
    throw new RuleViolation(msg('contract.totalBelowPaid', { totalCents: nextTotal, paidCents: paid }));
  }
  const nextRemaining = remainingCents ?? nextTotal - paid;
  checkRemaining(nextRemaining, nextTotal);
  const changes: { contractId: string; totalCents?: number; remainingCents?: number } = { contractId: contract.id };
  if (nextTotal !== contract.totalCents) changes.totalCents = nextTotal;
  if (nextRemaining !== contract.remainingCents) changes.remainingCents = nextRemaining;
  return changes.totalCents === undefined && changes.remainingCents === undefined ? [] : [{ type: 'ContractAmended', data: changes }];
}

/** Gives back part of what was paid: at most total − remaining. */
function recordRefund(state: AccountState, data: { contractId: string; amountCents: number }): AccountEvent[] {
  const contract = requireContract(state, data.contractId);
  checkCents('amount', data.amountCents);
  if (data.amountCents <= 0) throw new RuleViolation(msg('contract.refundNotPositive'));
  const paid = paidCents(contract);
  if (data.amountCents > paid)
    throw new RuleViolation(msg('contract.refundExceedsPaid', { amountCents: data.amountCents, paidCents: paid }));
  return [{ type: 'RefundRecorded', data: { contractId: contract.id, amountCents: data.amountCents } }];
}

function cancelOccasion(state: AccountState, data: { occasionId: string; reason?: string | null }): AccountEvent[] {
  const occasion = requireOccasion(state, data.occasionId);
  if (occasion.cancellation !== null) throw new RuleViolation(msg('event.alreadyCancelled', { occasionId: occasion.id }));
  const reason = normalizeOptional(data.reason);
  if (reason !== null) checkText('reason', reason);
  return [{ type: 'OccasionCancelled', data: { occasionId: occasion.id, reason } }];
}

/** An occasion that will still take place: a cancelled one is kept as it was, never edited or assigned again. */
function requireScheduled(state: AccountState, occasionId: string): Occasion {
  const occasion = requireOccasion(state, occasionId);
  if (occasion.cancellation !== null) throw new RuleViolation(msg('event.cancelled', { occasionId: occasion.id }));
  return occasion;
}

function checkCommercial(commercial: User | undefined, commercialId: string): void {
  if (!commercial || commercial.deleted || commercial.id !== commercialId)
    throw new NotFound(msg('user.notFound', { userId: commercialId }));
  if (commercial.role !== 'commercial')
    throw new RuleViolation(msg('client.commercialNotCommercial', { userId: commercial.id, role: commercial.role }));
  if (commercial.disabled) throw new RuleViolation(msg('user.disabled', { userId: commercial.id }));
}

function checkClientName(name: string): void {
  if (!isValidName(name)) throw new InvalidInput(msg('client.nameInvalid'));
}

function checkOccasionName(name: string): void {
  if (!isValidName(name)) throw new InvalidInput(msg('event.nameInvalid'));
}

function checkClientEmail(email: string): void {
  if (!isValidEmail(email.trim())) throw new InvalidInput(msg('values.email.invalid'));
}

function checkPhone(phone: string): void {
  if (!isValidPhone(phone)) throw new InvalidInput(msg('values.phone.invalid'));
}

function checkText(field: TextField, value: string, required = false): void {
  if (required && value.trim().length === 0) throw new InvalidInput(msg('values.text.empty', { field }));
  if (value.length > MAX_TEXT) throw new InvalidInput(msg('values.text.tooLong', { field, max: MAX_TEXT }));
  // Newlines and tabs are fine in notes; other control characters are not.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) throw new InvalidInput(msg('values.text.control', { field }));
}

function checkCents(field: AmountField, cents: number): void {
  if (!Number.isSafeInteger(cents)) throw new InvalidInput(msg('values.cents.notWhole', { field }));
  if (cents < 0) throw new RuleViolation(msg('values.cents.negative', { field }));
}

function checkRemaining(remaining: number, total: number): void {
  checkCents('remaining', remaining);
  if (remaining > total) throw new RuleViolation(msg('contract.remainingExceedsTotal', { remainingCents: remaining, totalCents: total }));
}

function checkAttendees(attendees: number): void {
  if (!Number.isInteger(attendees) || attendees < 0 || attendees > MAX_ATTENDEES) {
    throw new InvalidInput(msg('event.attendeesInvalid', { max: MAX_ATTENDEES }));
  }
}

function checkPeriod(start: string, end: string): void {
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (!Number.isFinite(s) || !Number.isFinite(e)) throw new InvalidInput(msg('event.periodInvalid'));
  if (s >= e) throw new RuleViolation(msg('event.endsBeforeStart'));
}

function normalizeOptional(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : trimmed;
}

function isAnyGiven(data: object, keys: readonly string[]): boolean {
  const record = data as Record<string, unknown>;
  return keys.some((key) => record[key] !== undefined);
}
