/**
 * `caughtUp`, the check every reading command makes before it would load the
 * projector (docs/performance.md, B1): true exactly when a catch-up would do
 * nothing. Every way the read side can need the projector (and its reports:
 * ahead of the log, diverged from it, a checkpoint lost) answers false.
 */
import * as assert from 'uvu/assert';
import { caughtUp } from '../../src/projections/caught-up.js';
import { PROJECTION_VERSIONS } from '../../src/projections/projection-versions.js';
import { catchUp, PROJECTIONS } from '../../src/projections/projector.js';
import { CARL, GINA, writeScenario } from '../support/crm-scenario.js';
import { EventWriter } from '../support/event-writer.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { describeReadDb } from '../support/read-db-matrix.js';

describeReadDb('caughtUp: a catch-up known to have nothing to do', (test) => {
  test('the versions it checks are the projections’ own, for every projection', () => {
    assert.equal(Object.fromEntries(PROJECTIONS.map((p) => [p.name, p.version])), { ...PROJECTION_VERSIONS });
  });

  test('true once caught up; false with an event beyond the checkpoints, true again after the catch-up', async ({ readDb }) => {
    const store = new InMemoryEventStore();
    const writer = new EventWriter(store);
    await writeScenario(writer);
    assert.is(await caughtUp(store, readDb), false, 'never caught up: no checkpoints');
    await catchUp(store, readDb);
    assert.is(await caughtUp(store, readDb), true);
    await writer.account('late2345ab', GINA, {
      type: 'ClientCreated',
      data: { clientId: 'late2345ab', name: 'Late', email: 'late@x.test', phone: null, company: null, commercialId: CARL.id },
    });
    assert.is(await caughtUp(store, readDb), false, 'an event past the head the checkpoints name');
    await catchUp(store, readDb);
    assert.is(await caughtUp(store, readDb), true);
  });

  test('false for a checkpoint missing, of another version, beyond the head, or in a switch', async ({ readDb }) => {
    const store = new InMemoryEventStore();
    await writeScenario(new EventWriter(store));
    await catchUp(store, readDb);
    const head = await store.headPosition();
    const changed = async (set: Record<string, unknown>, name = 'contracts'): Promise<boolean> => {
      const before = await readDb.db.selectFrom('projection_state').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
      await readDb.db.updateTable('projection_state').set(set).where('name', '=', name).execute();
      const answer = await caughtUp(store, readDb);
      await readDb.db.updateTable('projection_state').set(before).where('name', '=', name).execute();
      return answer;
    };
    assert.is(await changed({ version: PROJECTION_VERSIONS.contracts + 1 }), false, 'a version the code does not have');
    assert.is(await changed({ position: head + 1 }), false, 'beyond the head of the log');
    assert.is(await changed({ position: head - 1 }, 'users'), false, 'one projection behind');
    assert.is(await changed({ swapping: 'abc123' }), false, 'a switch left half done');
    assert.is(await changed({ hash: 'not the hash of the event at the head' }), false, 'a log that diverged from the tables');
    assert.is(await changed({ hash: null }), true, 'a checkpoint from before migration 0004 holds no hash');
    assert.is(await caughtUp(store, readDb), true, 'each change undone');
    await readDb.db.deleteFrom('projection_state').where('name', '=', 'occasions').execute();
    assert.is(await caughtUp(store, readDb), false, 'a checkpoint missing');
  });
});
