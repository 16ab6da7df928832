/**
 * Client emails are decided on a holder stream per email (client-emails.ts).
 * An installation written before the holder streams keeps its emails taken:
 * its one-stream directory (`client-emails`, issue 19), or, for a log older
 * than any directory, its live clients, are copied into holder streams by the
 * first email change, once, and from then on a claim reads one email's stream.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createClient, runAccountCommand } from '../../src/commands/account-handler.js';
import { clientEmailKey } from '../../src/commands/client-emails.js';
import { toNewEvents } from '../../src/commands/new-events.js';
import { accountStream } from '../../src/domain/accounts/account-events.js';
import { CLIENT_EMAILS_STREAM, EMAIL_HOLDERS_STREAM, emailHolderStream } from '../../src/domain/client-emails/client-email-directory.js';
import type { DomainEvent } from '../../src/domain/decider.js';
import { newId } from '../../src/domain/values/ids.js';
import { Conflict } from '../../src/errors.js';
import { change, now, team } from '../support/handler-team.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

const test = suite('client email holder streams');

/** An installation as earlier code left it: events appended straight to their streams, no holder stream. */
async function olderInstallation(directory: boolean) {
  const store = new InMemoryEventStore();
  const { credentials, gestion, bob } = await team(store);
  const write = (streamId: string, events: DomainEvent[]) =>
    store.append(
      streamId,
      toNewEvents(events, {
        streamId,
        commandId: `older-${streamId}`,
        append: 0,
        actor: { id: gestion.id, role: 'gestion' },
        at: now().toISOString(),
      }),
      'any',
    );
  const client = async (email: string, deleted = false) => {
    const clientId = newId();
    const events: DomainEvent[] = [
      { type: 'ClientCreated', data: { clientId, name: `Old ${email}`, email, phone: null, company: null, commercialId: bob.id } },
    ];
    if (deleted) events.push({ type: 'ClientDeleted', data: { clientId } });
    await write(accountStream(clientId), events);
    if (directory && !deleted) {
      await write(CLIENT_EMAILS_STREAM, [{ type: 'ClientEmailClaimed', data: { clientId, emailKey: clientEmailKey(email) } }]);
    }
    return clientId;
  };
  const kept = await client('kept@older.io');
  const gone = await client('gone@older.io', true);
  const create = (commandId: string, email: string) =>
    change(store, credentials, gestion, commandId, (context) => createClient(context, { name: 'New', email, commercialId: bob.id }));
  return { store, credentials, gestion, kept, gone, create };
}

const refusedAsTaken = (error: unknown) => error instanceof Conflict && error.exitCode === 6;

for (const directory of [true, false]) {
  const older = directory ? 'a one-stream directory (issue 19)' : 'a log older than any directory';
  test(`given ${older}, an email a client holds stays taken, in any case; a free one is claimed`, async () => {
    const { store, kept, create } = await olderInstallation(directory);
    await create('taken', 'KEPT@Older.io').then(
      () => assert.unreachable('the email of a live client was given to another'),
      (error: unknown) => assert.ok(refusedAsTaken(error), String(error)),
    );
    const { clientId } = await create('free', 'new@older.io');
    const holders = await store.readStream(EMAIL_HOLDERS_STREAM);
    assert.equal(
      holders.map((event) => [event.type, event.data]),
      [['EmailHoldersOpened', { holders: 1 }]],
      'opened once, with the one live holder',
    );
    const keptHolder = await store.readStream(emailHolderStream(clientEmailKey('kept@older.io')));
    assert.equal(
      keptHolder.map((event) => event.data.clientId),
      [kept],
    );
    const newHolder = await store.readStream(emailHolderStream(clientEmailKey('new@older.io')));
    assert.equal(
      newHolder.map((event) => event.data.clientId),
      [clientId],
    );
  });

  test(`given ${older}, the email of a deleted client is free`, async () => {
    const { create } = await olderInstallation(directory);
    await create('reuse', 'gone@older.io');
  });
}

test('the holder streams are opened once: later email changes read one email’s stream, and nothing of the old directory', async () => {
  const { store, create } = await olderInstallation(true);
  await create('first', 'one@older.io');
  const readStream = store.readStream.bind(store);
  const read: string[] = [];
  store.readStream = (streamId, options) => {
    read.push(streamId);
    return readStream(streamId, options);
  };
  await create('second', 'two@older.io');
  assert.not.ok(read.includes(CLIENT_EMAILS_STREAM), `streams read: ${read.join(', ')}`);
  assert.ok(read.includes(emailHolderStream(clientEmailKey('two@older.io'))));
  assert.is((await store.readStream(EMAIL_HOLDERS_STREAM)).length, 1);
});

test('an email given up by an edit is free for another client, the new one taken', async () => {
  const store = new InMemoryEventStore();
  const { credentials, gestion, bob } = await team(store);
  const run = <T>(commandId: string, work: Parameters<typeof change<T>>[4]) => change(store, credentials, gestion, commandId, work);
  const { clientId: first } = await run('a', (context) => createClient(context, { name: 'A', email: 'a@x.io', commercialId: bob.id }));
  await run('edit', (context) => runAccountCommand(context, first, { type: 'EditClient', data: { clientId: first, email: 'b@x.io' } }));
  await run('c', (context) => createClient(context, { name: 'C', email: 'A@x.io', commercialId: bob.id }));
  await run('d', (context) => createClient(context, { name: 'D', email: 'b@X.io', commercialId: bob.id })).then(
    () => assert.unreachable('the new email of the edited client was given to another'),
    (error: unknown) => assert.ok(refusedAsTaken(error), String(error)),
  );
});

test.run();
