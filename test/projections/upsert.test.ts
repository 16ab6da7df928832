/** The dialect-neutral write helpers, on every dialect. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NewUserRow } from '../../src/projections/read-db/database.js';
import { deleteWhereIn, insertRows, MAX_ROWS_PER_STATEMENT, rowsPerStatement, upsertRows } from '../../src/projections/read-db/upsert.js';
import { describeReadDb } from '../support/read-db-matrix.js';
import { counted } from '../support/statement-counter.js';

const AT = '2026-01-01T00:00:00.000Z';
const user = (id: string, name = `User ${id}`): NewUserRow => ({
  id,
  name,
  email: `${id}@x.test`,
  role: 'support',
  disabled: 0,
  created_at: AT,
  updated_at: AT,
});
const many = (count: number) => Array.from({ length: count }, (_, i) => user(`u${String(i).padStart(5, '0')}`));

describeReadDb('upsert helpers', (test) => {
  test('upsertRows inserts new rows and overwrites existing ones (all columns but the key)', async ({ readDb, dialect }) => {
    await insertRows(readDb.db, 'users', [user('a'), user('b')]);
    await upsertRows(
      readDb.db,
      dialect,
      'users',
      [{ ...user('b', 'Bea'), role: 'gestion', updated_at: '2026-02-01T00:00:00.000Z' }, user('c')],
      { key: ['id'] },
    );
    const rows = await readDb.db.selectFrom('users').select(['id', 'name', 'role', 'updated_at']).orderBy('id').execute();
    assert.equal(rows, [
      { id: 'a', name: 'User a', role: 'support', updated_at: AT },
      { id: 'b', name: 'Bea', role: 'gestion', updated_at: '2026-02-01T00:00:00.000Z' },
      { id: 'c', name: 'User c', role: 'support', updated_at: AT },
    ]);
  });

  test('update: only the columns named; [] keeps existing rows as they are', async ({ readDb, dialect }) => {
    await insertRows(readDb.db, 'users', [user('a'), user('b')]);
    await upsertRows(readDb.db, dialect, 'users', [{ ...user('a', 'Ann'), role: 'gestion' }], { key: ['id'], update: ['name'] });
    await upsertRows(readDb.db, dialect, 'users', [user('b', 'Ignored'), user('d', 'Dee')], { key: ['id'], update: [] });
    const rows = await readDb.db.selectFrom('users').select(['id', 'name', 'role']).orderBy('id').execute();
    assert.equal(rows, [
      { id: 'a', name: 'Ann', role: 'support' },
      { id: 'b', name: 'User b', role: 'support' },
      { id: 'd', name: 'Dee', role: 'support' },
    ]);
  });

  test('more rows than a statement takes: cut into statements of at most 500 rows', async (context) => {
    const { readDb, counter } = counted(context.readDb);
    await insertRows(readDb.db, 'users', many(1203));
    assert.is(counter.count('InsertQueryNode', 'users'), 3);
    await upsertRows(
      readDb.db,
      context.dialect,
      'users',
      many(1203).map((row) => ({ ...row, name: 'Renamed' })),
      { key: ['id'] },
    );
    assert.is(counter.count('InsertQueryNode', 'users'), 6);
    const names = await readDb.db.selectFrom('users').select('name').distinct().execute();
    assert.equal(names, [{ name: 'Renamed' }]);
    await deleteWhereIn(
      readDb.db,
      'users',
      'id',
      many(1001).map((row) => row.id),
    );
    assert.is(counter.count('DeleteQueryNode', 'users'), 3);
    assert.equal((await readDb.db.selectFrom('users').select('id').execute()).length, 202);
  });

  test('nothing to write: no statement', async (context) => {
    const { readDb, counter } = counted(context.readDb);
    await insertRows(readDb.db, 'users', []);
    await upsertRows(readDb.db, context.dialect, 'users', [], { key: ['id'] });
    await deleteWhereIn(readDb.db, 'users', 'id', []);
    assert.equal([...counter.counts.keys()], []);
  });
});

const sizes = suite('statement sizes');
sizes('500 rows a statement, fewer when rows are wide (bound variables)', () => {
  assert.is(MAX_ROWS_PER_STATEMENT, 500);
  assert.is(rowsPerStatement(13), 500);
  assert.is(rowsPerStatement(100), 300);
  assert.is(rowsPerStatement(0), 500);
});
sizes.run();
