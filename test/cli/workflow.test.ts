/**
 * The whole seed workflow of issue 3 through the CLI, as three users in turn
 * (gestion, commercial, support), every listing checked with --json against
 * the JSON records of docs/cli.md.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RecordedEvent } from '../../src/events/event-store.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { testKeyring } from '../support/audit-key.js';
import { type CliResult, Installation } from '../support/cli.js';

const USER_KEYS = ['id', 'name', 'email', 'role', 'disabled', 'lockedUntil', 'createdAt', 'updatedAt'];
const CLIENT_KEYS = ['id', 'name', 'email', 'phone', 'company', 'commercialId', 'commercialName', 'erased', 'createdAt', 'updatedAt'];
const CONTRACT_KEYS = [
  'id',
  'clientId',
  'clientName',
  'commercialId',
  'commercialName',
  'totalAmount',
  'remainingAmount',
  'signed',
  'createdAt',
  'updatedAt',
];
const EVENT_KEYS = [
  'id',
  'name',
  'contractId',
  'clientId',
  'clientName',
  'clientContact',
  'supportId',
  'supportName',
  'start',
  'end',
  'location',
  'attendees',
  'notes',
  'createdAt',
  'updatedAt',
  'status',
  'cancelReason',
];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface UserJson {
  id: string;
  name: string;
  email: string;
  role: string;
  createdAt: string;
  updatedAt: string;
}
interface ClientJson {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  company: string | null;
  commercialId: string;
  commercialName: string | null;
  createdAt: string;
  updatedAt: string;
}
interface ContractJson {
  id: string;
  clientId: string;
  clientName: string;
  commercialId: string;
  commercialName: string | null;
  totalAmount: string;
  remainingAmount: string;
  signed: boolean;
  createdAt: string;
  updatedAt: string;
}
interface EventJson {
  id: string;
  name: string;
  contractId: string;
  clientId: string;
  clientName: string;
  clientContact: { email: string; phone: string | null };
  supportId: string | null;
  supportName: string | null;
  start: string;
  end: string;
  location: string;
  attendees: number;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

function shaped<T extends object>(records: T[], keys: readonly string[]): T[] {
  for (const record of records) {
    assert.equal(Object.keys(record), keys, 'the keys of docs/cli.md, in order');
    for (const key of ['createdAt', 'updatedAt'] as const) assert.match(String((record as Record<string, unknown>)[key]), ISO_UTC, key);
  }
  return records;
}

const prefix = (id: string) => id.slice(0, 4);

const workflow = suite('the seed workflow, as gestion, commercial and support in turn');
const app = new Installation();
const ids: Record<string, string> = {};
/** Session files copied right after each login, to replay a token later. */
const tokens: Record<string, string> = {};

async function as(name: 'ada' | 'bob' | 'carla' | 'sam' | 'dave', email: string, password: string): Promise<void> {
  await app.login(email, password);
  tokens[name] = readFileSync(join(app.home, 'session'), 'utf8');
}

function withToken(name: string, args: readonly string[]): Promise<CliResult> {
  writeFileSync(join(app.home, 'session'), tokens[name] ?? '', { mode: 0o600 });
  return app.epic(args);
}

async function allEvents(): Promise<RecordedEvent[]> {
  const { store, credentials } = await openEventStore(`sqlite:${join(app.home, 'events.db')}`, { keyring: testKeyring });
  try {
    return await store.readAll({ after: 0, limit: 100_000 });
  } finally {
    await credentials.close();
    await store.close();
  }
}

function readRows<T>(sql: string, ...params: string[]): T[] {
  const db = new Database(join(app.home, 'read.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

workflow.after(() => app.cleanup());

workflow('gestion sets up and creates the team', async () => {
  ids.ada = await app.ok(['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], { stdin: 'admin passphrase\n' });
  tokens.ada = readFileSync(join(app.home, 'session'), 'utf8');
  const create = (name: string, email: string, role: string) =>
    app.ok(['user', 'create', '--name', name, '--email', email, '--role', role, '--password-stdin'], {
      stdin: `${email.replace(/@.*/, '').split('').reverse().join('-')} passphrase\n`,
    });
  ids.bob = await create('Bob Seller', 'bob@epic.test', 'commercial');
  ids.carla = await create('Carla Closer', 'carla@epic.test', 'commercial');
  ids.dave = await create('Dave Dealer', 'dave@epic.test', 'commercial');
  ids.sam = await create('Sam Support', 'sam@epic.test', 'support');
  const users = shaped(await app.json<UserJson[]>(['user', 'list']), USER_KEYS);
  assert.equal(users.map((u) => [u.name, u.email, u.role]).sort(), [
    ['Ada Admin', 'ada@epic.test', 'gestion'],
    ['Bob Seller', 'bob@epic.test', 'commercial'],
    ['Carla Closer', 'carla@epic.test', 'commercial'],
    ['Dave Dealer', 'dave@epic.test', 'commercial'],
    ['Sam Support', 'sam@epic.test', 'support'],
  ]);
  assert.equal(
    (await app.json<UserJson[]>(['user', 'list', '--role', 'support'])).map((u) => u.id),
    [ids.sam],
  );
  assert.is((await app.json<UserJson>(['user', 'view', prefix(ids.bob!)])).email, 'bob@epic.test');
});

workflow('the commercial signs up a client, drafts, signs and is paid for contracts', async () => {
  await as('bob', 'bob@epic.test', 'b-o-b passphrase');
  ids.kevin = await app.ok([
    'client',
    'create',
    '--name',
    'Kevin Casey',
    '--email',
    'kevin@startup.io',
    '--phone',
    '+678 123 456 78',
    '--company',
    'Cool Startup LLC',
  ]);
  ids.other = await app.ok(['client', 'create', '--name', 'Olga Other', '--email', 'olga@other.io']);
  const clients = shaped(await app.json<ClientJson[]>(['client', 'list']), CLIENT_KEYS);
  assert.equal(
    clients.find((c) => c.id === ids.kevin),
    {
      ...clients.find((c) => c.id === ids.kevin)!,
      name: 'Kevin Casey',
      email: 'kevin@startup.io',
      phone: '+678 123 456 78',
      company: 'Cool Startup LLC',
      commercialId: ids.bob!,
      commercialName: 'Bob Seller',
    },
  );
  assert.is(clients.find((c) => c.id === ids.other)?.phone, null);
  assert.equal(
    (await app.json<ClientJson[]>(['client', 'list', '--search', 'startup'])).map((c) => c.id),
    [ids.kevin],
  );

  ids.main = await app.ok(['contract', 'create', '--client', prefix(ids.kevin!), '--total', '10000']);
  ids.small = await app.ok(['contract', 'create', '--client', ids.kevin!, '--total', '500.5', '--signed']);
  ids.olgaContract = await app.ok(['contract', 'create', '--client', ids.other!, '--total', '42', '--remaining', '0']);
  const unsigned = shaped(await app.json<ContractJson[]>(['contract', 'list', '--unsigned']), CONTRACT_KEYS);
  assert.equal(unsigned.map((c) => c.id).sort(), [ids.main, ids.olgaContract].sort());
  const main = unsigned.find((c) => c.id === ids.main)!;
  assert.equal(
    { ...main, createdAt: '', updatedAt: '' },
    {
      id: ids.main!,
      clientId: ids.kevin!,
      clientName: 'Kevin Casey',
      commercialId: ids.bob!,
      commercialName: 'Bob Seller',
      totalAmount: '10000.00',
      remainingAmount: '10000.00',
      signed: false,
      createdAt: '',
      updatedAt: '',
    },
  );

  // No event on an unsigned contract.
  const early = await app.epic([
    'event',
    'create',
    '--contract',
    ids.main!,
    '--name',
    'Too early',
    '--start',
    '2026-06-04T13:00Z',
    '--end',
    '2026-06-04T14:00Z',
    '--location',
    'x',
    '--attendees',
    '1',
  ]);
  assert.is(early.code, 2);
  assert.match(early.stderr, /^error: .*not signed/);

  assert.is(await app.ok(['contract', 'sign', prefix(ids.main!)]), `signed contract ${ids.main} (Kevin Casey, €10,000.00)`);
  // A confirmation says what changed.
  assert.is(await app.ok(['contract', 'pay', prefix(ids.main!), '--amount', '1500.50']), 'paid €1,500.50; remaining €8,499.50');
  await app.ok(['contract', 'pay', ids.main!, '--amount', '2000']);
  await app.ok(['contract', 'pay', ids.main!, '--amount', '0.5']);
  await app.ok(['contract', 'pay', ids.small!, '--amount', '500.50']);
  assert.equal((await app.json<ContractJson>(['contract', 'view', prefix(ids.main!)])).remainingAmount, '6499.00');
  const unpaid = shaped(await app.json<ContractJson[]>(['contract', 'list', '--unpaid']), CONTRACT_KEYS);
  assert.equal(
    unpaid.map((c) => [c.id, c.totalAmount, c.remainingAmount, c.signed]),
    [[ids.main, '10000.00', '6499.00', true]],
  );
  assert.equal(
    (await app.json<ContractJson[]>(['contract', 'list', '--unsigned'])).map((c) => c.id),
    [ids.olgaContract],
  );
  assert.equal(
    (await app.json<ContractJson[]>(['contract', 'list', '--client', prefix(ids.kevin!)])).map((c) => c.id).sort(),
    [ids.main, ids.small].sort(),
  );
  assert.equal(
    (await app.json<ContractJson[]>(['contract', 'list', '--client', ids.other!])).map((c) => c.id),
    [ids.olgaContract],
  );
});

workflow('the commercial creates the event: dates in UTC, not assigned yet', async () => {
  ids.wedding = await app.ok([
    'event',
    'create',
    '--contract',
    prefix(ids.main!),
    '--name',
    'Casey wedding',
    '--start',
    '2026-06-04 13:00',
    '--end',
    '2026-06-05T02:00+02:00',
    '--location',
    '53 Rue du Château, Candé-sur-Beuvron',
    '--attendees',
    '75',
    '--notes',
    'DJ until 2am',
  ]);
  const events = shaped(await app.json<EventJson[]>(['event', 'list']), EVENT_KEYS);
  assert.equal(
    events.map((e) => ({ ...e, createdAt: '', updatedAt: '' })),
    [
      {
        id: ids.wedding!,
        name: 'Casey wedding',
        contractId: ids.main!,
        clientId: ids.kevin!,
        clientName: 'Kevin Casey',
        clientContact: { email: 'kevin@startup.io', phone: '+678 123 456 78' },
        supportId: null,
        supportName: null,
        start: new Date(2026, 5, 4, 13, 0).toISOString(),
        end: '2026-06-05T00:00:00.000Z',
        location: '53 Rue du Château, Candé-sur-Beuvron',
        attendees: 75,
        notes: 'DJ until 2am',
        createdAt: '',
        updatedAt: '',
        status: 'scheduled',
        cancelReason: null,
      },
    ],
  );
  // Bob may not assign a support: gestion does.
  assert.is((await app.epic(['event', 'assign', ids.wedding!, '--support', ids.sam!])).code, 4);
});

workflow('gestion assigns a support', async () => {
  await as('ada', 'ada@epic.test', 'admin passphrase');
  assert.equal(
    (await app.json<EventJson[]>(['event', 'list', '--unassigned'])).map((e) => e.id),
    [ids.wedding],
  );
  await app.ok(['event', 'assign', prefix(ids.wedding!), '--support', prefix(ids.sam!)]);
  assert.equal(await app.json<EventJson[]>(['event', 'list', '--unassigned']), []);
  const [event] = await app.json<EventJson[]>(['event', 'list']);
  assert.is(event?.supportId, ids.sam);
  assert.is(event?.supportName, 'Sam Support');
});

workflow('the support finds their event and edits its notes and attendees; sees only what is behind it', async () => {
  await as('sam', 'sam@epic.test', 'm-a-s passphrase');
  const mine = shaped(await app.json<EventJson[]>(['event', 'list', '--mine']), EVENT_KEYS);
  assert.equal(
    mine.map((e) => [e.id, e.supportId, e.supportName]),
    [[ids.wedding, ids.sam, 'Sam Support']],
  );
  await app.ok(['event', 'edit', prefix(ids.wedding!), '--notes', 'DJ until 3am; vegetarian menu', '--attendees', '80']);
  const edited = await app.json<EventJson>(['event', 'view', prefix(ids.wedding!)]);
  assert.equal([edited.notes, edited.attendees], ['DJ until 3am; vegetarian menu', 80]);
  assert.ok(edited.updatedAt > edited.createdAt, 'updatedAt moves on an edit');
  assert.equal(
    (await app.json<ClientJson[]>(['client', 'list'])).map((c) => c.id),
    [ids.kevin],
  );
  assert.equal(
    (await app.json<ContractJson[]>(['contract', 'list'])).map((c) => c.id),
    [ids.main],
  );
  assert.is((await app.epic(['contract', 'edit', ids.main!, '--total', '1'])).code, 4);
});

workflow("the listing shows the client's contact as it is now", async () => {
  await as('bob', 'bob@epic.test', 'b-o-b passphrase');
  await app.ok(['client', 'edit', prefix(ids.kevin!), '--email', 'kevin@newmail.io', '--phone', '06 12 34 56 78']);
  await as('sam', 'sam@epic.test', 'm-a-s passphrase');
  const [event] = await app.json<EventJson[]>(['event', 'list', '--mine']);
  assert.equal(event?.clientContact, { email: 'kevin@newmail.io', phone: '06 12 34 56 78' });
});

workflow('deleting a commercial who owns clients needs --reassign-to; then clients and contracts move', async () => {
  await as('ada', 'ada@epic.test', 'admin passphrase');
  const before = await allEvents();
  const refused = await app.epic(['user', 'delete', prefix(ids.bob!), '--yes']);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /^error: .*--reassign-to.*\n$/);
  const after = await allEvents();
  assert.equal(
    after.slice(before.length).map((e) => [e.type, e.data.outcome]),
    [['CommandRecorded', 'rejected']],
    'nothing but the log entry',
  );

  await app.ok(['user', 'delete', prefix(ids.bob!), '--reassign-to', prefix(ids.carla!), '--yes']);
  const clients = await app.json<ClientJson[]>(['client', 'list']);
  assert.equal(
    clients.map((c) => [c.id, c.commercialId, c.commercialName]).sort(),
    [
      [ids.kevin, ids.carla, 'Carla Closer'],
      [ids.other, ids.carla, 'Carla Closer'],
    ].sort(),
  );
  const contracts = await app.json<ContractJson[]>(['contract', 'list']);
  assert.equal(new Set(contracts.map((c) => `${c.commercialId} ${c.commercialName}`)), new Set([`${ids.carla} Carla Closer`]));
  const moved = (await allEvents()).filter((e) => e.type === 'ClientReassigned');
  assert.equal(
    moved.map((e) => e.streamId).sort(),
    [`client-${ids.kevin}`, `client-${ids.other}`].sort(),
    'one ClientReassigned per client',
  );
  assert.equal((await app.json<UserJson[]>(['user', 'list'])).map((u) => u.id).includes(ids.bob!), false);
  assert.equal(readRows('SELECT id FROM clients WHERE commercial_id = ?', ids.bob!), [], 'no read row points at Bob');

  // Bob's token is still signed and unexpired, but Bob no longer exists.
  const ghost = await withToken('bob', ['client', 'list', '--json']);
  assert.is(ghost.code, 3);
  assert.match(ghost.stderr, /^error: [^\n]+\n$/);
});

workflow("changing a commercial's role likewise; the demoted user's token loses access at once", async () => {
  await as('carla', 'carla@epic.test', 'a-l-r-a-c passphrase');
  assert.is(JSON.parse(await app.ok(['contract', 'list', '--json'])).length, 3, 'Carla sees what she took over');
  await as('ada', 'ada@epic.test', 'admin passphrase');
  const refused = await app.epic(['user', 'edit', ids.carla!, '--role', 'support']);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /--reassign-to/);
  assert.is((await app.json<UserJson>(['user', 'view', ids.carla!])).role, 'commercial');
  await app.ok(['user', 'edit', ids.carla!, '--role', 'support', '--reassign-to', ids.dave!]);
  assert.equal(new Set((await app.json<ClientJson[]>(['client', 'list'])).map((c) => c.commercialName)), new Set(['Dave Dealer']));
  assert.equal(new Set((await app.json<ContractJson[]>(['contract', 'list'])).map((c) => c.commercialId)), new Set([ids.dave]));

  const demoted = await withToken('carla', ['contract', 'pay', ids.main!, '--amount', '1']);
  assert.is(demoted.code, 4, demoted.stderr);
  assert.is((await withToken('carla', ['client', 'create', '--name', 'Nope', '--email', 'nope@x.io'])).code, 4);
  const listing = await withToken('carla', ['contract', 'list', '--json']);
  assert.equal(JSON.parse(listing.stdout), [], 'as a support with no event, Carla sees no contract');
});

workflow('deleting a support unassigns their events; no read row points at them', async () => {
  writeFileSync(join(app.home, 'session'), tokens.ada ?? '', { mode: 0o600 });
  await app.ok(['user', 'delete', prefix(ids.sam!), '--yes']);
  const [event] = await app.json<EventJson[]>(['event', 'list']);
  assert.equal([event?.id, event?.supportId, event?.supportName], [ids.wedding, null, null]);
  assert.equal(
    (await app.json<EventJson[]>(['event', 'list', '--unassigned'])).map((e) => e.id),
    [ids.wedding],
  );
  assert.equal(readRows('SELECT id FROM occasions WHERE support_id = ?', ids.sam!), []);
  assert.equal(readRows('SELECT id FROM users WHERE id = ?', ids.sam!), []);
  const unassigned = (await allEvents()).filter((e) => e.type === 'SupportUnassigned');
  assert.equal(
    unassigned.map((e) => e.data.occasionId),
    [ids.wedding],
  );
  assert.is((await withToken('sam', ['event', 'list', '--mine', '--json'])).code, 3);
});

workflow('logout ends the session: a copy of the session file is refused', async () => {
  await as('dave', 'dave@epic.test', 'e-v-a-d passphrase');
  assert.is((await app.epic(['whoami', '--json'])).code, 0);
  const copy = readFileSync(join(app.home, 'session'), 'utf8');
  await app.ok(['logout']);
  assert.is((await app.epic(['whoami'])).code, 3, 'no session file');
  writeFileSync(join(app.home, 'session'), copy, { mode: 0o600 });
  const replay = await app.epic(['client', 'list', '--json']);
  assert.is(replay.code, 3);
  assert.match(replay.stderr, /^error: [^\n]+\n$/);
});

workflow.run();
