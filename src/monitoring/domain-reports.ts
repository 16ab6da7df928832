import type { RecordedEvent } from '../events/event-store.js';
import type { DomainReport } from './monitor-backend.js';

/**
 * Which accepted domain events the monitoring service hears about, and how:
 * changes to who may do what (user accounts) and contract signatures. Only
 * ids, roles and the kind of change leave: never the name, email or password
 * the event may describe.
 */
type Describe = (data: RecordedEvent['data']) => { recordId: unknown; tags?: Record<string, string> } | undefined;

const REPORTED: Readonly<Record<string, { message: string; recordType: DomainReport['recordType']; describe: Describe }>> = {
  UserCreated: { message: 'user created', recordType: 'user', describe: (d) => ({ recordId: d.userId, tags: roleTag(d.role) }) },
  UserRenamed: { message: 'user renamed', recordType: 'user', describe: (d) => ({ recordId: d.userId }) },
  UserEmailChanged: { message: 'user email changed', recordType: 'user', describe: (d) => ({ recordId: d.userId }) },
  UserRoleChanged: { message: 'user role changed', recordType: 'user', describe: (d) => ({ recordId: d.userId, tags: roleTag(d.role) }) },
  UserPasswordChanged: { message: 'user password changed', recordType: 'user', describe: (d) => ({ recordId: d.userId }) },
  UserDeleted: { message: 'user deleted', recordType: 'user', describe: (d) => ({ recordId: d.userId }) },
  ContractSigned: { message: 'contract signed', recordType: 'contract', describe: (d) => ({ recordId: d.contractId }) },
  // `contract create --signed` is a signature too.
  ContractCreated: {
    message: 'contract signed',
    recordType: 'contract',
    describe: (d) => (d.signed === true ? { recordId: d.contractId } : undefined),
  },
};

function roleTag(role: unknown): Record<string, string> | undefined {
  return typeof role === 'string' ? { user_role: role } : undefined;
}

/** The reports for the events one accepted command recorded, in order. */
export function domainReports(events: readonly RecordedEvent[]): DomainReport[] {
  const reports: DomainReport[] = [];
  for (const event of events) {
    const kind = REPORTED[event.type];
    const described = kind?.describe(event.data);
    if (!kind || !described || typeof described.recordId !== 'string') continue;
    reports.push({
      message: kind.message,
      eventType: event.type,
      recordType: kind.recordType,
      recordId: described.recordId,
      actor: { id: event.metadata.actor.id, role: event.metadata.actor.role },
      ...(described.tags && { tags: described.tags }),
    });
  }
  return reports;
}
