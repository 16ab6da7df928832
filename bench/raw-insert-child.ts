/**
 * B4 baseline child: the rows a rebuild produced, inserted raw into the same
 * kind of database with the same schema (migrated by openReadDb), in
 * multi-row INSERT statements of up to 500 rows, one transaction per
 * statement, through the driver directly (no Kysely, no folding). Prints one
 * JSON line: wall time of the inserts and the number of rows.
 * Usage: raw-insert-child.ts <rebuilt read db url> <target read db url>
 * On MySQL, source and target are the same database: the rows are read,
 * the tables emptied, and the rows inserted again.
 */
import Database from 'better-sqlite3';
import { parseReadDbUrl } from '../src/config/read-db-url.js';
import { openReadDb } from '../src/projections/read-db/open-read-db.js';
import { nowMs } from './stats.js';

const TABLES = ['users', 'clients', 'contracts', 'occasions', 'command_log'] as const;
const ROWS_PER_STATEMENT = 500;
/** SQLite's cap on bound parameters, with room to spare. */
const MAX_PARAMETERS = 30_000;

type Value = string | number | bigint | null;
type Rows = Map<string, { columns: string[]; rows: Value[][] }>;

const [sourceUrl, targetUrl] = process.argv.slice(2);
if (sourceUrl === undefined || targetUrl === undefined) throw new Error('usage: raw-insert-child.ts <source-url> <target-url>');

const target = parseReadDbUrl(targetUrl);

if (target.dialect === 'sqlite') {
  const source = parseReadDbUrl(sourceUrl);
  if (source.dialect !== 'sqlite') throw new Error('source and target must be the same dialect');
  const data = readSqlite(source.path);
  const db = new Database(target.path);
  // The rebuilt tables' own schema (tables, then their indexes): the projections' current shape, which can be
  // ahead of what the migrations create (command_log version 3 has columns migration 0001 does not).
  for (const { sql } of schemaOf(source.path)) db.exec(sql);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const start = nowMs();
  let count = 0;
  for (const [table, { columns, rows }] of data) {
    const perStatement = Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length));
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const statements = new Map<number, Database.Statement>();
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      let statement = statements.get(chunk.length);
      if (!statement) {
        statement = db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: chunk.length }, () => tuple).join(', ')}`,
        );
        statements.set(chunk.length, statement);
      }
      const run = statement;
      db.transaction(() => run.run(...chunk.flat()))();
      count += chunk.length;
    }
  }
  const ms = nowMs() - start;
  db.close();
  process.stdout.write(`${JSON.stringify({ ms, rows: count })}\n`);
} else {
  await (await openReadDb(targetUrl)).close(); // the same database as the source: its tables are there
  const { createConnection } = await import('mysql2/promise');
  const connection = await createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    dateStrings: true,
    supportBigNumbers: true,
  });
  const data: Rows = new Map();
  for (const table of TABLES) {
    const [rows, fields] = await connection.query({ sql: `SELECT * FROM ${table}`, rowsAsArray: true });
    data.set(table, { columns: (fields as { name: string }[]).map((f) => f.name), rows: rows as Value[][] });
    await connection.query(`DELETE FROM ${table}`);
  }
  const start = nowMs();
  let count = 0;
  for (const [table, { columns, rows }] of data) {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      await connection.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [chunk]);
      count += chunk.length;
    }
  }
  const ms = nowMs() - start;
  await connection.end();
  process.stdout.write(`${JSON.stringify({ ms, rows: count })}\n`);
}

/** The CREATE statements of TABLES and their indexes in a SQLite file, tables first. */
function schemaOf(path: string): { sql: string }[] {
  const db = new Database(path, { readonly: true });
  try {
    const names = TABLES.map(() => '?').join(', ');
    return db
      .prepare<string[], { sql: string }>(
        `SELECT sql FROM sqlite_master WHERE tbl_name IN (${names}) AND sql IS NOT NULL ORDER BY type = 'table' DESC, name`,
      )
      .all(...TABLES);
  } finally {
    db.close();
  }
}

function readSqlite(path: string): Rows {
  const db = new Database(path, { readonly: true });
  const data: Rows = new Map();
  for (const table of TABLES) {
    const statement = db.prepare(`SELECT * FROM ${table}`).raw(true);
    const columns = statement.columns().map((c) => c.name);
    data.set(table, { columns, rows: statement.all() as Value[][] });
  }
  db.close();
  return data;
}
