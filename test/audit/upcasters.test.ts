/**
 * Schema evolution end to end: an OLD-shape event (ClientReassigned v1, as
 * releases before v2 wrote it) is stored directly through the store, then
 * read back through the fold, the history, --at and the projections, which
 * all see the current shape; the hash chain still verifies over the raw event.
 */

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyLog } from '../../src/audit/verify.js';
import { loadStream } from '../../src/commands/decide-on-stream.js';
import { accountAggregate } from '../../src/domain/aggregates.js';
import { currentSchemaVersion, upcast } from '../../src/domain/upcasters.js';
import type { RecordedEvent } from '../../src/events/event-store.js';
import { openSqliteEventStore } from '../../src/events/sqlite/event-store.js';
import { TEST_AUDIT_KEY, testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';

const upcasting = suite('upcasters');

upcasting('ClientReassigned is written at v2; a v1 event is lifted, nothing else touched', () => {
  assert.is(currentSchemaVersion('ClientReassigned'), 2);
  assert.is(currentSchemaVersion('ContractCreated'), 1);
  const v1: RecordedEvent = {
    id: 'e1',
    streamId: 'client-c1',
    type: 'ClientReassigned',
    schemaVersion: 1,
    version: 3,
    position: 9,
    data: { clientId: 'c1', commercialId: 'com2' },
    metadata: { actor: { id: 'g1', role: 'gestion' }, at: '2026-06-01T10:00:00.000Z', commandId: 'cmd', prevHash: 'p', hash: 'h' },
  };
  const lifted = upcast(v1);
  assert.equal(lifted.data, { clientId: 'c1', commercialId: 'com2', previousCommercialId: null });
  assert.is(lifted.schemaVersion, 2);
  assert.equal(lifted.metadata, v1.metadata, 'the chain link is the stored one');
  assert.equal(v1.data, { clientId: 'c1', commercialId: 'com2' }, 'the stored event is not mutated');
  const current = { ...v1, schemaVersion: 2, data: { ...v1.data, previousCommercialId: 'com1' } };
  assert.is(upcast(current), current, 'a current event comes back as is');
  const future = { ...v1, schemaVersion: 3 };
  assert.is(upcast(future), future, 'a newer version than this code knows is left alone');
  assert.throws(() => upcast({ ...v1, schemaVersion: 0 }), /no upcaster for ClientReassigned from schema version 0/);
});

upcasting.run();

const stored = suite('an old-shape event in a real log');
let app: Installation;
let team: Awaited<ReturnType<Installation['seedTeam']>>;
let clientId: string;
let contractId: string;

stored.before(async () => {
  app = new Installation();
  team = await app.seedTeam();
  await app.as('bob@epic.test');
  clientId = await app.ok(['client', 'create', '--name', 'Kevin Casey', '--email', 'kevin@startup.io']);
  contractId = await app.ok(['contract', 'create', '--client', clientId, '--total', '100']);
  // What a release before v2 wrote when gestion moved the client to Carla.
  const store = await openSqliteEventStore(join(app.home, 'events.db'), { keyring: testKeyring });
  try {
    await store.append(
      `client-${clientId}`,
      [
        {
          id: randomUUID(),
          type: 'ClientReassigned',
          schemaVersion: 1,
          data: { clientId, commercialId: team.commercial2 },
          metadata: { actor: { id: team.gestion, role: 'gestion' }, at: new Date().toISOString(), commandId: randomUUID() },
        },
      ],
      'stream_exists',
    );
  } finally {
    await store.close();
  }
});
stored.after(() => app.cleanup());

stored('stored raw as v1; the fold, the history, --at and the read tables all see it in the current shape', async () => {
  const store = await openSqliteEventStore(join(app.home, 'events.db'), { keyring: testKeyring });
  try {
    const raw = (await store.readStream(`client-${clientId}`)).at(-1)!;
    assert.equal([raw.schemaVersion, raw.data], [1, { clientId, commercialId: team.commercial2 }], 'the log keeps what was written');
    assert.equal(upcast(raw).data, { clientId, commercialId: team.commercial2, previousCommercialId: null });
    const { state } = await loadStream({ store }, `client-${clientId}`, accountAggregate);
    assert.is(state.client?.commercialId, team.commercial2, 'the command side folds it');
    assert.is((await verifyLog(store, { key: TEST_AUDIT_KEY })).ok, true, 'the chain is over the raw v1 event');
  } finally {
    await store.close();
  }
  await app.as('ada@epic.test');
  const history = await app.json<{ type: string; changes: Record<string, { from: unknown; to: unknown }> }[]>([
    'history',
    'contract',
    contractId,
  ]);
  assert.equal(history.at(-1), {
    ...history.at(-1)!,
    type: 'ClientReassigned',
    changes: { commercialId: { from: team.commercial, to: team.commercial2 }, commercialName: { from: 'Bob Seller', to: 'Carla Closer' } },
  });
  const now = await app.json<{ commercialId: string }>(['history', 'client', clientId, '--at', new Date().toISOString()]);
  assert.is(now.commercialId, team.commercial2);
  const viewed = await app.json<{ commercialId: string; commercialName: string }>(['client', 'view', clientId]);
  assert.equal([viewed.commercialId, viewed.commercialName], [team.commercial2, 'Carla Closer'], 'the projection applied it');
  // The new owner may act on it: authorization is decided on the fold that saw the v1 event.
  await app.as('carla@epic.test');
  assert.is((await app.epic(['contract', 'sign', contractId])).code, 0);
});

stored('new reassignments are written at v2 with the commercial the client left', async () => {
  await app.as('ada@epic.test');
  await app.ok(['client', 'edit', clientId, '--commercial', team.commercial]);
  const store = await openSqliteEventStore(join(app.home, 'events.db'), { keyring: testKeyring });
  try {
    const written = (await store.readStream(`client-${clientId}`)).filter((e) => e.type === 'ClientReassigned').at(-1)!;
    assert.is(written.schemaVersion, 2);
    assert.equal(written.data, { clientId, commercialId: team.commercial, previousCommercialId: team.commercial2 });
  } finally {
    await store.close();
  }
});

stored.run();
