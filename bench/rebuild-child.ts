/**
 * B4/B7 child: rebuilds every projection of a read database from a log, and
 * prints one JSON line: wall time of the rebuild, events applied, and the
 * process's peak RSS. A process of its own so that maxRSS is the rebuild's.
 * Usage: rebuild-child.ts <events.db> <read-db-url>
 */
import { openEventStore } from '../src/events/open-event-store.js';
import { rebuild } from '../src/projections/projector.js';
import { openReadDb } from '../src/projections/read-db/open-read-db.js';
import { testKeyring } from '../test/support/audit-key.js';
import { nowMs } from './stats.js';

const [eventsPath, readUrl] = process.argv.slice(2);
if (eventsPath === undefined || readUrl === undefined) throw new Error('usage: rebuild-child.ts <events.db> <read-db-url>');
const { store, credentials } = await openEventStore(`sqlite:${eventsPath}`, { keyring: testKeyring });
const readDb = await openReadDb(readUrl); // schema migrated before the clock starts
const start = nowMs();
const result = await rebuild(store, readDb);
const ms = nowMs() - start;
await readDb.close();
await credentials.close();
await store.close();
process.stdout.write(`${JSON.stringify({ ms, events: result.events, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
