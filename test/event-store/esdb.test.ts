/**
 * The EventStoreDB adapter against a real server, when EPIC_TEST_ESDB_URL
 * names one (e.g. esdb://localhost:2113?tls=false after `docker compose up -d`,
 * see docs/eventstoredb.md): the event store contract and the EventStoreDB
 * suites (follow, credentials, retries). Every run uses stream names and event
 * types of its own, so the server may hold data already; nothing else should
 * write to it during the run. Without the variable the file says so and skips.
 */
import { openEsdbEventStore } from '../../src/events/esdb/event-store.js';
import { testKeyring } from '../support/audit-key.js';
import { defineEventStoreContract } from './contract.js';
import { defineEsdbSuites } from './esdb-suites.js';

const url = process.env.EPIC_TEST_ESDB_URL;

if (url === undefined || url === '') {
  console.log('skipping EventStoreDB server tests: EPIC_TEST_ESDB_URL not set');
} else {
  defineEventStoreContract('esdb', async () => {
    const store = await openEsdbEventStore(url, { keyring: testKeyring });
    return { store, cleanup: () => store.close() };
  });
  defineEsdbSuites('esdb', async () => ({ url, cleanup: async () => {} }));
}
