/**
 * The command log says what an import did (issue 19 item 6): accepted with
 * the counts of created, updated, unchanged and refused rows, or rejected
 * when rows were refused and none was imported; the exit code is 0 only when
 * every row was imported.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';

interface LogEntry {
  command: string;
  outcome: string;
  reason: string | null;
  reasonMessage: { key: string } | null;
}

const test = suite('the outcome of an import, in the command log');
let app: Installation;
test.before(async () => {
  app = new Installation();
  await app.seedTeam();
  await app.as('ada@epic.test');
});
test.after(() => app.cleanup());

async function importFile(name: string, csv: string): Promise<{ code: number; entry: LogEntry | undefined }> {
  writeFileSync(join(app.home, name), csv);
  const result = await app.epic(['import', 'clients', name]);
  const entries = (await app.json<LogEntry[]>(['log', '--limit', '3'])).filter((e) => e.command === 'import clients');
  return { code: result.code, entry: entries[0] };
}

test('every row imported: exit 0, accepted with the counts', async () => {
  const { code, entry } = await importFile(
    'good.csv',
    'name,email,commercial\nAnn,ann@import.io,bob@epic.test\nBen,ben@import.io,bob@epic.test\n',
  );
  assert.is(code, 0);
  assert.is(entry?.outcome, 'accepted');
  assert.is(entry?.reason, '2 rows: 2 created, 0 updated, 0 unchanged, 0 refused');
  assert.is(entry?.reasonMessage?.key, 'import.imported');
});

test('some rows refused: exit 2, accepted with the counts of both', async () => {
  const { code, entry } = await importFile(
    'mixed.csv',
    'name,email,commercial\nAnn Again,ann@import.io,bob@epic.test\nBad,not-an-email,bob@epic.test\n',
  );
  assert.is(code, 2);
  assert.is(entry?.outcome, 'accepted');
  assert.is(entry?.reason, '2 rows: 0 created, 1 updated, 0 unchanged, 1 refused');
});

test('every row refused: exit 2, rejected, nothing imported', async () => {
  const { code, entry } = await importFile('bad.csv', 'name,email,commercial\nBad,not-an-email,bob@epic.test\nWorse,,bob@epic.test\n');
  assert.is(code, 2);
  assert.is(entry?.outcome, 'rejected');
  assert.is(entry?.reason, 'nothing imported: 2 of 2 rows refused');
});

test.run();
