/**
 * A user's holdings (stream `holdings-<userId>`): one `HoldingTaken` each
 * time a record comes to depend on the user — a client given them as its
 * commercial, an event assigned to them as its support — appended in the
 * same multi-stream append as that change. Nothing is decided on these
 * events; their stream's version is a guard. A command that takes the user
 * away (deleted, or leaving their role) reads that version before it scans
 * the user's portfolio and commits only if it is unchanged: a holding taken
 * in between fails it (exit 6) instead of leaving a client or an event with
 * a user who cannot hold it. The other way round, the change that takes a
 * holding commits only if the user directory is still at the version it
 * decided on (src/commands/account-handler.ts).
 */
export type HoldingEvent = {
  type: 'HoldingTaken';
  data: { userId: string; clientId: string; occasionId: string | null };
};

export const HOLDINGS_STREAM_PREFIX = 'holdings-';

export function holdingsStream(userId: string): string {
  return `${HOLDINGS_STREAM_PREFIX}${userId}`;
}
