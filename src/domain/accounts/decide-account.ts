import { InvalidInput, NotFound, RuleViolation } from '../../errors.js';
import { assertNever } from '../assert-never.js';
import type { User } from '../users/users-state.js';
import { isValidEmail, isValidName, isValidPhone } from '../values/contact.js';
import { formatCents } from '../values/money.js';
import type { AccountCommand } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import type { AccountState, Contract, Occasion } from './account-state.js';

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
      if (state.status !== 'none') throw new RuleViolation(`client ${command.data.clientId} already exists`);
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
        throw new InvalidInput('nothing to change: give at least one of --name, --email, --phone, --company, --commercial');
      }
      return events;
    }
    case 'DeleteClient': {
      const client = requireClient(state);
      const contracts = Object.keys(state.contracts).length;
      if (contracts > 0) throw new RuleViolation(`client ${client.id} has ${contracts} contract(s): delete them first`);
      return [{ type: 'ClientDeleted', data: { clientId: client.id } }];
    }
    case 'CreateContract': {
      const client = requireClient(state);
      const { contractId, totalCents, signed } = command.data;
      if (state.contracts[contractId]) throw new RuleViolation(`contract ${contractId} already exists`);
      checkCents('total', totalCents);
      if (totalCents <= 0) throw new RuleViolation('total must be greater than 0');
      const remainingCents = command.data.remainingCents ?? totalCents;
      checkRemaining(remainingCents, totalCents);
      return [{ type: 'ContractCreated', data: { contractId, clientId: client.id, totalCents, remainingCents, signed } }];
    }
    case 'AmendContract': {
      const contract = requireContract(state, command.data.contractId);
      const { totalCents, remainingCents } = command.data;
      if (totalCents === undefined && remainingCents === undefined)
        throw new InvalidInput('nothing to change: give --total and/or --remaining');
      if (totalCents !== undefined) {
        checkCents('total', totalCents);
        if (totalCents <= 0) throw new RuleViolation('total must be greater than 0');
      }
      if (remainingCents !== undefined) checkCents('remaining', remainingCents);
      const nextTotal = totalCents ?? contract.totalCents;
      const nextRemaining = remainingCents ?? contract.remainingCents;
      checkRemaining(nextRemaining, nextTotal);
      const data: { contractId: string; totalCents?: number; remainingCents?: number } = { contractId: contract.id };
      if (nextTotal !== contract.totalCents) data.totalCents = nextTotal;
      if (nextRemaining !== contract.remainingCents) data.remainingCents = nextRemaining;
      return data.totalCents === undefined && data.remainingCents === undefined ? [] : [{ type: 'ContractAmended', data }];
    }
    case 'SignContract': {
      const contract = requireContract(state, command.data.contractId);
      if (contract.signed) throw new RuleViolation(`contract ${contract.id} is already signed`);
      return [{ type: 'ContractSigned', data: { contractId: contract.id } }];
    }
    case 'RecordPayment': {
      const contract = requireContract(state, command.data.contractId);
      const { amountCents } = command.data;
      checkCents('amount', amountCents);
      if (amountCents <= 0) throw new RuleViolation('a payment must be greater than 0');
      if (amountCents > contract.remainingCents) {
        throw new RuleViolation(`payment of ${formatCents(amountCents)} exceeds the remaining ${formatCents(contract.remainingCents)}`);
      }
      return [{ type: 'PaymentRecorded', data: { contractId: contract.id, amountCents } }];
    }
    case 'DeleteContract': {
      const contract = requireContract(state, command.data.contractId);
      const occasions = Object.values(state.occasions).filter((o) => o.contractId === contract.id).length;
      if (occasions > 0) throw new RuleViolation(`contract ${contract.id} has ${occasions} event(s): it cannot be deleted`);
      return [{ type: 'ContractDeleted', data: { contractId: contract.id } }];
    }
    case 'ScheduleOccasion': {
      const d = command.data;
      const contract = requireContract(state, d.contractId);
      if (!contract.signed) throw new RuleViolation(`contract ${contract.id} is not signed: events need a signed contract`);
      if (state.occasions[d.occasionId]) throw new RuleViolation(`event ${d.occasionId} already exists`);
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
      const occasion = requireOccasion(state, command.data.occasionId);
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
        throw new InvalidInput('nothing to change: give at least one of --name, --start, --end, --location, --attendees, --notes');
      }
      return Object.keys(changes).length === 0 ? [] : [{ type: 'OccasionUpdated', data: { occasionId: occasion.id, ...changes } }];
    }
    case 'AssignSupport': {
      const occasion = requireOccasion(state, command.data.occasionId);
      const support = context.support;
      if (!support || support.deleted || support.id !== command.data.supportId) throw new NotFound(`no user ${command.data.supportId}`);
      if (support.role !== 'support') throw new RuleViolation(`${support.id} is ${support.role}: only a support user can be assigned`);
      if (occasion.supportId === support.id) return [];
      return [{ type: 'SupportAssigned', data: { occasionId: occasion.id, supportId: support.id } }];
    }
    case 'UnassignSupport': {
      const occasion = requireOccasion(state, command.data.occasionId);
      if (occasion.supportId === null) return [];
      return [{ type: 'SupportUnassigned', data: { occasionId: occasion.id } }];
    }
    default:
      return assertNever(command);
  }
}

function requireClient(state: AccountState) {
  if (state.status !== 'active' || !state.client) throw new NotFound('no such client');
  return state.client;
}

export function requireContract(state: AccountState, contractId: string): Contract {
  requireClient(state);
  const contract = state.contracts[contractId];
  if (!contract) throw new NotFound(`no contract ${contractId}`);
  return contract;
}

export function requireOccasion(state: AccountState, occasionId: string): Occasion {
  requireClient(state);
  const occasion = state.occasions[occasionId];
  if (!occasion) throw new NotFound(`no event ${occasionId}`);
  return occasion;
}

function checkCommercial(commercial: User | undefined, commercialId: string): void {
  if (!commercial || commercial.deleted || commercial.id !== commercialId) throw new NotFound(`no user ${commercialId}`);
  if (commercial.role !== 'commercial')
    throw new RuleViolation(`${commercial.id} is ${commercial.role}: a client's commercial must be a commercial`);
}

function checkClientName(name: string): void {
  if (!isValidName(name)) throw new InvalidInput('client name must not be empty (at most 200 printable characters)');
}

function checkOccasionName(name: string): void {
  if (!isValidName(name)) throw new InvalidInput('event name must not be empty (at most 200 printable characters)');
}

function checkClientEmail(email: string): void {
  if (!isValidEmail(email.trim())) throw new InvalidInput(`invalid email address: ${JSON.stringify(email.slice(0, 60))}`);
}

function checkPhone(phone: string): void {
  if (!isValidPhone(phone))
    throw new InvalidInput(
      `invalid phone number ${JSON.stringify(phone.slice(0, 40))}: digits with optional +, spaces, dots, dashes (7-20 digits)`,
    );
}

function checkText(field: string, value: string, required = false): void {
  if (required && value.trim().length === 0) throw new InvalidInput(`${field} must not be empty`);
  if (value.length > MAX_TEXT) throw new InvalidInput(`${field} is too long (at most ${MAX_TEXT} characters)`);
  // Newlines and tabs are fine in notes; other control characters are not.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) throw new InvalidInput(`${field} contains control characters`);
}

function checkCents(field: string, cents: number): void {
  if (!Number.isSafeInteger(cents)) throw new InvalidInput(`${field} must be a whole number of cents`);
  if (cents < 0) throw new RuleViolation(`${field} must not be negative`);
}

function checkRemaining(remaining: number, total: number): void {
  checkCents('remaining', remaining);
  if (remaining > total) throw new RuleViolation(`remaining (${formatCents(remaining)}) must not exceed the total (${formatCents(total)})`);
}

function checkAttendees(attendees: number): void {
  if (!Number.isInteger(attendees) || attendees < 0 || attendees > MAX_ATTENDEES) {
    throw new InvalidInput(`attendees must be a whole number between 0 and ${MAX_ATTENDEES}`);
  }
}

function checkPeriod(start: string, end: string): void {
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (!Number.isFinite(s) || !Number.isFinite(e)) throw new InvalidInput('start and end must be valid date-times');
  if (s >= e) throw new RuleViolation('the event must start before it ends');
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
