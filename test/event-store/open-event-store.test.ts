import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BackendUnavailable, InvalidInput } from '../../src/errors.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { testKeyring } from '../support/audit-key.js';
import { english } from '../support/english.js';
import { rejection } from './rejection.js';
import { sampleEvents } from './sample-events.js';

const test = suite('openEventStore');

test('sqlite:<path> opens a ready store and its credential store', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'epic-open-'));
  try {
    const { store, credentials } = await openEventStore(`sqlite:${join(dir, 'events.db')}`, { keyring: testKeyring });
    assert.is(store.kind, 'sqlite');
    assert.is((await store.append('s', sampleEvents(2), 'no_stream')).version, 2);
    await credentials.set('u1', 'hash', 1);
    assert.is((await credentials.get('u1'))?.passwordHash ?? null, 'hash');
    await credentials.close();
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('sqlite: with an unusable path is BackendUnavailable', async () => {
  assert.instance(
    await rejection(openEventStore('sqlite:/nonexistent-epic-folder/events.db', { keyring: testKeyring })),
    BackendUnavailable,
  );
});

test('mysql:// and esdb:// to an unreachable server are BackendUnavailable, and the message does not leak the password', async () => {
  // Port 1 on loopback refuses at once: no server, no waiting.
  for (const url of ['mysql://epic:s3cr3t-pass@127.0.0.1:1/epic', 'esdb://127.0.0.1:1?tls=false']) {
    const error = await rejection(openEventStore(url, { keyring: testKeyring }));
    assert.instance(error, BackendUnavailable, url);
    assert.not.match(english(error), /s3cr3t/);
  }
});

test('an unknown scheme, no scheme or an empty path is InvalidInput', async () => {
  for (const url of ['postgres://u:s3cr3t@h/db', 'events.db', '', 'sqlite:']) {
    const error = await rejection(openEventStore(url, { keyring: testKeyring }));
    assert.instance(error, InvalidInput, url);
    assert.not.match(english(error), /s3cr3t/);
  }
  assert.match(english(await rejection(openEventStore('ftp://x', { keyring: testKeyring }))), /"ftp:".*sqlite:<path>/);
});

test.run();
