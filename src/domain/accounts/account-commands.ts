/** Commands on a client account. Amounts are integer cents, instants ISO 8601 UTC, already parsed by the CLI. */
export type AccountCommand =
  | {
      type: 'CreateClient';
      data: { clientId: string; name: string; email: string; phone?: string | null; company?: string | null; commercialId: string };
    }
  | {
      type: 'EditClient';
      data: { clientId: string; name?: string; email?: string; phone?: string | null; company?: string | null; commercialId?: string };
    }
  | { type: 'DeleteClient'; data: { clientId: string } }
  /** `at`: now, to tell upcoming occasions (which block it) from past ones. */
  | { type: 'ForgetClient'; data: { clientId: string; at: string } }
  | { type: 'CreateContract'; data: { contractId: string; totalCents: number; remainingCents?: number; signed: boolean } }
  | { type: 'AmendContract'; data: { contractId: string; totalCents?: number; remainingCents?: number } }
  | { type: 'SignContract'; data: { contractId: string } }
  | { type: 'RecordPayment'; data: { contractId: string; amountCents: number } }
  | { type: 'RecordRefund'; data: { contractId: string; amountCents: number } }
  | { type: 'DeleteContract'; data: { contractId: string } }
  | {
      type: 'ScheduleOccasion';
      data: {
        occasionId: string;
        contractId: string;
        name: string;
        start: string;
        end: string;
        location: string;
        attendees: number;
        notes?: string | null;
      };
    }
  | {
      type: 'EditOccasion';
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
  | { type: 'AssignSupport'; data: { occasionId: string; supportId: string } }
  | { type: 'UnassignSupport'; data: { occasionId: string } }
  | { type: 'CancelOccasion'; data: { occasionId: string; reason?: string | null } };
