/**
 * Decisions on the log, not on read tables (issue 17, item 7): with
 * `commercial_id` changed in read.db (a tool sharing the read database, or
 * someone with the file), another commercial's client, contract and event
 * stay hidden from `view` and `history`: they decide on the account's
 * stream. Listings filter on the read tables (docs/security.md says so).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';

const tampered = suite('a read table tampered to reveal');

tampered('commercial_id moved to Bob in read.db: Carla’s client, contract and event stay hidden from Bob', async () => {
  const app = new Installation();
  try {
    const team = await app.seedTeam();
    await app.as('carla@epic.test');
    const client = await app.ok(['client', 'create', '--name', 'Carla Client', '--email', 'cc@client.io']);
    const contract = await app.ok(['contract', 'create', '--client', client, '--total', '100', '--signed']);
    const event = await app.ok([
      'event',
      'create',
      '--contract',
      contract,
      '--name',
      'Gala',
      '--start',
      '2027-06-01T18:00Z',
      '--end',
      '2027-06-01T23:00Z',
      '--location',
      'Lyon',
      '--attendees',
      '50',
    ]);
    const readDb = new Database(join(app.home, 'read.db'));
    readDb.prepare('update clients set commercial_id = ? where id = ?').run(team.commercial, client);
    for (const table of ['contracts', 'occasions']) {
      const columns = (readDb.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      if (columns.includes('commercial_id'))
        readDb.prepare(`update ${table} set commercial_id = ? where client_id = ?`).run(team.commercial, client);
    }
    readDb.close();
    await app.as('bob@epic.test');
    for (const args of [
      ['client', 'view', client],
      ['contract', 'view', contract],
      ['event', 'view', event],
      ['history', 'client', client],
      ['history', 'contract', contract],
      ['history', 'event', event],
    ]) {
      const result = await app.epic([...args, '--json']);
      assert.is(result.code, 5, `${args.join(' ')}: ${result.code} ${result.stdout.slice(0, 80)} ${result.stderr}`);
      assert.is(result.stdout, '', `${args.join(' ')}: nothing shown`);
    }
    // Carla, whose records they are on the log, still sees them.
    await app.as('carla@epic.test');
    assert.is((await app.epic(['client', 'view', client])).code, 0);
    assert.is((await app.epic(['event', 'view', event])).code, 0);
  } finally {
    app.cleanup();
  }
});

tampered.run();
