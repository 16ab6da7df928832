import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Scope } from '../../auth/policy.js';
import type { Database } from '../read-db/database.js';

/**
 * How a listing scope (src/auth/policy.ts) narrows each kind of record:
 * - `all`: everything;
 * - `own`: records of the clients whose commercial is the actor;
 * - `assigned`: occasions whose support is the actor, and the contracts and
 *   clients behind them.
 * `none` never reaches here: listings return nothing for it.
 *
 * Each filter reads only its own table plus a subquery, so a listing can pick
 * its page from one table (and its index) before joining the names: MySQL
 * would otherwise start the join from the smaller table and sort it all.
 */
export type VisibleScope = Exclude<Scope, 'none'>;

export function clientScope(scope: VisibleScope, actorId: string) {
  return (eb: ExpressionBuilder<Database, 'clients'>): Expression<SqlBool> => {
    switch (scope) {
      case 'all':
        return eb.lit(true);
      case 'own':
        return eb('clients.commercial_id', '=', actorId);
      case 'assigned':
        return eb('clients.id', 'in', eb.selectFrom('occasions').select('occasions.client_id').where('occasions.support_id', '=', actorId));
    }
  };
}

export function contractScope(scope: VisibleScope, actorId: string) {
  return (eb: ExpressionBuilder<Database, 'contracts'>): Expression<SqlBool> => {
    switch (scope) {
      case 'all':
        return eb.lit(true);
      case 'own':
        return eb('contracts.client_id', 'in', eb.selectFrom('clients').select('clients.id').where('clients.commercial_id', '=', actorId));
      case 'assigned':
        return eb(
          'contracts.id',
          'in',
          eb.selectFrom('occasions').select('occasions.contract_id').where('occasions.support_id', '=', actorId),
        );
    }
  };
}

export function occasionScope(scope: VisibleScope, actorId: string) {
  return (eb: ExpressionBuilder<Database, 'occasions'>): Expression<SqlBool> => {
    switch (scope) {
      case 'all':
        return eb.lit(true);
      case 'own':
        return eb('occasions.client_id', 'in', eb.selectFrom('clients').select('clients.id').where('clients.commercial_id', '=', actorId));
      case 'assigned':
        return eb('occasions.support_id', '=', actorId);
    }
  };
}
