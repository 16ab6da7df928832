import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { ReadDb } from '../../src/projections/read-db/open-read-db.js';

/**
 * Counts the statements executed, by kind and first table (`InsertQueryNode
 * clients`). A query is keyed when it is compiled and counted when its result
 * comes back: a query compiled and never run is not a statement. upsert.ts
 * runs a cached statement text (`CompiledQuery.raw`), which no plugin sees
 * compiled, right after compiling `insertInto(table)` for its cache key, never
 * run: a result of a query never seen compiled counts as an insert into the
 * table of the last insert compiled.
 */
export class StatementCounter implements KyselyPlugin {
  readonly counts = new Map<string, number>();
  readonly #keys = new Map<PluginTransformQueryArgs['queryId'], string>();
  #lastInsert: string | undefined;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const key = `${args.node.kind} ${firstTable(args.node) ?? '?'}`;
    this.#keys.set(args.queryId, key);
    if (args.node.kind === 'InsertQueryNode') this.#lastInsert = key;
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const key = this.#keys.get(args.queryId) ?? this.#lastInsert ?? '? ?';
    this.#keys.delete(args.queryId);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return args.result;
  }

  count(kind: 'InsertQueryNode' | 'SelectQueryNode' | 'UpdateQueryNode' | 'DeleteQueryNode', table: string): number {
    return this.counts.get(`${kind} ${table}`) ?? 0;
  }
}

function firstTable(node: OperationNode): string | undefined {
  const queue: unknown[] = [node];
  while (queue.length > 0) {
    const item = queue.shift();
    if (typeof item !== 'object' || item === null) continue;
    const candidate = item as { kind?: string; table?: { identifier?: { name?: string } } };
    if (candidate.kind === 'TableNode' && candidate.table?.identifier?.name) return candidate.table.identifier.name;
    queue.push(...Object.values(item));
  }
  return undefined;
}

/** The same database, counting the statements run through it. */
export function counted(readDb: ReadDb): { readDb: ReadDb; counter: StatementCounter } {
  const counter = new StatementCounter();
  return { readDb: { ...readDb, db: readDb.db.withPlugin(counter) }, counter };
}
