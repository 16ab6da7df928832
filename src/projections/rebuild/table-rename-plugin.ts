import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { OperationNodeTransformer, TableNode } from 'kysely';

/**
 * Renames tables in every statement: `{ clients: 'clients__next' }` makes a
 * projection written against `clients` fill the shadow table of a rebuild.
 * Qualified column references (`clients.id`) follow, since they hold a table
 * node too; names not in the map (`excluded`, aliases) are left as they are.
 */
export class TableRenamePlugin implements KyselyPlugin {
  readonly #transformer: TableRenamer;

  constructor(renames: ReadonlyMap<string, string>) {
    this.#transformer = new TableRenamer(renames);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class TableRenamer extends OperationNodeTransformer {
  constructor(readonly renames: ReadonlyMap<string, string>) {
    super();
  }

  protected override transformTable(node: TableNode): TableNode {
    const renamed = node.table.schema === undefined ? this.renames.get(node.table.identifier.name) : undefined;
    return renamed === undefined ? super.transformTable(node) : TableNode.create(renamed);
  }
}
