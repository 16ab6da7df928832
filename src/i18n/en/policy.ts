import type { Action, Scope } from '../../auth/permission-table.js';
import type { Role } from '../../domain/values/roles.js';

type Records = Readonly<Record<'all' | 'own' | 'assigned', string>>;

const users: Records = { all: 'users', own: 'users', assigned: 'users' };
const clients: Records = { all: 'clients', own: 'their own clients', assigned: 'the clients of events assigned to them' };
const contracts: Records = {
  all: 'contracts',
  own: 'the contracts of their own clients',
  assigned: 'the contracts of events assigned to them',
};
const occasions: Records = { all: 'events', own: 'the events of their own clients', assigned: 'the events assigned to them' };
const logEntries: Records = { all: 'the command log', own: 'their own log entries', assigned: 'their own log entries' };
const nothing: Records = { all: '', own: '', assigned: '' };

/** How each action reads in a refusal: "may not <verb> <records>", "may only <verb> <records>". */
const WORDING: Readonly<Record<Action, { readonly verb: string; readonly records: Records }>> = {
  'user.create': { verb: 'create', records: users },
  'user.list': { verb: 'list', records: users },
  'user.view': { verb: 'view', records: users },
  'user.edit': { verb: 'edit', records: users },
  'user.delete': { verb: 'delete', records: users },
  'user.disable': { verb: 'disable', records: users },
  'user.enable': { verb: 'enable', records: users },
  'user.unlock': { verb: 'unlock', records: users },
  'client.create': { verb: 'create', records: clients },
  'client.view': { verb: 'view', records: clients },
  'client.edit': { verb: 'edit', records: clients },
  'client.reassign': { verb: "change a client's commercial", records: nothing },
  'client.delete': { verb: 'delete', records: clients },
  'client.forget': { verb: 'forget', records: clients },
  'client.dossier': { verb: 'read the dossier of', records: clients },
  'contract.create': { verb: 'create contracts for', records: clients },
  'contract.view': { verb: 'view', records: contracts },
  'contract.edit': { verb: 'edit', records: contracts },
  'contract.sign': { verb: 'sign', records: contracts },
  'contract.pay': { verb: 'record payments on', records: contracts },
  'contract.delete': { verb: 'delete', records: contracts },
  'contract.refund': { verb: 'record refunds on', records: contracts },
  'event.create': { verb: 'create events for', records: contracts },
  'event.view': { verb: 'view', records: occasions },
  'event.edit': { verb: 'edit', records: occasions },
  'event.assign': { verb: 'assign or unassign supports to', records: occasions },
  'event.cancel': { verb: 'cancel', records: occasions },
  'log.list': { verb: 'read', records: logEntries },
  'audit.verify': { verb: 'verify the log', records: nothing },
  'audit.digest': { verb: 'take a digest of the log', records: nothing },
  'projection.manage': { verb: 'manage projections', records: nothing },
  'import.clients': { verb: 'import', records: clients },
};

export const policy = {
  /** "a support may not create clients", "a commercial may only edit their own clients". */
  'policy.refused': ({ action, role, scope }: { action: Action; role: Role; scope: Scope }): string => {
    const { verb, records } = WORDING[action];
    const what = (words: string) => [verb, words].filter((part) => part !== '').join(' ');
    const subject = role === 'gestion' ? 'gestion' : `a ${role}`;
    return scope === 'own' || scope === 'assigned'
      ? `${subject} may only ${what(records[scope])}`
      : `${subject} may not ${what(records.all)}`;
  },
};
