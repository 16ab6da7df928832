/**
 * Several CLI processes catching up the same read database at once (every
 * command does): they take turns batch by batch, and no batch is applied
 * twice or skipped.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { formatCents } from '../../src/domain/values/money.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { type CatchUpResult, catchUp } from '../../src/projections/projector.js';
import { getContract } from '../../src/projections/queries/index.js';
import { testKeyring } from '../support/audit-key.js';
import { CARL, K1, KEVIN, writeScenario } from '../support/crm-scenario.js';
import { EventWriter } from '../support/event-writer.js';
import { dumpReadTables } from '../support/read-db-dump.js';
import { describeReadDb } from '../support/read-db-matrix.js';

const PROCESSES = 3;
const PAYMENTS = 1000;
const CHILD = fileURLToPath(new URL('../support/catch-up-process.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runChild(
  eventsPath: string,
  readDbUrl: string,
  batchSize: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, eventsPath, readDbUrl, String(batchSize)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describeReadDb('projector: concurrent processes', (test) => {
  test(`${PROCESSES} processes catching up at once apply every batch exactly once`, async (context) => {
    const dir = await mkdtemp(join(tmpdir(), 'epic-race-'));
    try {
      const eventsPath = join(dir, 'events.db');
      const store = (await openEventStore(`sqlite:${eventsPath}`, { keyring: testKeyring })).store;
      const w = new EventWriter(store);
      await writeScenario(w);
      const payment = { type: 'PaymentRecorded', data: { contractId: K1, amountCents: 1 } } as const;
      for (let i = 0; i < PAYMENTS; i += 100) await w.account(KEVIN, CARL, ...Array.from({ length: 100 }, () => payment));
      const head = await store.headPosition();

      const runs = await Promise.all(Array.from({ length: PROCESSES }, () => runChild(eventsPath, context.url, 5)));
      for (const run of runs) assert.is(run.code, 0, run.stderr);
      const results = runs.map((run) => JSON.parse(run.stdout) as CatchUpResult);
      assert.ok(
        results.every((result) => result.position === head),
        'every process ends at the head',
      );
      assert.is(
        results.reduce((sum, result) => sum + result.events, 0),
        head,
        'the batches applied add up to the log, once',
      );

      assert.is((await getContract(context.readDb.db, K1))?.remainingAmount, formatCents(100050 - PAYMENTS));
      const clean = await context.createReadDb();
      await catchUp(store, clean);
      assert.equal(await dumpReadTables(context.readDb), await dumpReadTables(clean));
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
