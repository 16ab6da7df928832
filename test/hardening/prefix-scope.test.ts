/**
 * An id prefix names a record among those the actor may see (issue 17, item
 * 9): a prefix that two commercials' clients share resolves, for each of
 * them, to their own client, never to "ambiguous", which would say that
 * another record starting so exists. Only gestion, who sees both, is told it
 * is ambiguous. The client ids are chosen by idempotency keys (the ids a
 * command creates derive from its key and its actor: docs/cli.md), searched here
 * for two that share their first 4 characters.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { newRecordId } from '../../src/commands/record-ids.js';
import { nameUuid } from '../../src/events/name-uuid.js';
import { Installation } from '../support/cli.js';

const PREFIX = 4;

/** The id `client create --idempotency-key key` run by `actorId` gives its client (runtime.ts keyCommand, account-handler.ts). */
function keyedClientId(actorId: string, key: string): string {
  return newRecordId({ commandId: nameUuid(`epic idempotency key\u0000${actorId}\u0000${key}`) }, 'client');
}

/** Two keys, one per actor, whose clients' ids share their first PREFIX characters. */
function collidingKeys(first: string, second: string): { firstKey: string; secondKey: string; prefix: string } {
  const seen = new Map<string, string>();
  for (let i = 0; i < 20_000; i += 1) {
    const key = `k${i}`;
    seen.set(keyedClientId(first, key).slice(0, PREFIX), key);
    const other = seen.get(keyedClientId(second, key).slice(0, PREFIX));
    if (other !== undefined) return { firstKey: other, secondKey: key, prefix: keyedClientId(second, key).slice(0, PREFIX) };
  }
  throw new Error('no two client ids sharing a prefix in 20,000 keys each');
}

const test = suite('an id prefix resolves among what the actor may see');

test('two commercials whose clients share a prefix: each resolves it to their own; gestion is told it is ambiguous', async () => {
  const app = new Installation();
  try {
    const { commercial: bob, commercial2: carla } = await app.seedTeam();
    const { firstKey, secondKey, prefix } = collidingKeys(bob, carla);
    await app.as('bob@epic.test');
    const bobClient = await app.ok(['client', 'create', '--name', 'Bob Client', '--email', 'bc@client.io', '--idempotency-key', firstKey]);
    const bobContract = await app.ok(['contract', 'create', '--client', prefix, '--total', '100']);
    await app.as('carla@epic.test');
    const carlaClient = await app.ok([
      'client',
      'create',
      '--name',
      'Carla Client',
      '--email',
      'cc@client.io',
      '--idempotency-key',
      secondKey,
    ]);
    assert.is.not(bobClient, carlaClient);
    assert.is(bobClient.slice(0, PREFIX), prefix);
    assert.is(carlaClient.slice(0, PREFIX), prefix);

    for (const [email, own] of [
      ['carla@epic.test', carlaClient],
      ['bob@epic.test', bobClient],
    ] as const) {
      await app.as(email);
      const view = await app.epic(['client', 'view', prefix, '--json']);
      assert.is(view.code, 0, `${email}: ${view.stderr}`);
      assert.is((JSON.parse(view.stdout) as { id: string }).id, own, `${email} sees their own client`);
      const history = await app.epic(['history', 'client', prefix, '--json']);
      assert.is(history.code, 0, `${email} history: ${history.stderr}`);
      assert.not.match(history.stdout, email === 'bob@epic.test' ? carlaClient : bobClient);
      const edit = await app.epic(['client', 'edit', prefix, '--company', `Company of ${email}`]);
      assert.is(edit.code, 0, `${email} edit: ${edit.stderr}`);
      const contracts = await app.epic(['contract', 'list', '--client', prefix, '--json']);
      assert.is(contracts.code, 0, `${email} contract list --client: ${contracts.stderr}`);
      assert.equal(
        (JSON.parse(contracts.stdout) as { id: string }[]).map((c) => c.id),
        email === 'bob@epic.test' ? [bobContract] : [],
      );
      for (const result of [view, history, edit, contracts]) assert.not.match(result.stderr, /ambiguous/);
    }
    await app.as('bob@epic.test');
    assert.match(await app.ok(['client', 'view', bobClient]), /Company of bob@epic\.test/);

    await app.as('ada@epic.test');
    const ambiguous = await app.epic(['client', 'view', prefix]);
    assert.is(ambiguous.code, 2, ambiguous.stderr);
    assert.match(ambiguous.stderr, /ambiguous: 2 clients start with it/);
    const ambiguousHistory = await app.epic(['history', 'client', prefix]);
    assert.is(ambiguousHistory.code, 2, ambiguousHistory.stderr);
  } finally {
    app.cleanup();
  }
});

test.run();
