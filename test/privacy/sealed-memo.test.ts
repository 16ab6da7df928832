/**
 * The privacy decorator reads back what its own process sealed without
 * decrypting it (B9), from a bounded memo: only for the client and the field
 * the value was sealed for, and never once that client is forgotten. The
 * proof that a read came from the memo: the client's key is zeroed after
 * sealing, so decrypting would fail.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BackendUnavailable } from '../../src/errors.js';
import type { EventActor, JsonObject, NewEvent } from '../../src/events/event-store.js';
import { newKey } from '../../src/privacy/envelope.js';
import { MemoryKeyStore } from '../../src/privacy/key-store.js';
import { PrivateEventStore } from '../../src/privacy/private-event-store.js';
import { rejection } from '../event-store/rejection.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

const test = suite('the memo of what the privacy decorator sealed');
const actor: EventActor = { id: 'ginagest01', role: 'gestion' };
let serial = 0;

function event(type: string, data: JsonObject, commandId = `cmd-${serial}`): NewEvent {
  serial += 1;
  return {
    id: `00000000-0000-4000-9000-${String(serial).padStart(12, '0')}`,
    type,
    schemaVersion: type === 'CommandRecorded' ? 2 : 1,
    data,
    metadata: { actor, at: new Date(Date.UTC(2026, 11, 2, 9, 0, serial)).toISOString(), commandId },
  };
}

function created(clientId: string, commandId?: string): NewEvent {
  return event(
    'ClientCreated',
    { clientId, name: `Name ${clientId}`, email: `${clientId}@x.test`, phone: null, company: null, commercialId: 'carlcomm01' },
    commandId,
  );
}

/** A decorator over a log and keys in memory; `keys` holds every key it made, to zero them. */
function stores(options: { memoEntries?: number } = {}) {
  const keys: Buffer[] = [];
  const keyStore = new MemoryKeyStore(() => {
    const key = newKey();
    keys.push(key);
    return key;
  });
  const inner = new InMemoryEventStore();
  return { inner, keyStore, keys, store: new PrivateEventStore(inner, keyStore, options) };
}

test('what this process sealed reads back without a decryption; another process decrypts it', async () => {
  const { inner, keyStore, keys, store } = stores();
  const [appended] = (await store.append('client-memo000001', [created('memo000001')], 'no_stream')).events;
  assert.is(appended?.data.name, 'Name memo000001');
  const [stored] = await inner.readStream('client-memo000001');
  assert.not.match(JSON.stringify(stored?.data), /Name memo/, 'stored sealed');

  for (const key of keys) key.fill(0);
  const [read] = await store.readStream('client-memo000001');
  assert.equal([read?.data.name, read?.data.email], ['Name memo000001', 'memo000001@x.test'], 'from the memo: the key is zeroed');
  const [all] = await store.readAll({ after: 0, limit: 10 });
  assert.is(all?.data.name, 'Name memo000001');

  // Another process has no memo: it decrypts, and with the zeroed key that fails.
  const other = new PrivateEventStore(inner, keyStore);
  assert.instance(await rejection(other.readStream('client-memo000001')), BackendUnavailable);
});

test('the memo serves a value only in the field and for the client it was sealed for', async () => {
  const { inner, store } = stores();
  await store.append('client-memo000002', [created('memo000002')], 'no_stream');
  const [stored] = await inner.readStream('client-memo000002');
  // The sealed name, written by hand into the company field of a later event of the same client.
  await inner.append('client-memo000002', [event('ClientUpdated', { clientId: 'memo000002', company: stored?.data.name ?? null })], 1);
  const refused = await rejection(store.readStream('client-memo000002'));
  assert.instance(refused, BackendUnavailable, 'decrypted, and the field does not match: as without the memo');
  assert.not.match(String(refused), /Name memo/, 'the plaintext is not in the message');
});

test('the memo is bounded: the oldest values beyond it are decrypted again', async () => {
  const { keys, store } = stores({ memoEntries: 2 });
  await store.append('client-memo000003', [created('memo000003')], 'no_stream');
  await store.append('client-memo000004', [created('memo000004')], 'no_stream');
  for (const key of keys) key.fill(0);
  assert.is((await store.readStream('client-memo000004'))[0]?.data.name, 'Name memo000004', 'its two values are the memo');
  assert.instance(await rejection(store.readStream('client-memo000003')), BackendUnavailable, 'decrypted: it left the memo');
});

test('a value sealed and then forgotten in the same process reads [erased], wherever it is', async () => {
  const { inner, store } = stores();
  const commandId = 'cmd-forget-memo';
  await store.append('client-memo000005', [created('memo000005', commandId)], 'no_stream');
  await store.append(
    'command-log',
    [
      event(
        'CommandRecorded',
        {
          commandId,
          command: 'client create',
          args: { name: 'Name memo000005', email: 'memo000005@x.test' },
          outcome: 'accepted',
          reason: null,
          reasonMessage: null,
          events: [],
        },
        commandId,
      ),
    ],
    'any',
  );
  const [entry] = await inner.readStream('command-log');
  const sealedArgs = entry?.data.args as JsonObject;
  assert.is(entry?.data.subject, 'memo000005');
  const [opened] = await store.readStream('command-log');
  assert.is((opened?.data.args as JsonObject | undefined)?.name, 'Name memo000005');

  await store.append('client-memo000005', [event('ClientForgotten', { clientId: 'memo000005' })], 1);
  // The same envelope in an entry that names no subject: only the key (gone) and the memo (dropped) could open it.
  await inner.append(
    'command-log',
    [
      event('CommandRecorded', {
        commandId: 'cmd-copied',
        command: 'client create',
        args: { name: sealedArgs.name ?? null },
        outcome: 'accepted',
        reason: null,
        reasonMessage: null,
        events: [],
        subject: null,
      }),
    ],
    'any',
  );
  const [createdRead] = await store.readStream('client-memo000005');
  assert.equal([createdRead?.data.name, createdRead?.data.email], ['[erased]', '[erased]']);
  const log = await store.readStream('command-log');
  assert.equal(
    log.map((recorded) => (recorded.data.args as JsonObject).name),
    ['[erased]', '[erased]'],
  );
  const all = await store.readAll({ after: 0, limit: 100 });
  assert.not.match(JSON.stringify(all), /Name memo000005|memo000005@x\.test/);
});

test('forgetting a client drops its values from the memo, and only its own', async () => {
  const { keys, store } = stores();
  await store.append('client-memo000006', [created('memo000006')], 'no_stream');
  await store.append('client-memo000007', [created('memo000007')], 'no_stream');
  await store.forgetKey('memo000006', new Date().toISOString());
  for (const key of keys) key.fill(0);
  assert.is((await store.readStream('client-memo000006'))[0]?.data.name, '[erased]');
  assert.is((await store.readStream('client-memo000007'))[0]?.data.name, 'Name memo000007', 'the other client’s stay');
});

test.run();
