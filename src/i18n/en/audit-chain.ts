import type { DigestDifference } from '../../audit/log-digest.js';
import type { Problem } from '../../audit/verify.js';
import type { Format } from '../format.js';

type DifferenceKind = DigestDifference['kind'];

const PROBLEMS: Readonly<Record<Problem, string>> = {
  'hash mismatch': 'hash mismatch',
  'plain link': 'plain link (a SHA-256 link where a keyed one is due: forged without the key, or written by an old release)',
  'time mismatch': 'time mismatch (the time kept beside the event is not the one it was hashed with)',
  'prevHash mismatch': 'prevHash mismatch',
  'version gap': 'version gap',
  'legacy head mismatch': 'legacy head mismatch (the plain part does not end where the switch-over recorded it)',
  'head mismatch': 'head mismatch',
};

const DIFFERENCES: Readonly<Record<DifferenceKind, string>> = {
  inserted: 'inserted at or before that position',
  removed: 'removed (or moved after that position)',
  rewritten: 'rewritten, its chain recomputed with the key',
  moved: 'moved to another position',
  edited: 'edited (it no longer matches its link, its stored hash kept)',
};

/** The keyed hash chain and its key (src/events/audit-key.ts, chain-keeper.ts). */
export const auditChain = {
  'chain.keyTooShort': ({ source, minBytes }: { source: string; minBytes: number }): string =>
    `${source} is too short to be an audit key: it needs at least ${minBytes} bytes`,
  'chain.keyCreated': ({ path }: { path: string }): string =>
    `created the audit key ${path}: keep a copy away from this machine (a password manager, a safe); without it nobody can check the log's tamper evidence, and other machines writing to this log need it too (EPIC_AUDIT_KEY)`,
  'chain.noKey':
    'no audit key: this log is chained with one; set EPIC_AUDIT_KEY, or put the key in audit.key in EPIC_HOME (copy it from where it is kept)',
  'chain.noKeyFor': ({ fingerprint }: { fingerprint: string }): string =>
    `no audit key: this log is chained with the key of fingerprint ${fingerprint}; set EPIC_AUDIT_KEY, or put that key in audit.key in EPIC_HOME`,
  'chain.keyMismatch': ({ expected, actual }: { expected: string; actual: string }): string =>
    `the audit key is not this log's: its fingerprint is ${actual}, the log's is ${expected}; nothing was written`,
  'chain.keyDoesNotFit':
    "the audit key does not verify the first event of this log: it is not the log's key, or the log was changed; run epic audit verify",
  'chain.storeWithoutKey': 'this event store was opened without an audit key: it cannot append',
  'chain.recordUnreadable': ({ stream }: { stream: string }): string =>
    `the switch-over record (stream ${stream}) is not one epic wrote; run epic audit verify`,
  // epic audit verify / digest: the readable report (its JSON keeps the codes: 'hash mismatch', 'removed'…)
  'chain.digestMalformed': ({ option }: { option: string }): string =>
    `${option} must be a digest printed by epic audit digest (epic-digest:1:<position>:<events>:<time>:<64 hex characters>)`,
  'chain.verify.counts': ({ events, streams }: { events: number; streams: number }, f: Format): string =>
    `${f.number(events)} ${f.plural(events, { one: 'event', other: 'events' })} in ${f.number(streams)} ${f.plural(streams, { one: 'stream', other: 'streams' })}`,
  'chain.verify.chain': ({ chain }: { chain: 'keyed' | 'switched' | 'plain' }): string =>
    chain === 'keyed'
      ? 'every link is keyed with the audit key'
      : chain === 'switched'
        ? 'plain SHA-256 links up to the switch-over recorded in audit-chain, keyed links after it'
        : 'plain SHA-256 links: the log was written before the keyed chain, and its next write switches it over',
  'chain.verify.broken': ({
    stream,
    version,
    position,
    problem,
  }: {
    stream: string;
    version: number;
    position: number | null;
    problem: Problem;
  }): string => `BROKEN ${stream} at version ${version}${position === null ? '' : ` (position ${position})`}: ${PROBLEMS[problem]}`,
  'chain.verify.expected': ({ value }: { value: string | null }): string =>
    `expected ${value ?? 'the keyed link of the stored fields (never shown: it would let whoever reads it make the edit verify)'}`,
  'chain.verify.actual': ({ value }: { value: string | null }): string => `actual ${value ?? 'nothing'}`,
  'chain.verify.credential': ({
    userId,
    problem,
    stream,
    version,
    boundTo,
  }: {
    userId: string;
    problem: 'missing' | 'unbound' | 'stale';
    stream: string;
    version: number;
    boundTo: number | null;
  }): string =>
    problem === 'missing'
      ? `CREDENTIAL of user ${userId}: no password stored, though ${stream} version ${version} set one`
      : problem === 'unbound'
        ? `CREDENTIAL of user ${userId}: the stored password is not bound to this user (copied from another row, or forged); ${stream} version ${version} set it`
        : `CREDENTIAL of user ${userId}: the stored password was set at ${stream} version ${boundTo ?? 0}, but the log's last change is version ${version} (an older row put back)`,
  'chain.verify.chainsOk': 'every hash chain verifies',
  'chain.verify.credentialsOk': 'every stored password is bound to its user and to its last change in the log',
  'chain.verify.digest': ({ digest }: { digest: string }): string => `digest ${digest}`,
  'chain.verify.expectMatches': 'matches the expected digest',
  'chain.verify.expectDiffers': ({ expected }: { expected: string }): string => `expected ${expected}: DIFFERENT`,
  'chain.verify.sinceExtends': ({ position, at }: { position: number; at: string }, f: Format): string =>
    `extends the digest of position ${position}, taken ${f.dateTime(at)}: nothing at or before that position changed`,
  'chain.verify.sinceDiffers': ({ position, at }: { position: number; at: string }, f: Format): string =>
    `does NOT extend the digest of position ${position}, taken ${f.dateTime(at)}:`,
  'chain.verify.difference': ({ kind, stream, version }: { kind: DifferenceKind; stream: string; version: number }): string =>
    `${stream} from version ${version}: ${DIFFERENCES[kind]}`,
  'chain.verify.reordered': 'events at or before that position were moved to other positions (every stream head is the same)',
  'chain.verify.recordMissing': 'the log holds no record of that digest either: what changed cannot be named',
  'chain.verify.recordAltered': "the log's record of that digest was altered too: what changed cannot be named",
  'chain.verify.failedChain': ({ count, stream, version }: { count: number; stream: string; version: number }, f: Format): string =>
    `the log does not verify: ${f.plural(count, { one: `${count} stream with a broken link`, other: `${count} streams with a broken link` })}, the first ${stream} at version ${version}`,
  'chain.verify.failedCredentials': (
    { count, userId, stream, version }: { count: number; userId: string; stream: string; version: number },
    f: Format,
  ): string =>
    `the log does not verify: ${f.plural(count, { one: `${count} stored password is not the one the log records`, other: `${count} stored passwords are not the ones the log records` })}, the first of user ${userId} (${stream} version ${version})`,
  'chain.verify.failedSince': ({ position, stream, version }: { position: number; stream: string; version: number }): string =>
    `the log does not extend the digest of position ${position}: it differs first in ${stream} at version ${version}`,
  'chain.verify.failedSinceUnnamed': ({ position }: { position: number }): string =>
    `the log does not extend the digest of position ${position}: what changed before it cannot be named (see the report)`,
  'chain.verify.failedExpect': 'the digest differs from the expected one: the log changed since it was taken',
  'chain.digest.keep':
    'keep this line outside the system (a ticket, another machine, paper): epic audit verify --since <line> proves the log still extends it',
  'chain.digest.notTaken': ({ stream, version }: { stream: string; version: number }): string =>
    `the log does not verify (${stream} at version ${version}): no digest taken; run epic audit verify`,
};
