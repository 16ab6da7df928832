/**
 * The write path (src/commands/unit-of-work.ts): what a command says when its
 * change is saved but a later step fails, and about idempotency keys.
 */
export const engine = {
  'engine.changedMeanwhile': 'a client or an event was given to this user while the command ran: nothing was changed; run it again',
  'engine.savedButFailed': ({ reason }: { reason: string }) => `warning: the change is saved, but a later step failed: ${reason}`,
  'engine.idempotencyKeyInvalid': ({ max }: { max: number }) =>
    `--idempotency-key must be 1 to ${max} visible characters (letters, digits, punctuation), without spaces`,
};
