/**
 * Malformed events cannot enter the log (issue 17, item 6). Ids such as
 * `constructor` or `__proto__` planted in a tampered read table name no
 * record: state maps have no prototype, the command decides on the log (the
 * target must be in the stream the read table pointed at), and every event
 * is checked against its type's schema before it is appended.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evolveAccount, initialAccountState } from '../../src/domain/accounts/account-state.js';
import { requireContract } from '../../src/domain/accounts/decide-account.js';
import { schemaViolation } from '../../src/domain/event-schemas.js';
import { initialUsersState, liveUser } from '../../src/domain/users/users-state.js';
import { Installation } from '../support/cli.js';

const HOSTILE_IDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

const state = suite('state maps without a prototype');

state('no hostile id names a contract, an event or a user in folded state', () => {
  const account = evolveAccount(
    initialAccountState(),
    {
      type: 'ClientCreated',
      data: { clientId: 'k3f9x2qa7m', name: 'A', email: 'a@b.io', phone: null, company: null, commercialId: 'b2c3d4e5f6' },
    },
    '2027-01-01T00:00:00.000Z',
  );
  for (const id of HOSTILE_IDS) {
    assert.is(account.contracts[id], undefined, `contracts[${id}]`);
    assert.is(account.occasions[id], undefined, `occasions[${id}]`);
    assert.throws(() => requireContract(account, id), /contract/, `requireContract(${id})`);
    assert.is(liveUser(initialUsersState(), id), undefined, `users[${id}]`);
  }
  // A record whose id is `__proto__` is an own entry like any other (and changes no prototype).
  const odd = evolveAccount(
    account,
    {
      type: 'ContractCreated',
      data: { contractId: '__proto__', clientId: 'k3f9x2qa7m', totalCents: 100, remainingCents: 100, signed: false },
    },
    '2027-01-01T00:00:00.000Z',
  );
  assert.equal(Object.keys(odd.contracts), ['__proto__']);
  assert.is(Object.getPrototypeOf(odd.contracts), null);
});

state('the schema of each event refuses what does not fit', () => {
  assert.is(schemaViolation({ type: 'PaymentRecorded', data: { contractId: 'k3f9x2qa7m', amountCents: 100 } }), undefined);
  for (const contractId of [...HOSTILE_IDS, '', 'K3F9X2QA7M', 'abc', 'k3f9-x2qa', 'x'.repeat(65), undefined, 7]) {
    assert.is(schemaViolation({ type: 'PaymentRecorded', data: { contractId, amountCents: 100 } }), 'contractId', String(contractId));
  }
  assert.is(schemaViolation({ type: 'PaymentRecorded', data: { amountCents: 100 } }), 'contractId', 'no contract id');
  assert.is(schemaViolation({ type: 'PaymentRecorded', data: { contractId: 'k3f9x2qa7m', amountCents: -1 } }), 'amountCents');
  assert.is(schemaViolation({ type: 'PaymentRecorded', data: { contractId: 'k3f9x2qa7m', amountCents: 1.5 } }), 'amountCents');
  assert.is(
    schemaViolation({ type: 'PaymentRecorded', data: { contractId: 'k3f9x2qa7m', amountCents: 1, extra: true } }),
    'extra',
    'no field the schema does not name',
  );
  assert.is(schemaViolation({ type: 'UserRoleChanged', data: { userId: 'k3f9x2qa7m', role: 'admin' } }), 'role');
  assert.is(schemaViolation({ type: 'ClientUpdated', data: { clientId: 'k3f9x2qa7m', name: 'New' } }), undefined, 'optional fields');
  // A type no decider produces has no schema (and `constructor` is not one of them).
  assert.is(schemaViolation({ type: 'constructor', data: {} }), undefined);
  assert.is(schemaViolation({ type: 'NoSuchEvent', data: {} }), undefined);
});

state.run();

const tampered = suite('a tampered read table');
let app: Installation;
let contractId: string;
let clientId: string;

tampered.before(async () => {
  app = new Installation();
  await app.seedTeam();
  const commercial = await app.ok(['user', 'list', '--role', 'commercial', '--json']);
  const bob = (JSON.parse(commercial) as { id: string; email: string }[]).find((u) => u.email === 'bob@epic.test')!.id;
  clientId = await app.ok(['client', 'create', '--name', 'Real Client', '--email', 'real@client.io', '--commercial', bob]);
  contractId = await app.ok(['contract', 'create', '--client', clientId, '--total', '1000', '--signed']);
});
tampered.after(() => app.cleanup());

function countOf(type: string): number {
  const db = new Database(join(app.home, 'events.db'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from events where type = ?').get(type) as { n: number }).n;
  } finally {
    db.close();
  }
}

tampered('contract pay, sign, edit on a hostile id copied into the contracts table: refused, nothing appended', async () => {
  const readDb = new Database(join(app.home, 'read.db'));
  const columns = (readDb.prepare('pragma table_info(contracts)').all() as { name: string }[]).map((c) => c.name);
  const others = columns.filter((c) => c !== 'id');
  for (const id of HOSTILE_IDS) {
    readDb
      .prepare(`insert into contracts (id, ${others.join(', ')}) select ?, ${others.join(', ')} from contracts where id = ?`)
      .run(id, contractId);
  }
  readDb.close();
  const before = { paid: countOf('PaymentRecorded'), signed: countOf('ContractSigned'), amended: countOf('ContractAmended') };
  for (const id of HOSTILE_IDS) {
    for (const args of [
      ['contract', 'pay', id, '--amount', '10'],
      ['contract', 'sign', id],
      ['contract', 'edit', id, '--total', '2000'],
    ]) {
      const result = await app.epic(args);
      assert.is(result.code, 5, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^error: [^\n]+\n$/);
      assert.not.match(result.stderr, /internal error/);
    }
  }
  assert.equal(
    { paid: countOf('PaymentRecorded'), signed: countOf('ContractSigned'), amended: countOf('ContractAmended') },
    before,
    'nothing appended',
  );
  // The real contract still takes a payment.
  assert.is((await app.epic(['contract', 'pay', contractId, '--amount', '10'])).code, 0);
  assert.is(countOf('PaymentRecorded'), before.paid + 1);
});

tampered('user edit on a hostile id copied into the users table: refused, nothing appended', async () => {
  const readDb = new Database(join(app.home, 'read.db'));
  const columns = (readDb.prepare('pragma table_info(users)').all() as { name: string }[]).map((c) => c.name);
  const others = columns.filter((c) => c !== 'id' && c !== 'email');
  const user = readDb.prepare('select id from users limit 1').get() as { id: string };
  for (const id of HOSTILE_IDS) {
    readDb
      .prepare(`insert into users (id, email, ${others.join(', ')}) select ?, ?, ${others.join(', ')} from users where id = ?`)
      .run(id, `${id}@x.io`, user.id);
  }
  readDb.close();
  const renamed = countOf('UserRenamed');
  for (const id of HOSTILE_IDS) {
    const result = await app.epic(['user', 'edit', id, '--name', 'Hijacked']);
    assert.ok(result.code === 5 || result.code === 2, `user edit ${id}: ${result.code} ${result.stderr}`);
    assert.not.match(result.stderr, /internal error/);
  }
  assert.is(countOf('UserRenamed'), renamed, 'nothing appended');
});

tampered.run();
