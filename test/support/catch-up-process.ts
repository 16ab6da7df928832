/**
 * A projector in its own process, as each CLI invocation is:
 *
 *   node --import tsx test/support/catch-up-process.ts <events.db> <read db URL> <batch size>
 *
 * Catches the read database up with the SQLite event store and prints the
 * CatchUpResult as JSON on stdout.
 */
import { openEventStore } from '../../src/events/open-event-store.js';
import { catchUp } from '../../src/projections/projector.js';
import { openReadDb } from '../../src/projections/read-db/open-read-db.js';
import { testKeyring } from './audit-key.js';

const [eventsPath, readDbUrl, batchSize] = process.argv.slice(2);
if (!eventsPath || !readDbUrl || !batchSize) throw new Error('usage: catch-up-process.ts <events.db> <read db URL> <batch size>');

const store = (await openEventStore(`sqlite:${eventsPath}`, { keyring: testKeyring })).store;
const readDb = await openReadDb(readDbUrl);
try {
  const result = await catchUp(store, readDb, { batchSize: Number(batchSize) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await readDb.close();
  await store.close();
}
