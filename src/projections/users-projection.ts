import { assertNever } from '../domain/assert-never.js';
import { asDomainEvent } from '../domain/decider.js';
import type { UserEvent } from '../domain/users/user-events.js';
import { USER_EVENT_TYPES } from '../domain/users/user-events.js';
import { toInstant } from '../events/instant.js';
import type { Projection } from './projection.js';
import { PROJECTION_VERSIONS } from './projection-versions.js';
import type { ReadDialect } from './read-db/database.js';
import { idsToLoad, RowBatch } from './read-db/row-batch.js';
import type { SchemaDb, TableNaming } from './read-db/table-ddl.js';
import { columnTypes } from './read-db/table-ddl.js';

/** `users`: the live collaborators. A deleted user's row is removed. */
export const usersProjection: Projection = {
  name: 'users',
  version: PROJECTION_VERSIONS.users,
  tables: ['users'],
  handles: USER_EVENT_TYPES,
  createTables: createUsersTable,
  async apply(trx, events, dialect) {
    const batch = events.flatMap((recorded) => {
      const event = asDomainEvent<UserEvent>(recorded, USER_EVENT_TYPES);
      return event ? [{ event, at: toInstant(recorded.metadata.at, 'metadata.at') }] : [];
    });
    const rows = new RowBatch('users');
    await rows.load(
      trx,
      idsToLoad(
        batch,
        ({ event }) => event.data.userId,
        ({ event }) => event.type === 'UserCreated',
      ),
    );
    for (const { event, at } of batch) {
      switch (event.type) {
        case 'UserCreated': {
          const { userId, name, email, role } = event.data;
          rows.put({ id: userId, name, email, role, disabled: 0, created_at: at, updated_at: at });
          break;
        }
        case 'UserRenamed':
          rows.update(event.data.userId, (row) => ({ ...row, name: event.data.name, updated_at: at }));
          break;
        case 'UserEmailChanged':
          rows.update(event.data.userId, (row) => ({ ...row, email: event.data.email, updated_at: at }));
          break;
        case 'UserRoleChanged':
          rows.update(event.data.userId, (row) => ({ ...row, role: event.data.role, updated_at: at }));
          break;
        case 'UserPasswordChanged':
          // The directory's state counts a password change as a change of the user (src/domain/users/users-state.ts).
          rows.update(event.data.userId, (row) => ({ ...row, updated_at: at }));
          break;
        case 'UserDeleted':
          rows.remove(event.data.userId);
          break;
        case 'UserDisabled':
          rows.update(event.data.userId, (row) => ({ ...row, disabled: 1, updated_at: at }));
          break;
        case 'UserEnabled':
          rows.update(event.data.userId, (row) => ({ ...row, disabled: 0, updated_at: at }));
          break;
        default:
          assertNever(event);
      }
    }
    await rows.flush(trx, dialect);
  },
};

/** Version 2 of `users`: the first migration's shape, with `disabled`. */
async function createUsersTable(db: SchemaDb, dialect: ReadDialect, names: TableNaming): Promise<void> {
  const t = columnTypes(dialect);
  const users = names.table('users');
  await db.schema
    .createTable(users)
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .$call(t.options)
    .execute();
  await db.schema.createIndex(names.index('users_role_idx')).on(users).column('role').execute();
}
