/**
 * Hostile input: a seeded generator throws malformed and hostile values at
 * every option (and id argument) of every command, through the in-process
 * CLI. Every attempt ends with exit 0, 2, 4 or 5 — never 1 — and, when
 * refused, one short `error:` line without a stack trace or a raw control
 * character; a refused command appends nothing but its command-log entry.
 * Then values that are valid but strange are stored and shown back exactly.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMAND_LOG_STREAM } from '../../src/domain/command-log.js';
import type { EventStore } from '../../src/events/event-store.js';
import { type OpenedEventStore, openEventStore } from '../../src/events/open-event-store.js';
import { testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';
import { assertOneLineError, pick, seededRandom } from './support/hardening.js';

/** How many hostile attempts the generator makes (each one a full CLI command, ~20 ms on tmpfs); EPIC_HOSTILE_INPUTS for a longer run. */
const INPUTS = Number(process.env.EPIC_HOSTILE_INPUTS ?? 1_500);
const SEED = 0x5eed_2026;

const HUGE = 'A'.repeat(100_000);

/** Values no option should ever take as they are (some may still be valid for a free-text option). */
const HOSTILE: readonly string[] = [
  '',
  ' ',
  '   ',
  '\t',
  '\n',
  'x\ny',
  '\r\n',
  'a\u0000b',
  '\u0000',
  '\u0007bell',
  '\u001b[31mred\u001b[0m',
  '\u001b]0;title\u0007',
  '\u009b31m',
  '\u0085next line',
  'line\u2028separator',
  'para\u2029graph',
  '\u202eevil\u202c',
  '\u200f\u200e',
  '\ufeffbom',
  '\u200b',
  '\ud800',
  'x\udfff',
  '😀',
  '👩‍👩‍👧‍👦',
  'Ω≈ç√∫',
  'ｆｕｌｌｗｉｄｔｈ',
  'é'.repeat(300),
  HUGE,
  `${HUGE}@x.io`,
  "'; DROP TABLE clients;--",
  '" OR 1=1 --',
  "' OR '1'='1",
  '1; DELETE FROM events',
  'x%',
  '%',
  '_',
  '*',
  '\\',
  "\\'",
  '$(rm -rf /)',
  '`id`',
  '| cat /etc/passwd',
  '; ls',
  '&& echo pwned',
  '../../etc/passwd',
  '%s%n%x',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '${7*7}',
  '<script>alert(1)</script>',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '-0',
  '0',
  '0.00',
  '0.001',
  '1.005',
  '1e5',
  '1E-2',
  '0x10',
  '0b1',
  '1,5',
  '1 000',
  '+5',
  '.5',
  '5.',
  '1..2',
  '99999999999999999999',
  '9007199254740993',
  '10000000000000',
  '9999999999999.99',
  ' 12 ',
  '٣',
  '１２',
  '2026-02-30',
  '2026-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-06-04T25:00',
  '2026-06-04T23:60',
  '0000-00-00',
  '9999-12-31T23:59',
  '2026-06-04T13:00+99:00',
  '2026-06-04T13:00+14:01',
  '+275760-09-13',
  '2026-06-04T13:00:00.0000001Z',
  'yesterday',
  'now',
  '1717500000',
  'gestion ',
  'GESTION',
  'admin',
  'root',
  'system',
  'anonymous',
  'abc',
  'zzz',
  '2222',
  'zzzzzzzzzz',
  'aaaa',
  '----',
  '--json',
  '-',
  '--',
  '-h',
  '--help',
  '--version',
];

interface Target {
  readonly args: (value: string) => string[];
  /** For the ids of records the generator must not delete by accident: only unknown or malformed ids go here. */
  readonly destructive?: boolean;
  readonly stdin?: string | ((value: string) => string);
  readonly who?: 'ada' | 'bob';
}

let app: Installation;
let opened: OpenedEventStore;
let ids: {
  gestion: string;
  commercial: string;
  support: string;
  target: string;
  client: string;
  contract: string;
  unsigned: string;
  event: string;
};
let unique = 0;
const email = () => `u${++unique}@hostile.test`;
/** An option value: `--opt=value` so that a value starting with "-" is the value, not an option. */
const opt = (name: string, value: string) => `--${name}=${value}`;

function targets(): Target[] {
  const { client, contract, unsigned, event, target, commercial, support, gestion } = ids;
  const t: Target[] = [
    { args: (v) => ['client', 'create', opt('name', v), opt('email', email())] },
    { args: (v) => ['client', 'create', opt('name', 'Ok Name'), opt('email', v)] },
    { args: (v) => ['client', 'create', opt('name', 'Ok Name'), opt('email', email()), opt('phone', v)] },
    { args: (v) => ['client', 'create', opt('name', 'Ok Name'), opt('email', email()), opt('company', v)] },
    { args: (v) => ['client', 'create', opt('name', 'Ok Name'), opt('email', email()), opt('commercial', v)] },
    { args: (v) => ['client', 'edit', v, opt('name', 'Renamed')] },
    { args: (v) => ['client', 'edit', client, opt('name', v)] },
    { args: (v) => ['client', 'edit', client, opt('email', v)] },
    { args: (v) => ['client', 'edit', client, opt('phone', v)] },
    { args: (v) => ['client', 'edit', client, opt('company', v)] },
    { args: (v) => ['client', 'edit', client, opt('commercial', v)] },
    { args: (v) => ['client', 'view', v, '--json'] },
    { args: (v) => ['client', 'list', opt('search', v), '--json'] },
    { args: (v) => ['client', 'list', opt('commercial', v), '--json'] },
    { args: (v) => ['client', 'delete', v, '--yes'], destructive: true },
    { args: (v) => ['contract', 'create', opt('client', v), opt('total', '100')] },
    { args: (v) => ['contract', 'create', opt('client', client), opt('total', v)] },
    { args: (v) => ['contract', 'create', opt('client', client), opt('total', '100'), opt('remaining', v)] },
    { args: (v) => ['contract', 'edit', v, opt('total', '5000')], destructive: true },
    { args: (v) => ['contract', 'edit', unsigned, opt('total', v)] },
    { args: (v) => ['contract', 'edit', unsigned, opt('remaining', v)] },
    { args: (v) => ['contract', 'pay', v, opt('amount', '1')], destructive: true },
    { args: (v) => ['contract', 'pay', contract, opt('amount', v)] },
    { args: (v) => ['contract', 'sign', v], destructive: true },
    { args: (v) => ['contract', 'delete', v, '--yes'], destructive: true },
    { args: (v) => ['contract', 'view', v, '--json'] },
    { args: (v) => ['contract', 'list', opt('client', v), '--json'] },
    {
      args: (v) => [
        'event',
        'create',
        opt('contract', v),
        opt('name', 'Party'),
        opt('start', '2031-07-01T10:00Z'),
        opt('end', '2031-07-01T12:00Z'),
        opt('location', 'Paris'),
        opt('attendees', '5'),
      ],
    },
    ...(['name', 'start', 'end', 'location', 'attendees', 'notes'] as const).map(
      (field): Target => ({
        args: (v) => {
          const base: Record<string, string> = {
            name: 'Party',
            start: '2031-07-01T10:00Z',
            end: '2031-07-01T12:00Z',
            location: 'Paris',
            attendees: '5',
            notes: 'fine',
          };
          base[field] = v;
          return ['event', 'create', opt('contract', contract), ...Object.entries(base).map(([k, value]) => opt(k, value))];
        },
      }),
    ),
    { args: (v) => ['event', 'edit', v, opt('name', 'Renamed')], destructive: true },
    ...(['name', 'start', 'end', 'location', 'attendees', 'notes'] as const).map(
      (field): Target => ({ args: (v) => ['event', 'edit', event, opt(field, v)] }),
    ),
    { args: (v) => ['event', 'assign', event, opt('support', v)] },
    { args: (v) => ['event', 'assign', v, opt('support', support)], destructive: true },
    { args: (v) => ['event', 'unassign', v], destructive: true },
    { args: (v) => ['event', 'view', v, '--json'] },
    {
      args: (v) => ['user', 'create', opt('name', v), opt('email', email()), opt('role', 'support'), '--password-stdin'],
      stdin: 'a decent password\n',
    },
    {
      args: (v) => ['user', 'create', opt('name', 'Ok User'), opt('email', v), opt('role', 'support'), '--password-stdin'],
      stdin: 'a decent password\n',
    },
    {
      args: (v) => ['user', 'create', opt('name', 'Ok User'), opt('email', email()), opt('role', v), '--password-stdin'],
      stdin: 'a decent password\n',
    },
    {
      args: () => ['user', 'create', opt('name', 'Ok User'), opt('email', email()), opt('role', 'support'), '--password-stdin'],
      stdin: '\n',
    },
    {
      args: () => ['user', 'create', opt('name', 'Ok User'), opt('email', email()), opt('role', 'support'), '--password-stdin'],
      stdin: (v) => `${v}\n`,
    },
    { args: (v) => ['user', 'edit', target, opt('name', v)] },
    { args: (v) => ['user', 'edit', target, opt('email', v)] },
    { args: (v) => ['user', 'edit', target, opt('role', v)] },
    { args: (v) => ['user', 'edit', v, opt('name', 'Renamed')], destructive: true },
    { args: (v) => ['user', 'delete', v, '--yes'], destructive: true },
    { args: (v) => ['user', 'delete', commercial, opt('reassign-to', v), '--yes'] },
    { args: (v) => ['user', 'view', v, '--json'] },
    { args: (v) => ['user', 'list', opt('role', v), '--json'] },
    { args: (v) => ['history', 'client', v, '--json'] },
    { args: (v) => ['history', v, client, '--json'] },
    { args: (v) => ['history', 'contract', contract, opt('at', v), '--json'] },
    { args: (v) => ['log', opt('since', v), '--json'] },
    { args: (v) => ['log', opt('limit', v), '--json'] },
    { args: (v) => ['log', opt('user', v), '--json'] },
    { args: (v) => ['login', opt('email', v), '--password-stdin'], stdin: 'whatever password\n' },
    { args: (v) => ['client', 'create', opt('name', v), opt('email', email())], who: 'bob' },
    { args: (v) => ['contract', 'pay', contract, opt('amount', v)], who: 'bob' },
    { args: (v) => ['client', 'view', v, '--json'], who: 'bob' },
  ];
  void gestion;
  return t;
}

/** Prefixes of real ids: 3 characters (too short), 4 (valid prefix), the id with a character more. */
function idValues(): string[] {
  return Object.values(ids).flatMap((id) => [id.slice(0, 3), id.slice(0, 4), `${id}x`, id.toUpperCase(), ` ${id}`, `${id.slice(0, 4)}%`]);
}

async function domainEventsSince(store: EventStore, position: number): Promise<{ domain: number; log: number }> {
  const events = await store.readAll({ after: position, limit: 100 });
  return {
    domain: events.filter((e) => e.streamId !== COMMAND_LOG_STREAM).length,
    log: events.filter((e) => e.streamId === COMMAND_LOG_STREAM).length,
  };
}

const hostile = suite('hostile input');

hostile.before(async () => {
  // tmpfs when there is one: thousands of commands each fsync the log.
  const base = process.platform === 'linux' ? '/dev/shm' : tmpdir();
  let home: string;
  try {
    home = mkdtempSync(join(base, 'epic-hostile-'));
  } catch {
    home = mkdtempSync(join(tmpdir(), 'epic-hostile-'));
  }
  app = new Installation({ EPIC_HOME: home, HOME: home });
  const team = await app.seedTeam();
  await app.as('ada@epic.test');
  const target = await app.ok(
    ['user', 'create', '--name', 'Target User', '--email', 'target@epic.test', '--role', 'support', '--password-stdin'],
    { stdin: 'aimed-at passphrase\n' },
  );
  const client = await app.ok(['client', 'create', '--name', 'Hostile Client', '--email', 'hc@client.io', '--commercial', team.commercial]);
  const contract = await app.ok(['contract', 'create', '--client', client, '--total', '99999999', '--signed']);
  const unsigned = await app.ok(['contract', 'create', '--client', client, '--total', '1000']);
  const event = await app.ok([
    'event',
    'create',
    '--contract',
    contract,
    '--name',
    'Gala',
    '--start',
    '2031-06-01T10:00Z',
    '--end',
    '2031-06-01T20:00Z',
    '--location',
    'Lyon',
    '--attendees',
    '50',
  ]);
  ids = { gestion: team.gestion, commercial: team.commercial, support: team.support, target, client, contract, unsigned, event };
  opened = await openEventStore(`sqlite:${join(home, 'events.db')}`, { keyring: testKeyring });
});
hostile.after(async () => {
  await opened.credentials.close();
  await opened.store.close();
  app.cleanup();
  const home = app.env.EPIC_HOME;
  if (home) (await import('node:fs')).rmSync(home, { recursive: true, force: true });
});

hostile(`${INPUTS} hostile values at every option: exit 0/2/4/5, one line, nothing appended when refused`, async () => {
  const random = seededRandom(SEED);
  const all = targets();
  const realIds = idValues();
  const codes = new Map<number, number>();
  let current: 'ada' | 'bob' = 'ada';
  const failures: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < INPUTS; i++) {
    const target = pick(random, all);
    // Real id prefixes go only where they cannot delete the records the other attempts use.
    const value = target.destructive || random() < 0.85 ? pick(random, HOSTILE) : pick(random, realIds);
    const who = target.who ?? 'ada';
    if (who !== current) {
      await app.as(who === 'ada' ? 'ada@epic.test' : 'bob@epic.test');
      current = who;
    }
    const args = target.args(value);
    const what = `#${i} epic ${args.map((a) => JSON.stringify(a.length > 60 ? `${a.slice(0, 60)}…(${a.length})` : a)).join(' ')}`;
    const before = await opened.store.headPosition();
    const stdin = typeof target.stdin === 'function' ? target.stdin(value) : target.stdin;
    const result = await app.epic(args, stdin === undefined ? {} : { stdin });
    codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
    try {
      const allowed = args[0] === 'login' ? [3] : [0, 2, 4, 5];
      assert.ok(allowed.includes(result.code), `${what}: exit ${result.code}: ${result.stderr.slice(0, 300)}`);
      if (result.code !== 0) {
        assertOneLineError(result, what);
        assert.is(result.stdout, '', `${what}: nothing on stdout`);
        const appended = await domainEventsSince(opened.store, before);
        assert.is(appended.domain, 0, `${what}: a refused command appended domain events`);
        assert.ok(appended.log <= 1, `${what}: at most its own command-log entry`);
      }
    } catch (error) {
      // Every kind of failure is collected (once per command shape), so one run shows them all.
      const key = `${all.indexOf(target)}:${result.code}`;
      if (!seen.has(key)) failures.push(error instanceof Error ? error.message : String(error));
      seen.add(key);
    }
    if (args[0] === 'login') {
      current = 'ada';
      await app.as('ada@epic.test');
    }
  }
  assert.equal(failures, [], `${failures.length} kinds of failure`);
  assert.ok((codes.get(2) ?? 0) > INPUTS / 3, `mostly refused as invalid: ${JSON.stringify([...codes])}`);
});

const STRANGE: readonly string[] = [
  "O'Brien",
  "Robert'); DROP TABLE students;--",
  '😀 Émoji Café',
  'Zoë Ångström-Łukasiewicz',
  'محمد الأحمد',
  '\u202eevil name',
  '名前 テスト',
  '$(whoami) `id` | & ;',
  '%_\\ 100%',
  'N'.repeat(200),
  '"quoted" <b>bold</b>',
];

hostile('valid but strange values are stored and shown back exactly', async () => {
  await app.as('ada@epic.test');
  for (const [i, name] of STRANGE.entries()) {
    const id = await app.ok([
      'client',
      'create',
      opt('name', name),
      opt('email', `strange${i}@x.io`),
      opt('company', name),
      '--commercial',
      ids.commercial,
    ]);
    const client = JSON.parse(await app.ok(['client', 'view', id, '--json'])) as { name: string; company: string };
    assert.is(client.name, name, `client name ${JSON.stringify(name)}`);
    assert.is(client.company, name, `company ${JSON.stringify(name)}`);
    const listed = JSON.parse(await app.ok(['client', 'list', opt('search', name.slice(0, 20)), '--json'])) as { id: string }[];
    assert.ok(
      listed.some((c) => c.id === id),
      `found by searching ${JSON.stringify(name.slice(0, 20))}`,
    );
    const eventId = await app.ok([
      'event',
      'create',
      opt('contract', ids.contract),
      opt('name', name),
      opt('start', '2031-08-01T10:00Z'),
      opt('end', '2031-08-01T11:00Z'),
      opt('location', name),
      opt('attendees', '1'),
      opt('notes', `${name}\nsecond line`),
    ]);
    const event = JSON.parse(await app.ok(['event', 'view', eventId, '--json'])) as { name: string; location: string; notes: string };
    assert.equal([event.name, event.location, event.notes], [name, name, `${name}\nsecond line`]);
    const userId = await app.ok(
      ['user', 'create', opt('name', name), opt('email', `strange-user${i}@x.io`), '--role', 'support', '--password-stdin'],
      { stdin: 'strange password\n' },
    );
    assert.is((JSON.parse(await app.ok(['user', 'view', userId, '--json'])) as { name: string }).name, name);
  }
  const apostrophe = `o'brien+tag@x.io`;
  const id = await app.ok(['client', 'create', opt('name', 'Mail'), opt('email', apostrophe), '--commercial', ids.commercial]);
  assert.is((JSON.parse(await app.ok(['client', 'view', id, '--json'])) as { email: string }).email, apostrophe);
});

hostile.run();
