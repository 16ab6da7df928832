/**
 * `client forget` on EventStoreDB, through the wire-level double: the key
 * lives in the stream `subject-key-<client id>` (capped at one event, never
 * part of the log), and forgetting hard-deletes that stream; the events
 * stay, sealed, and read as `[erased]`; `audit verify` still passes.
 */
import { EventStoreDBClient, StreamDeletedError } from '@eventstore/db-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';
import { EsdbWireDouble } from '../support/esdb-wire-double.js';

const test = suite('client forget on EventStoreDB (wire double)');

test('the key stream is deleted and the sealed values are unreadable; the chains verify', async () => {
  const double = await EsdbWireDouble.start();
  const app = new Installation({ EPIC_EVENT_STORE: double.url });
  const client = EventStoreDBClient.connectionString(double.url);
  try {
    const team = await app.seedTeam();
    const id = await app.ok([
      'client',
      'create',
      '--name',
      'Zebulon Esdbsnoot',
      '--email',
      'zebulon@esdbsnoot.io',
      '--company',
      'Esdbsnoot Ltd',
      '--commercial',
      team.commercial,
    ]);
    await app.ok(['client', 'edit', id, '--phone', '+33 6 10 20 30 40']);
    const keyStream = `subject-key-${id}`;
    const readKeyStream = async () => {
      const events = [];
      for await (const resolved of client.readStream(keyStream, { maxCount: 10 })) events.push(resolved);
      return events;
    };
    const [keyEvent] = await readKeyStream();
    assert.ok(keyEvent?.event?.type === 'SubjectKeyCreated', 'the key is in its own stream');
    const plain = (text: string) => double.records.some((r) => Buffer.from(r.data).toString('utf8').includes(text));
    assert.not.ok(plain('Esdbsnoot') || plain('esdbsnoot') || plain('10 20 30'), 'the log holds ciphertext only');
    assert.is((JSON.parse(await app.ok(['export', 'clients', '--format', 'json'])) as unknown[]).length, 1);

    const forget = await app.epic(['client', 'forget', id, '--yes']);
    assert.is(forget.code, 0, forget.stderr);
    let deleted: unknown;
    try {
      await readKeyStream();
    } catch (error) {
      deleted = error;
    }
    assert.instance(deleted, StreamDeletedError, 'the key stream is hard-deleted');

    const view = await app.json<Record<string, unknown>>(['client', 'view', id, '--json']);
    assert.equal([view.name, view.email, view.phone, view.company, view.erased], ['[erased]', null, null, null, true]);
    const history = await app.epic(['history', 'client', id, '--json']);
    assert.not.match(history.stdout, /sdbsnoot|10 20 30/);
    assert.match(history.stdout, /\[erased\]/);
    const verify = await app.epic(['audit', 'verify', '--json']);
    assert.is(verify.code, 0, verify.stderr);
    assert.is((JSON.parse(verify.stdout) as { forgotten: number }).forgotten, 1);
    assert.is((await app.epic(['client', 'forget', id, '--yes'])).code, 5);
  } finally {
    await client.dispose();
    app.cleanup();
    await double.stop();
  }
});

test.run();
