/**
 * A process that does what a CLI command does with the event store: open it
 * from a URL (EPIC_ESDB_TIMEOUT_MS from the environment), append, close,
 * and exit with the error's exit code. esdb-double.test.ts points it at a
 * server that never answers and checks that it exits 7, on its own, within
 * the timeout.
 *
 *     node --import tsx test/support/esdb-timeout-probe.ts <url> <open|append>
 *
 * Prints one JSON line: {"error": name, "exitCode": n, "elapsedMs": n}.
 */
import { randomUUID } from 'node:crypto';
import { EpicError } from '../../src/errors.js';
import { EsdbEventStore } from '../../src/events/esdb/event-store.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { testKeyring } from './audit-key.js';

const [url = '', step = 'open'] = process.argv.slice(2);
const started = performance.now();
const event = {
  id: randomUUID(),
  type: 'Probed',
  schemaVersion: 1,
  data: {},
  metadata: { actor: { id: 'probe', role: 'system' as const }, at: new Date().toISOString(), commandId: randomUUID() },
};

try {
  if (step === 'open') {
    const { store } = await openEventStore(url, { keyring: testKeyring });
    await store.close();
  } else {
    // An append without open(): the adapter reads the stream's end, then the client asks
    // the server for its features (a call with no deadline of its own) and appends.
    const store = new EsdbEventStore(url, { keyring: testKeyring });
    try {
      await store.append('probe', [event], 'any');
    } finally {
      await store.close();
    }
  }
  process.stdout.write(`${JSON.stringify({ error: null, exitCode: 0, elapsedMs: Math.round(performance.now() - started) })}\n`);
} catch (error) {
  const exitCode = error instanceof EpicError ? error.exitCode : 1;
  const name = error instanceof Error ? error.name : typeof error;
  process.stdout.write(
    `${JSON.stringify({ error: name, message: error instanceof Error ? error.message : String(error), exitCode, elapsedMs: Math.round(performance.now() - started) })}\n`,
  );
  process.exitCode = exitCode;
}
