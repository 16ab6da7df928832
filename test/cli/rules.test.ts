/**
 * Every business rule of docs/cli.md, and every kind of malformed input,
 * refused through the CLI: the contract's exit code, one `error: ...` line on
 * stderr, nothing on stdout, and nothing changed — the only new event in the
 * whole log is the command log's `rejected` entry for the attempt.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliOptions } from '../support/cli.js';
import { type Dataset, type Member, seedDataset, Team } from '../support/team.js';

interface Refusal {
  readonly who: Member;
  readonly args: readonly string[];
  readonly options?: CliOptions;
  /** 2 unless said otherwise. */
  readonly code?: 2 | 5 | 6;
  readonly message: RegExp;
}

let team: Team;
let data: Dataset;
let deletedSupport: string;
let cancelledEvent: string;
let paidContract: string;

const rules = suite('business rules and malformed input, refused with nothing changed');
rules.before(async () => {
  team = await Team.start();
  data = await seedDataset(team);
  deletedSupport = await team.ok(
    'ada',
    ['user', 'create', '--name', 'Gone Support', '--email', 'gone@epic.test', '--role', 'support', '--password-stdin'],
    { stdin: 'departed passphrase\n' },
  );
  await team.ok('ada', ['user', 'delete', deletedSupport, '--yes']);
  cancelledEvent = await team.ok(
    'bob',
    event(() => data.contracts.bobSigned, '2026-08-01T10:00Z', '2026-08-01T12:00Z'),
  );
  await team.ok('bob', ['event', 'cancel', cancelledEvent, '--reason', 'called off', '--yes']);
  paidContract = await team.ok('bob', ['contract', 'create', '--client', data.clients.bob, '--total', '1000']);
  await team.ok('bob', ['contract', 'pay', paidContract, '--amount', '100']);
});
rules.after(() => team?.cleanup());

// `--attendees=-1`, not `--attendees -1`: clipanion reads a separate "-1" as an option (see the last test).
const event = (contract: () => string, start: string, end: string, attendees = '10') => [
  'event',
  'create',
  '--contract',
  contract(),
  '--name',
  'Party',
  '--start',
  start,
  '--end',
  end,
  '--location',
  'Paris',
  `--attendees=${attendees}`,
];

/** name -> the refused attempt; builders are functions because the ids exist only once the dataset is seeded. */
const CASES: Record<string, () => Refusal> = {
  // Users
  'user email unique, case-insensitive (create)': () => ({
    who: 'ada',
    args: ['user', 'create', '--name', 'Bobby', '--email', 'BOB@Epic.Test', '--role', 'support', '--password-stdin'],
    options: { stdin: 'long enough password\n' },
    code: 6,
    message: /already used/,
  }),
  'user email unique, case-insensitive (edit)': () => ({
    who: 'ada',
    args: ['user', 'edit', team.ids.sam, '--email', 'Carla@epic.test'],
    code: 6,
    message: /already used/,
  }),
  'user email valid': () => ({
    who: 'ada',
    args: ['user', 'create', '--name', 'Bad', '--email', 'not-an-email', '--role', 'support', '--password-stdin'],
    options: { stdin: 'long enough password\n' },
    message: /invalid email/,
  }),
  'user role one of the three (create)': () => ({
    who: 'ada',
    args: ['user', 'create', '--name', 'Boss', '--email', 'boss@epic.test', '--role', 'admin', '--password-stdin'],
    options: { stdin: 'long enough password\n' },
    message: /role must be one of gestion, commercial, support/,
  }),
  'user role one of the three (edit)': () => ({
    who: 'ada',
    args: ['user', 'edit', team.ids.sam, '--role', 'boss'],
    message: /role must be one of/,
  }),
  'nobody deletes themselves': () => ({ who: 'ada', args: ['user', 'delete', team.ids.ada, '--yes'], message: /your own account/ }),
  'a commercial who owns clients is deleted only with --reassign-to': () => ({
    who: 'ada',
    args: ['user', 'delete', team.ids.bob, '--yes'],
    message: /--reassign-to/,
  }),
  'a commercial who owns clients changes role only with --reassign-to': () => ({
    who: 'ada',
    args: ['user', 'edit', team.ids.bob, '--role', 'gestion'],
    message: /--reassign-to/,
  }),
  '--reassign-to names another commercial, not a support': () => ({
    who: 'ada',
    args: ['user', 'delete', team.ids.bob, '--reassign-to', team.ids.sam, '--yes'],
    message: /must name a commercial/,
  }),
  '--reassign-to names another commercial, not the same one': () => ({
    who: 'ada',
    args: ['user', 'delete', team.ids.bob, '--reassign-to', team.ids.bob, '--yes'],
    message: /another commercial/,
  }),
  'init only once': () => ({
    who: 'ada',
    args: ['init', '--name', 'Eve', '--email', 'eve@epic.test', '--password-stdin'],
    options: { stdin: 'eve password\n' },
    message: /already initialized/,
  }),

  // Clients
  'client name required (empty)': () => ({
    who: 'bob',
    args: ['client', 'create', '--name', '  ', '--email', 'x@y.io'],
    message: /name must not be empty/,
  }),
  'client email valid (create)': () => ({
    who: 'bob',
    args: ['client', 'create', '--name', 'X', '--email', 'x@y'],
    message: /invalid email/,
  }),
  'client email valid (edit)': () => ({
    who: 'bob',
    args: ['client', 'edit', data.clients.bob, '--email', 'kevin at startup.io'],
    message: /invalid email/,
  }),
  'client email unique, case-insensitive (create)': () => ({
    who: 'carla',
    args: ['client', 'create', '--name', 'Kevin Again', '--email', 'KEVIN@startup.io'],
    code: 6,
    message: /already used by another client/,
  }),
  'client email unique, case-insensitive (edit)': () => ({
    who: 'ada',
    args: ['client', 'edit', data.clients.carla, '--email', 'Quinn@Quiet.io'],
    code: 6,
    message: /already used by another client/,
  }),
  'client phone: digits, +, spaces, dots, dashes': () => ({
    who: 'bob',
    args: ['client', 'create', '--name', 'X', '--email', 'x@y.io', '--phone', '+33 (0)6 12 34'],
    message: /invalid phone/,
  }),
  'client phone: letters refused': () => ({
    who: 'bob',
    args: ['client', 'edit', data.clients.bob, '--phone', '06 CALL ME'],
    message: /invalid phone/,
  }),
  'client phone: at least 7 digits': () => ({
    who: 'bob',
    args: ['client', 'create', '--name', 'X', '--email', 'x@y.io', '--phone', '12-34-56'],
    message: /invalid phone/,
  }),
  'client phone: at most 20 digits': () => ({
    who: 'bob',
    args: ['client', 'create', '--name', 'X', '--email', 'x@y.io', '--phone', '+1 2345 6789 0123 4567 8901'],
    message: /invalid phone/,
  }),
  'a client with contracts cannot be deleted': () => ({
    who: 'ada',
    args: ['client', 'delete', data.clients.bob, '--yes'],
    message: /contract/,
  }),
  "a client's commercial must be a commercial": () => ({
    who: 'ada',
    args: ['client', 'edit', data.clients.bob, '--commercial', team.ids.sam],
    message: /must be a commercial/,
  }),

  // Contracts
  'contract total > 0': () => ({
    who: 'bob',
    args: ['contract', 'create', '--client', data.clients.bob, '--total', '0'],
    message: /total must be greater than 0/,
  }),
  'contract total > 0 (edit)': () => ({
    who: 'bob',
    args: ['contract', 'edit', data.contracts.bobUnsigned, '--total', '0.00'],
    message: /total must be greater than 0/,
  }),
  'contract remaining ≤ total (create)': () => ({
    who: 'bob',
    args: ['contract', 'create', '--client', data.clients.bob, '--total', '100', '--remaining', '100.01'],
    message: /must not exceed the total/,
  }),
  'contract remaining ≤ total (edit)': () => ({
    who: 'bob',
    args: ['contract', 'edit', data.contracts.bobSigned, '--remaining', '1000.01'],
    message: /must not exceed the total/,
  }),
  'contract total not below what was paid (edit)': () => ({
    who: 'bob',
    args: ['contract', 'edit', data.contracts.bobSigned, '--total', '599.99'],
    message: /below what was already paid/,
  }),
  'contract remaining not set once a payment is recorded (edit)': () => ({
    who: 'bob',
    args: ['contract', 'edit', paidContract, '--remaining', '900'],
    message: /contract pay and contract refund/,
  }),
  'refund > 0': () => ({ who: 'bob', args: ['contract', 'refund', paidContract, '--amount', '0'], message: /greater than 0/ }),
  'refund ≤ what was paid': () => ({
    who: 'bob',
    args: ['contract', 'refund', paidContract, '--amount', '100.01'],
    message: /exceeds what was paid/,
  }),
  'refund on a contract nothing was paid on': () => ({
    who: 'ada',
    args: ['contract', 'refund', data.contracts.carlaUnsigned, '--amount', '1'],
    message: /exceeds what was paid/,
  }),
  'contract remaining ≥ 0': () => ({
    who: 'bob',
    args: ['contract', 'create', '--client', data.clients.bob, '--total', '100', '--remaining=-1'],
    message: /--remaining must be an amount/,
  }),
  'payment > 0': () => ({ who: 'bob', args: ['contract', 'pay', data.contracts.bobSigned, '--amount', '0'], message: /greater than 0/ }),
  'payment ≤ remaining': () => ({
    who: 'bob',
    args: ['contract', 'pay', data.contracts.bobSigned, '--amount', '400.01'],
    message: /exceeds the remaining €400\.00/,
  }),
  'signing a signed contract is refused': () => ({
    who: 'bob',
    args: ['contract', 'sign', data.contracts.bobSigned],
    message: /already signed/,
  }),
  'a contract with events cannot be deleted': () => ({
    who: 'ada',
    args: ['contract', 'delete', data.contracts.bobSigned, '--yes'],
    message: /event/,
  }),
  'amount: at most two decimals': () => ({
    who: 'bob',
    args: ['contract', 'pay', data.contracts.bobSigned, '--amount', '1.0050'],
    message: /--amount must be an amount with at most two decimals/,
  }),
  'amount: no sign': () => ({
    who: 'bob',
    args: ['contract', 'pay', data.contracts.bobSigned, '--amount=-5'],
    message: /--amount must be an amount/,
  }),
  'amount: three digits after the separator are ambiguous': () => ({
    who: 'bob',
    args: ['contract', 'create', '--client', data.clients.bob, '--total', '1,500'],
    message: /--total: "1,500" is ambiguous/,
  }),
  'amount: no thousands separator but a space': () => ({
    who: 'bob',
    args: ['contract', 'create', '--client', data.clients.bob, '--total', '1,500.50'],
    message: /--total must be an amount/,
  }),
  'amount: not a word': () => ({
    who: 'bob',
    args: ['contract', 'edit', data.contracts.bobUnsigned, '--total', 'lots'],
    message: /--total must be an amount/,
  }),

  // Events
  'event only on a signed contract': () => ({
    who: 'bob',
    args: event(() => data.contracts.bobUnsigned, '2026-08-01T10:00Z', '2026-08-01T11:00Z'),
    message: /not signed/,
  }),
  'event start < end (reversed)': () => ({
    who: 'bob',
    args: event(() => data.contracts.bobSigned, '2026-08-01T12:00Z', '2026-08-01T11:00Z'),
    message: /start before it ends/,
  }),
  'event start < end (equal)': () => ({
    who: 'bob',
    args: event(() => data.contracts.bobSigned, '2026-08-01T12:00Z', '2026-08-01 14:00+02:00'),
    message: /start before it ends/,
  }),
  'event start < end (edit)': () => ({
    who: 'sam',
    args: ['event', 'edit', data.events.bobSam, '--end', '2026-07-01T09:00Z'],
    message: /start before it ends/,
  }),
  'attendees an integer ≥ 0 (negative)': () => ({
    who: 'bob',
    args: event(() => data.contracts.bobSigned, '2026-08-01T10:00Z', '2026-08-01T11:00Z', '-1'),
    message: /--attendees must be a whole number/,
  }),
  'attendees an integer (decimal)': () => ({
    who: 'sam',
    args: ['event', 'edit', data.events.bobSam, '--attendees', '1.5'],
    message: /--attendees must be a whole number/,
  }),
  'attendees an integer (word)': () => ({
    who: 'bob',
    args: event(() => data.contracts.bobSigned, '2026-08-01T10:00Z', '2026-08-01T11:00Z', 'many'),
    message: /--attendees must be a whole number/,
  }),
  'only a support can be assigned': () => ({
    who: 'ada',
    args: ['event', 'assign', data.events.bobOpen, '--support', team.ids.carla],
    message: /only a support user can be assigned/,
  }),
  'only an existing user can be assigned': () => ({
    who: 'ada',
    args: ['event', 'assign', data.events.bobOpen, '--support', deletedSupport],
    code: 5,
    message: /no user/,
  }),
  'a cancelled event cannot be edited': () => ({
    who: 'ada',
    args: ['event', 'edit', cancelledEvent, '--attendees', '12'],
    message: /is cancelled/,
  }),
  'a cancelled event cannot be assigned': () => ({
    who: 'ada',
    args: ['event', 'assign', cancelledEvent, '--support', team.ids.sam],
    message: /is cancelled/,
  }),
  'a cancelled event cannot be cancelled again': () => ({
    who: 'bob',
    args: ['event', 'cancel', cancelledEvent, '--yes'],
    message: /already cancelled/,
  }),
  'event cancel without a terminal needs --yes': () => ({
    who: 'bob',
    args: ['event', 'cancel', data.events.bobOpen],
    message: /--yes/,
  }),
  'date: impossible day': () => ({
    who: 'bob',
    args: event(() => data.contracts.bobSigned, '2026-02-30T10:00', '2026-03-01T10:00'),
    message: /--start must be an ISO 8601 date-time/,
  }),
  'date: not ISO 8601': () => ({
    who: 'sam',
    args: ['event', 'edit', data.events.bobSam, '--end', 'tomorrow'],
    message: /--end must be an ISO 8601 date-time/,
  }),
  'date: impossible hour': () => ({
    who: 'bob',
    args: event(() => data.contracts.bobSigned, '2026-08-01T25:00', '2026-08-02T10:00'),
    message: /--start must be an ISO 8601 date-time/,
  }),

  // A required option missing, and no terminal to ask on
  'missing --email (client create)': () => ({
    who: 'bob',
    args: ['client', 'create', '--name', 'No Email'],
    message: /^missing required option --email$/,
  }),
  'missing --commercial (client create by gestion)': () => ({
    who: 'ada',
    args: ['client', 'create', '--name', 'X', '--email', 'x@y.io'],
    message: /^missing required option --commercial$/,
  }),
  'missing --total (contract create)': () => ({
    who: 'bob',
    args: ['contract', 'create', '--client', data.clients.bob],
    message: /^missing required option --total$/,
  }),
  'missing --amount (contract pay)': () => ({
    who: 'bob',
    args: ['contract', 'pay', data.contracts.bobSigned],
    message: /^missing required option --amount$/,
  }),
  'missing --location (event create)': () => ({
    who: 'bob',
    args: [
      'event',
      'create',
      '--contract',
      data.contracts.bobSigned,
      '--name',
      'N',
      '--start',
      '2026-08-01T10:00Z',
      '--end',
      '2026-08-01T11:00Z',
      '--attendees',
      '1',
    ],
    message: /^missing required option --location$/,
  }),
  'missing --support (event assign)': () => ({
    who: 'ada',
    args: ['event', 'assign', data.events.bobOpen],
    message: /^missing required option --support$/,
  }),
  'missing --role (user create)': () => ({
    who: 'ada',
    args: ['user', 'create', '--name', 'X', '--email', 'x@epic.test', '--password-stdin'],
    options: { stdin: 'long enough password\n' },
    message: /^missing required option --role$/,
  }),
  'nothing to change (contract edit)': () => ({
    who: 'bob',
    args: ['contract', 'edit', data.contracts.bobSigned],
    message: /nothing to change/,
  }),
};

for (const [name, build] of Object.entries(CASES)) {
  rules(name, async () => {
    const refusal = build();
    const before = await team.allEvents();
    const result = await team.run(refusal.who, refusal.args, refusal.options);
    assert.is(result.code, refusal.code ?? 2, `exit code (stderr: ${result.stderr.trim()})`);
    assert.is(result.stdout, '', 'nothing on stdout');
    assert.match(result.stderr, /^error: [^\n]+\n$/, 'one error line');
    assert.match(result.stderr.slice('error: '.length, -1), refusal.message);
    const added = (await team.allEvents()).slice(before.length);
    const command = refusal.args[0] === 'init' ? 'init' : refusal.args.slice(0, 2).join(' ');
    assert.equal(
      added.map((e) => ({ stream: e.streamId, type: e.type, command: e.data.command, outcome: e.data.outcome })),
      [{ stream: 'command-log', type: 'CommandRecorded', command, outcome: 'rejected' }],
      'the only change: a rejected entry in the command log',
    );
  });
}

rules('the rejected attempts are listed by epic log, with their reason', async () => {
  const entries = await team.json<{ command: string; outcome: string; reason: string; events: string[] }[]>('ada', [
    'log',
    '--limit',
    '500',
  ]);
  const rejected = entries.filter((e) => e.outcome === 'rejected');
  assert.ok(rejected.length >= Object.keys(CASES).length, `${rejected.length} rejected entries`);
  for (const entry of rejected) {
    assert.equal(entry.events, [], 'a rejected command produced no event');
    assert.ok(entry.reason.length > 0, 'with its reason');
  }
  assert.ok(rejected.some((e) => e.command === 'contract sign' && /already signed/.test(e.reason)));
});

rules('a negative number as a separate argument reaches the command: exit 2 naming the option, logged as rejected', async () => {
  const before = await team.allEvents();
  for (const args of [
    ['contract', 'pay', data.contracts.bobSigned, '--amount', '-5'],
    ['contract', 'create', '--client', data.clients.bob, '--total', '-100'],
  ]) {
    const result = await team.run('bob', args);
    assert.is(result.code, 2);
    assert.match(result.stderr, /^error: [^\n]*--(amount|total)[^\n]*\n$/);
  }
  // Nothing but the two rejected command-log entries was appended.
  const added = (await team.allEvents()).slice(before.length);
  assert.equal(
    added.map((e) => [e.type, e.data.outcome]),
    [
      ['CommandRecorded', 'rejected'],
      ['CommandRecorded', 'rejected'],
    ],
  );
});

rules.run();
