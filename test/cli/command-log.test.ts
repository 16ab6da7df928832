/**
 * The command log through `epic log`: denied attempts, the events an accepted
 * command produced, the filters, who sees which entries, failed logins, and no
 * password anywhere in the log or the events.
 */

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Dataset, PASSWORDS, seedDataset, Team } from '../support/team.js';

interface Entry {
  id: string;
  at: string;
  actor: { id: string; name: string | null; role: string };
  command: string;
  outcome: 'accepted' | 'rejected' | 'denied' | 'failed';
  reason: string | null;
  reasonMessage: { key: string; params: Record<string, unknown> | null } | null;
  events: string[];
}

const ENTRY_KEYS = ['id', 'at', 'actor', 'command', 'outcome', 'reason', 'reasonMessage', 'events'];

let team: Team;
let data: Dataset;

const log = suite('epic log');
log.before(async () => {
  team = await Team.start();
  data = await seedDataset(team);
});
log.after(() => team?.cleanup());

log("--denied shows a support's attempt to edit a contract, with the reason", async () => {
  const attempt = await team.run('sam', ['contract', 'edit', data.contracts.bobSigned, '--total', '5']);
  assert.is(attempt.code, 4);
  const denied = await team.json<Entry[]>('ada', ['log', '--denied']);
  assert.ok(denied.length > 0);
  for (const entry of denied) {
    assert.equal(Object.keys(entry), ENTRY_KEYS);
    assert.is(entry.outcome, 'denied');
  }
  const [latest] = denied;
  assert.equal(
    { ...latest, id: '', at: '', reason: '' },
    {
      id: '',
      at: '',
      actor: { id: team.ids.sam, name: 'Sam Support', role: 'support' },
      command: 'contract edit',
      outcome: 'denied',
      reason: '',
      reasonMessage: { key: 'policy.refused', params: { action: 'contract.edit', role: 'support', scope: 'none' } },
      events: [],
    },
  );
  assert.match(latest?.reason ?? '', /may not/);
  assert.equal(
    (await team.json<Entry[]>('sam', ['log', '--denied'])).map((e) => e.id),
    [latest?.id],
    'Sam sees his own denied attempt',
  );
});

log("the readable log words each reason in the reader's language, whatever language its actor read it in", async () => {
  const attempt = await team.run('sam', ['contract', 'sign', data.contracts.bobUnsigned], { env: { EPIC_LANG: 'en' } });
  assert.is(attempt.code, 4);
  const english = (await team.run('ada', ['log', '--denied', '--limit', '1'], { env: { EPIC_LANG: 'en' } })).stdout;
  const french = (await team.run('ada', ['log', '--denied', '--limit', '1'], { env: { EPIC_LANG: 'fr' } })).stdout;
  assert.match(english, /may not/);
  assert.not.match(french, /may not/);
  assert.match(french, /un support ne peut pas signer/);
});

log('an accepted command lists the ids of the events it produced', async () => {
  await team.ok('bob', ['contract', 'pay', data.contracts.bobSigned, '--amount', '100']);
  const [entry] = await team.json<Entry[]>('bob', ['log', '--limit', '1']);
  assert.equal([entry?.command, entry?.outcome, entry?.reason, entry?.reasonMessage], ['contract pay', 'accepted', null, null]);
  const events = await team.allEvents();
  const produced = events.filter((e) => entry?.events.includes(e.id));
  assert.equal(
    produced.map((e) => [e.streamId, e.type, e.data.amountCents]),
    [[`client-${data.clients.bob}`, 'PaymentRecorded', 10_000]],
  );

  // A cascade: deleting a commercial who owns clients records each move, then the deletion.
  await team.ok('ada', ['user', 'delete', team.ids.carla, '--reassign-to', team.ids.bob, '--yes']);
  const [deletion] = await team.json<Entry[]>('ada', ['log', '--limit', '1']);
  assert.is(deletion?.command, 'user delete');
  const all = await team.allEvents();
  assert.equal(
    deletion?.events.map((id) => all.find((e) => e.id === id)?.type),
    ['ClientReassigned', 'UserDeleted'],
    'the one client Carla owned moves, then Carla goes',
  );
});

log('--user, --since and --limit', async () => {
  const bobs = await team.json<Entry[]>('ada', ['log', '--user', team.ids.bob.slice(0, 4)]);
  assert.ok(bobs.length >= 3);
  assert.equal(new Set(bobs.map((e) => e.actor.id)), new Set([team.ids.bob]));

  const everything = await team.json<Entry[]>('ada', ['log', '--limit', '1000']);
  const since = new Date(Date.now() + 5).toISOString();
  await new Promise((resolve) => setTimeout(resolve, 10));
  await team.ok('bob', ['client', 'edit', data.clients.bob, '--company', 'After The Mark']);
  await team.run('sam', ['client', 'delete', data.clients.bobQuiet, '--yes']);
  const recent = await team.json<Entry[]>('ada', ['log', '--since', since]);
  assert.equal(
    recent.map((e) => [e.command, e.outcome]),
    [
      ['client delete', 'denied'],
      ['client edit', 'accepted'],
    ],
    'newest first, nothing older',
  );
  assert.ok(recent.every((e) => e.at >= since));

  const two = await team.json<Entry[]>('ada', ['log', '--limit', '2']);
  assert.equal(
    two.map((e) => e.id),
    recent.map((e) => e.id),
  );
  assert.is((await team.json<Entry[]>('ada', ['log', '--limit', '1000'])).length, everything.length + 2);
  assert.is((await team.run('ada', ['log', '--limit', 'ten'])).code, 2);
  assert.is((await team.run('ada', ['log', '--since', 'yesterday'])).code, 2);
});

log('commercials and supports see only their own entries; gestion sees all', async () => {
  for (const who of ['bob', 'sam'] as const) {
    const own = await team.json<Entry[]>(who, ['log', '--limit', '1000']);
    assert.ok(own.length > 0);
    assert.equal(new Set(own.map((e) => e.actor.id)), new Set([team.ids[who]]), `${who} sees only ${who}'s entries`);
    assert.equal(await team.json<Entry[]>(who, ['log', '--user', team.ids.ada]), [], `${who} cannot read gestion's entries`);
  }
  const all = await team.json<Entry[]>('ada', ['log', '--limit', '1000']);
  for (const who of ['ada', 'bob', 'sam', 'sue'] as const)
    assert.ok(
      all.some((e) => e.actor.id === team.ids[who]),
      `gestion sees ${who}'s entries`,
    );
});

log('failed logins and attempts without a session are recorded', async () => {
  const wrong = await team.app.epic(['login', '--email', 'bob@epic.test', '--password-stdin'], { stdin: 'not bobs password\n' });
  assert.is(wrong.code, 3);
  const unknown = await team.app.epic(['login', '--email', 'nobody@epic.test', '--password-stdin'], { stdin: 'whatever password\n' });
  assert.is(unknown.code, 3);
  assert.is(unknown.stderr, wrong.stderr, 'the same message whatever the reason');
  rmSync(team.sessionPath);
  const anonymous = await team.app.epic(['client', 'delete', data.clients.bobQuiet, '--yes']);
  assert.is(anonymous.code, 3);

  const entries = await team.json<Entry[]>('ada', ['log', '--limit', '1000']);
  const bobFailed = entries.find((e) => e.command === 'login' && e.actor.id === team.ids.bob && e.outcome !== 'accepted');
  assert.is(bobFailed?.outcome, 'denied');
  assert.match(bobFailed?.reason ?? '', /invalid email or password/);
  assert.is(bobFailed?.events.length, 1, 'the LoginFailed event');
  const anon = await team.json<Entry[]>('ada', ['log', '--user', 'anonymous']);
  assert.equal(
    anon.map((e) => [e.command, e.outcome, e.actor.role]),
    [
      ['client delete', 'denied', 'system'],
      ['login', 'denied', 'system'],
    ],
  );
});

log('no password ever reaches the log, the events or the read database', async () => {
  const newPassword = 'brand new secret phrase';
  await team.ok('ada', ['user', 'edit', team.ids.sue, '--password-stdin'], { stdin: `${newPassword}\n` });
  await team.app.login('sue@epic.test', newPassword);
  const passwords = [...Object.values(PASSWORDS), newPassword, 'not bobs password', 'whatever password'];
  for (const file of ['events.db', 'events.db-wal', 'read.db', 'read.db-wal']) {
    const path = join(team.app.home, file);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    for (const password of passwords) assert.is(bytes.indexOf(password), -1, `${JSON.stringify(password)} in ${file}`);
  }
  const events = await team.allEvents();
  assert.ok(events.length > 50);
  for (const event of events) {
    const text = JSON.stringify({ data: event.data, metadata: event.metadata });
    assert.not.match(text, /\$2[aby]\$/, `no password hash in ${event.type}`);
    assert.not.match(text, /"password/i, `no password field in ${event.type}`);
  }
  const edit = (await team.json<Entry[]>('ada', ['log', '--limit', '1000'])).find((e) => e.command === 'user edit');
  assert.is(edit?.outcome, 'accepted');
});

log.run();
