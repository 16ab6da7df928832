/**
 * `--idempotency-key K` (docs/cli.md, Conventions): a second run with the same key
 * by the same user changes nothing and answers as the first did; and a change
 * once saved makes the command succeed whatever fails after it (docs/cli.md, "Exit
 * codes"). Each run is the real CLI on its own SQLite installation; what the
 * log holds is read from the store itself.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMAND_LOG_STREAM } from '../../src/domain/command-log.js';
import { readWholeLog, withEventStore } from '../hardening/support/hardening.js';
import { type CliResult, Installation } from '../support/cli.js';

const test = suite('idempotency keys');
let app: Installation;
let team: { commercial: string; support: string };
let clientId: string;
let contractId: string;

test.before(async () => {
  app = new Installation();
  team = await app.seedTeam();
  await app.as('ada@epic.test');
  clientId = await app.ok(['client', 'create', '--name', 'Key Client', '--email', 'key@client.io', '--commercial', team.commercial]);
  contractId = await app.ok(['contract', 'create', '--client', clientId, '--total', '1000', '--signed']);
});
test.after(() => app.cleanup());

function log() {
  return withEventStore(`sqlite:${join(app.home, 'events.db')}`, readWholeLog);
}

/** Runs `args` twice with the same key; returns both answers and what the second run added to the log. */
async function twice(args: readonly string[], key: string): Promise<{ first: CliResult; second: CliResult; added: number }> {
  const first = await app.epic([...args, '--idempotency-key', key]);
  const before = (await log()).length;
  const second = await app.epic([...args, '--idempotency-key', key]);
  return { first, second, added: (await log()).length - before };
}

const strip = (result: CliResult) => ({ code: result.code, stdout: result.stdout, stderr: result.stderr });

test('a payment run again with its key: the same answer, nothing recorded twice', async () => {
  const { first, second, added } = await twice(['contract', 'pay', contractId, '--amount', '100'], 'pay-0001');
  assert.is(first.code, 0, first.stderr);
  assert.equal(strip(second), strip(first));
  assert.is(added, 0, 'the retry appended nothing, not even a log entry');
  const events = await log();
  const payments = events.filter((e) => e.type === 'PaymentRecorded');
  assert.is(payments.length, 1);
  const entries = events.filter((e) => e.type === 'CommandRecorded' && e.data.commandId === payments[0]?.metadata.commandId);
  assert.is(entries.length, 1, 'one log entry for the payment');
  assert.equal(entries[0]?.data.events, [payments[0]?.id]);
  const contract = await app.json<{ remainingAmount: string }>(['contract', 'view', contractId]);
  assert.is(contract.remainingAmount, '900.00');
});

test('creations run again with their key answer with the same id and create nothing', async () => {
  for (const [args, key] of [
    [['client', 'create', '--name', 'Twice', '--email', 'twice@client.io', '--commercial', team.commercial], 'client-1'],
    [['contract', 'create', '--client', clientId, '--total', '50'], 'contract-1'],
    [
      [
        ...['event', 'create', '--contract', contractId, '--name', 'Gala', '--start', '2031-05-01T18:00Z'],
        ...['--end', '2031-05-01T23:00Z', '--location', 'Lyon', '--attendees', '80'],
      ],
      'event-1',
    ],
  ] as const) {
    const { first, second, added } = await twice(args, key);
    assert.is(first.code, 0, `${args.slice(0, 2).join(' ')}: ${first.stderr}`);
    assert.match(first.stdout.trim(), /^[2-9a-z]{10}$/);
    assert.equal(strip(second), strip(first), `${args.slice(0, 2).join(' ')} answers as it did`);
    assert.is(added, 0, `${args.slice(0, 2).join(' ')} created nothing the second time`);
  }
  const clients = await app.json<{ email: string }[]>(['client', 'list']);
  assert.is(clients.filter((c) => c.email === 'twice@client.io').length, 1);
});

test('a user created again with its key keeps the password of the first run', async () => {
  const args = ['user', 'create', '--name', 'Kim Key', '--email', 'kim@epic.test', '--role', 'support', '--password-stdin'];
  const first = await app.epic([...args, '--idempotency-key', 'kim'], { stdin: 'first long secret 1\n' });
  assert.is(first.code, 0, first.stderr);
  const second = await app.epic([...args, '--idempotency-key', 'kim'], { stdin: 'other long secret 2\n' });
  assert.equal(strip(second), strip(first));
  const login = (password: string) => app.epic(['login', '--email', 'kim@epic.test', '--password-stdin'], { stdin: `${password}\n` });
  assert.is((await login('other long secret 2')).code, 3, 'the retry did not change the password');
  assert.is((await login('first long secret 1')).code, 0);
  await app.as('ada@epic.test');
});

test('the same key by another user is another command', async () => {
  const before = (await log()).filter((e) => e.type === 'PaymentRecorded').length;
  assert.is((await app.epic(['contract', 'pay', contractId, '--amount', '10', '--idempotency-key', 'shared'])).code, 0);
  await app.as('bob@epic.test');
  assert.is((await app.epic(['contract', 'pay', contractId, '--amount', '10', '--idempotency-key', 'shared'])).code, 0);
  assert.is((await log()).filter((e) => e.type === 'PaymentRecorded').length, before + 2);
  await app.as('ada@epic.test');
});

test('a key that is not printable text is refused with exit 2, and nothing is recorded', async () => {
  const before = (await log()).length;
  for (const key of ['', 'has space', 'tab\tkey', 'é', 'x'.repeat(201)]) {
    const result = await app.epic(['contract', 'pay', contractId, '--amount', '1', '--idempotency-key', key]);
    assert.is(result.code, 2, JSON.stringify(key));
    assert.match(result.stderr, /^error: --idempotency-key must be/);
    assert.is(result.stderr.trim().split('\n').length, 1);
  }
  assert.is((await log()).length, before);
});

test('a change once saved exits 0 when a later step fails: a warning on stderr', async () => {
  await app.as('bob@epic.test');
  // The read database cannot be opened (its folder is a file): the catch-up after the write fails, the write stands.
  const result = await app.epic(['client', 'create', '--name', 'Saved', '--email', 'saved@client.io'], {
    env: { EPIC_READ_DB: `sqlite:${join(app.home, 'audit.key', 'read.db')}` },
  });
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout.trim(), /^[2-9a-z]{10}$/);
  assert.match(result.stderr, /^warning: the change is saved, but a later step failed: /, result.stderr);
  const events = await log();
  const created = events.find((e) => e.type === 'ClientCreated' && e.streamId.endsWith(result.stdout.trim()));
  assert.ok(created, 'the client is in the log');
  const entry = events.find(
    (e) => e.streamId === COMMAND_LOG_STREAM && e.data.commandId === created?.metadata.commandId && e.data.outcome === 'accepted',
  );
  assert.ok(entry, 'with its accepted entry');
  await app.as('ada@epic.test');
});

test.run();
