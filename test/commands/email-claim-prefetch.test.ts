/**
 * An import's claimer asks the store once per batch which of its emails'
 * holder streams hold anything (`prefetch`, SQLite's `streamsWithEvents`):
 * the empty ones are decided without a read, the others are read and decided
 * as before (a recent claim by another client is still a conflict).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clientEmailClaimer, clientEmailKey } from '../../src/commands/client-emails.js';
import type { ActorContext } from '../../src/commands/handler-context.js';
import { emailHolderStream } from '../../src/domain/client-emails/client-email-directory.js';
import { Conflict } from '../../src/errors.js';
import { openSqliteEventStore } from '../../src/events/sqlite/event-store.js';
import { rejection } from '../event-store/rejection.js';
import { sampleEvent } from '../event-store/sample-events.js';
import { testKeyring } from '../support/audit-key.js';
import { MemoryCredentials, now, team } from '../support/handler-team.js';

test('a batch reads only the holder streams that hold something; the empty ones are claimed as new', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'epic-prefetch-'));
  const store = await openSqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
  try {
    const { gestion } = await team(store);
    const held = emailHolderStream(clientEmailKey('held@x.io'));
    await store.append(
      held,
      [sampleEvent('ClientEmailClaimed', { clientId: 'ghost00001', emailKey: clientEmailKey('held@x.io') }, { at: now().toISOString() })],
      'no_stream',
    );
    const holderReads: string[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId, options) => {
      if (streamId.startsWith('email-holder-')) holderReads.push(streamId);
      return readStream(streamId, options);
    };
    const context: ActorContext = { store, credentials: new MemoryCredentials(), commandId: 'import-1', now, recorded: [], actor: gestion };
    const claimer = clientEmailClaimer(context);

    await claimer.prefetch(['new1@x.io', 'New2@X.io', 'held@x.io']);
    await claimer.stage('client0001', 'new1@x.io');
    await claimer.stage('client0002', 'new2@x.io');
    assert.equal(holderReads, [], 'empty streams: no read');
    const refused = await rejection(claimer.stage('client0003', 'held@x.io'));
    assert.instance(refused, Conflict, 'a recent claim by another client still holds it');
    assert.equal(holderReads, [held], 'the held stream was read');
    assert.equal(
      claimer
        .batchAppends()
        .map(({ streamId, expected }) => [streamId, expected])
        .sort(),
      [
        [emailHolderStream(clientEmailKey('new1@x.io')), 'no_stream'],
        [emailHolderStream(clientEmailKey('new2@x.io')), 'no_stream'],
      ].sort(),
    );

    // After the batch, nothing is taken for empty any more: the next batch asks again.
    claimer.batchDone();
    await claimer.stage('client0004', 'new1@x.io');
    assert.equal(holderReads, [held, emailHolderStream(clientEmailKey('new1@x.io'))]);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
