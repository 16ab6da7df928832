/**
 * `client list --json` on SQLite prints the JSON SQLite builds
 * (listClientsJsonSqlite): it must be the very bytes `JSON.stringify` makes of
 * the object listing, for every scope and filter, and for the values JSON has
 * to escape. A field added to the client record must reach both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { catchUp } from '../../src/projections/projector.js';
import { type ListClientsOptions, listClients, listClientsJsonSqlite } from '../../src/projections/queries/clients.js';
import { openReadDb } from '../../src/projections/read-db/open-read-db.js';
import { CARL, CHLOE, GINA, SAM, writeScenario } from '../support/crm-scenario.js';
import { EventWriter } from '../support/event-writer.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

const AWKWARD = [
  'Quote " and backslash \\ and slash /',
  'Lines\nand\ttabs\r\u0001\u001f\u007f',
  'Émile Zoë — café ’ « guillemets »',
  'emoji 🎉 and CJK 漢字',
  'separators \u2028 \u2029',
  'émile zoë — same name, other case',
  'ÉMILE ZOË — upper',
  // ASCII letter case alone (the same name twice: ties go by id), and a sign between the upper and lower letters.
  'Alice Martin',
  'alice martin',
  'ALICE_MARTIN',
  'alicea',
];

test('the JSON SQLite builds is the JSON of the object listing, byte for byte', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'epic-client-json-'));
  const readDb = await openReadDb(`sqlite:${join(dir, 'read.db')}`);
  try {
    const store = new InMemoryEventStore();
    await writeScenario(new EventWriter(store));
    await catchUp(store, readDb);
    const at = '2026-01-01T00:00:00.000Z';
    await readDb.db
      .insertInto('clients')
      .values(
        AWKWARD.map((name, i) => ({
          id: `awkward${i}`,
          name,
          email: `${name.slice(0, 5)}@example.com`,
          phone: i % 2 === 0 ? null : `+33 ${i}`,
          company: i % 3 === 0 ? null : name,
          // The last one's commercial is no user at all: commercialName null.
          commercial_id: i === AWKWARD.length - 1 ? 'nobody' : CARL.id,
          search: name.toLowerCase(),
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    const cases: ListClientsOptions[] = [
      { scope: 'all', actorId: GINA.id },
      { scope: 'own', actorId: CARL.id },
      { scope: 'own', actorId: CHLOE.id },
      { scope: 'assigned', actorId: SAM.id },
      { scope: 'none', actorId: GINA.id },
      { scope: 'all', actorId: GINA.id, search: 'émile' },
      { scope: 'all', actorId: GINA.id, search: 'no such text' },
      { scope: 'all', actorId: GINA.id, commercialId: CARL.id },
      // A limit picks the first rows in the listing's order (sorted under the aggregate too), whatever the sort.
      { scope: 'all', actorId: GINA.id, limit: 3 },
      { scope: 'all', actorId: GINA.id, limit: 4, sort: { field: 'email', descending: true } },
      { scope: 'all', actorId: GINA.id, sort: { field: 'createdAt', descending: true } },
      { scope: 'own', actorId: CARL.id, limit: 2, sort: { field: 'company', descending: false } },
    ];
    for (const options of cases) {
      const objects = await listClients(readDb.db, options);
      const json = await listClientsJsonSqlite(readDb.db, options);
      assert.is(json, JSON.stringify(objects), JSON.stringify(options));
    }
    assert.ok((await listClients(readDb.db, cases[0] as ListClientsOptions)).length > AWKWARD.length, 'the scenario and the awkward rows');
    // The limited listing is the head of the whole one, not any three rows.
    const whole = await listClients(readDb.db, { scope: 'all', actorId: GINA.id });
    assert.is(await listClientsJsonSqlite(readDb.db, { scope: 'all', actorId: GINA.id, limit: 3 }), JSON.stringify(whole.slice(0, 3)));
  } finally {
    await readDb.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
