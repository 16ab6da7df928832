/**
 * Every cell of the permission table of docs/cli.md ("Who may do what"),
 * checked against src/auth/policy.ts and proved through the CLI. The expected
 * table is parsed from docs/cli.md, not copied from the policy: change a cell
 * in either place and a test here fails.
 *
 * When the contract the product is built from sits next to the repository
 * (`../shared/CLI.md`, in a development checkout; EPIC_TEST_CONTRACT_MD names
 * another copy), its table must be docs/cli.md's. Rows whose commands are not
 * built yet are listed in one line; each of them fails here the day its
 * command appears without cell tests.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Action, POLICY, type Scope } from '../../src/auth/policy.js';
import { COMMAND_ROUTES } from '../../src/cli/commands/routes.js';
import type { Role } from '../../src/domain/values/roles.js';
import type { CliResult } from '../support/cli.js';
import { type Dataset, type Member, PASSWORDS, seedDataset, Team } from '../support/team.js';

// ---------------------------------------------------------------------------
// The table, from docs/cli.md

const ROOT = resolve(import.meta.dirname, '../..');
const REFERENCE_MD = join(ROOT, 'docs/cli.md');
const CONTRACT_MD = resolve(ROOT, process.env.EPIC_TEST_CONTRACT_MD || '../shared/CLI.md');
const ROLES = ['gestion', 'commercial', 'support'] as const satisfies readonly Role[];

/** What a cell grants: a listing/change scope, `view` (whatever the role may view), and for `client edit` whether `--commercial` is allowed. */
interface Meaning {
  readonly scope: Scope | 'view';
  readonly reassign?: Scope;
}

const all: Meaning = { scope: 'all' };
const own: Meaning = { scope: 'own' };
const assigned: Meaning = { scope: 'assigned' };
const none: Meaning = { scope: 'none' };

/**
 * Every wording the table uses, and what it means. An unknown wording fails the
 * parse: a new phrase in the table must be given a meaning here, never ignored.
 * `item` is the verb (or command) of the row the cell applies to.
 */
function meaningOf(text: string, item: string): Meaning {
  switch (text) {
    case 'yes':
    case 'yes (names `--commercial`)':
    case 'all':
    case 'all entries':
    case 'any client':
    case 'any signed contract':
      return all;
    case 'all (incl. `--commercial`)':
      return { scope: 'all', reassign: 'all' };
    // A commercial creating a client becomes its commercial: allowed for themselves only.
    case 'yes (becomes its commercial)':
    case 'own clients':
    case 'own entries':
    case 'contracts of own clients':
    case 'signed contracts of own clients':
    case 'events of own clients':
      return own;
    case 'own clients (not `--commercial`)':
      return { scope: 'own', reassign: 'none' };
    case 'clients of events assigned to them':
    case 'contracts of events assigned to them':
    case 'events assigned to them':
      return assigned;
    case 'no':
      return none;
    case 'what they may view':
      return { scope: 'view' };
    // The last row lists several commands; this cell grants only the export.
    case 'export of what they may view':
      return item === 'export' ? { scope: 'view' } : none;
    default:
      throw new Error(`permission cell ${JSON.stringify(text)} has no meaning in this test: add it to meaningOf`);
  }
}

interface Row {
  readonly label: string;
  /** "client list", "users create", "history", "audit verify", "passwd"... */
  readonly items: readonly string[];
  readonly cells: Readonly<Record<Role, string>>;
}

function parseTable(markdown: string, file: string): Row[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Who may do what'));
  if (section === undefined) throw new Error(`${file} has no "Who may do what" section`);
  const lines = section.split('\n').filter((line) => line.trim().startsWith('|'));
  const split = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  const [header, separator, ...body] = lines;
  assert.equal(split(header ?? ''), ['action', 'gestion', 'commercial', 'support'], `the table header of ${file}`);
  assert.ok(separator !== undefined && /^[|\s:-]+$/.test(separator), `the separator line of ${file}`);
  return body.map((line) => {
    const [label = '', gestion = '', commercial = '', support = ''] = split(line);
    // "passwd (own password)": the remark is for readers, the item is the command.
    const subject = label.replace(/\s*\([^)]*\)$/, '');
    const colon = subject.indexOf(':');
    const items =
      colon === -1
        ? subject.split(',').map((item) => item.trim())
        : subject
            .slice(colon + 1)
            .split(',')
            .map((verb) => `${subject.slice(0, colon).trim()} ${verb.trim()}`);
    return { label, items, cells: { gestion, commercial, support } };
  });
}

const ROWS = parseTable(readFileSync(REFERENCE_MD, 'utf8'), 'docs/cli.md');

/** Item ("client list") -> role -> what docs/cli.md grants. */
const EXPECTED = new Map<string, { text: Readonly<Record<Role, string>>; meaning: Readonly<Record<Role, Meaning>> }>();
for (const row of ROWS) {
  for (const item of row.items) {
    const meaning = Object.fromEntries(ROLES.map((role) => [role, meaningOf(row.cells[role], item)])) as Record<Role, Meaning>;
    EXPECTED.set(item, { text: row.cells, meaning });
  }
}

function expected(item: string, role: Role): Meaning {
  const entry = EXPECTED.get(item);
  if (entry === undefined) throw new Error(`docs/cli.md has no permission row for ${item}`);
  return entry.meaning[role];
}

/** The policy action each built item is enforced by; `null`: derived from the view actions. Each has its cells tested below. */
const ACTION_OF = {
  'users create': 'user.create',
  'users list': 'user.list',
  'users view': 'user.view',
  'users edit': 'user.edit',
  'users delete': 'user.delete',
  'user disable': 'user.disable',
  'user enable': 'user.enable',
  'user unlock': 'user.unlock',
  /** Your own password: no action of the policy, everyone's (tested below). */
  passwd: null,
  'client create': 'client.create',
  'client list': 'client.view',
  'client view': 'client.view',
  'client edit': 'client.edit',
  'client delete': 'client.delete',
  'client forget': 'client.forget',
  'client dossier': 'client.dossier',
  'contract create': 'contract.create',
  'contract list': 'contract.view',
  'contract view': 'contract.view',
  'contract edit': 'contract.edit',
  'contract sign': 'contract.sign',
  'contract pay': 'contract.pay',
  'contract delete': 'contract.delete',
  'contract refund': 'contract.refund',
  'event create': 'event.create',
  'event list': 'event.view',
  'event view': 'event.view',
  'event edit': 'event.edit',
  'event assign': 'event.assign',
  'event unassign': 'event.assign',
  'event cancel': 'event.cancel',
  history: null,
  log: 'log.list',
  'audit verify': 'audit.verify',
  'audit digest': 'audit.digest',
  'projection *': 'projection.manage',
  import: 'import.clients',
  export: null,
} as const satisfies Record<string, Action | null>;

/**
 * Items of the table whose commands are not built yet, and the policy action
 * expected to enforce each (`null`: none, `passwd` acts on yourself). Their
 * cells are checked against the policy as soon as it has the action; the day
 * the CLI has the command, the item must move to ACTION_OF with cell tests.
 */
const NOT_BUILT: Readonly<Record<string, string | null>> = {};

type Item = keyof typeof ACTION_OF;
const VIEW_ACTIONS: readonly Action[] = ['client.view', 'contract.view', 'event.view'];

function isAction(name: string | null): name is Action {
  return name !== null && Object.hasOwn(POLICY, name);
}

/** Whether the CLI has a command for an item: `users create` is `user create`, `projection *` any projection command, `import` any import. */
function isBuilt(item: string): boolean {
  const words = item.replace(/^users /, 'user ').replace(/ \*$/, '');
  return COMMAND_ROUTES.some(({ route }) => route === words || route.startsWith(`${words} `));
}

// ---------------------------------------------------------------------------
// The parsed table itself

const table = suite('permission table of docs/cli.md');

table('has every row and cell, so a parser regression cannot test nothing', () => {
  assert.is(ROWS.length, 21, 'rows');
  assert.is(ROWS.flatMap((row) => ROLES.map((role) => row.cells[role])).filter((cell) => cell !== '').length, 63, 'non-empty cells');
  assert.is(EXPECTED.size, 38, 'items (noun + verb)');
  assert.equal(
    [...EXPECTED.keys()].sort(),
    [...Object.keys(ACTION_OF), ...Object.keys(NOT_BUILT)].sort(),
    'the items are exactly those this test knows',
  );
  assert.equal(expected('client edit', 'commercial'), { scope: 'own', reassign: 'none' });
  assert.equal(expected('event edit', 'support'), { scope: 'assigned' });
  assert.equal(expected('import', 'commercial'), { scope: 'none' });
  assert.equal(expected('export', 'support'), { scope: 'view' });
  assert.equal(expected('passwd', 'support'), { scope: 'all' });
  assert.equal(expected('event cancel', 'commercial'), { scope: 'own' });
});

if (existsSync(CONTRACT_MD)) {
  table('is the table of the contract it was written from (../shared/CLI.md)', () => {
    assert.equal(parseTable(readFileSync(CONTRACT_MD, 'utf8'), CONTRACT_MD), ROWS);
  });
} else {
  process.stdout.write(`\npermission table: ${CONTRACT_MD} absent, docs/cli.md not compared with the contract\n`);
}

table('src/auth/policy.ts grants exactly what docs/cli.md says, for every action and role', () => {
  const covered = new Set<Action>(['client.reassign']);
  const actions: [string, Action | null][] = [
    ...(Object.entries(ACTION_OF) as [Item, Action | null][]),
    // A row not built yet is checked as soon as the policy has its action.
    ...Object.entries(NOT_BUILT).flatMap(([item, name]): [string, Action][] => (isAction(name) ? [[item, name]] : [])),
  ];
  for (const [item, action] of actions) {
    for (const role of ROLES) {
      const meaning = expected(item, role);
      if (item === 'passwd') {
        assert.is(meaning.scope, 'all', `passwd for ${role}: everyone changes their own password`);
        continue;
      }
      if (action === null) {
        // history / export: "all" means every view action is `all`; "what they may view" is the view scope by definition.
        if (meaning.scope === 'all')
          for (const view of VIEW_ACTIONS) assert.is(POLICY[view][role], 'all', `${item} for ${role} needs ${view} = all`);
        else assert.is(meaning.scope, 'view', `${item} for ${role}`);
        continue;
      }
      covered.add(action);
      assert.is(
        POLICY[action][role],
        meaning.scope,
        `${action} for ${role} (docs/cli.md: ${JSON.stringify(EXPECTED.get(item)?.text[role])})`,
      );
    }
  }
  for (const role of ROLES) {
    const reassign = expected('client edit', role).reassign ?? (expected('client edit', role).scope === 'none' ? 'none' : undefined);
    assert.is(POLICY['client.reassign'][role], reassign, `client.reassign (edit --commercial) for ${role}`);
  }
  assert.equal([...covered].sort(), Object.keys(POLICY).sort(), 'every policy action is a cell of docs/cli.md');
});

table('every built command has its cells tested here, and only built ones are taken as built', () => {
  for (const item of Object.keys(ACTION_OF)) assert.ok(isBuilt(item), `${item}: tested below, but the CLI has no such command`);
  for (const item of Object.keys(NOT_BUILT))
    assert.not.ok(isBuilt(item), `${item} is built now: move it from NOT_BUILT to ACTION_OF and test its cells through the CLI`);
});

/** The rows still to build, one line: "event cancel, passwd, user disable/enable/unlock, ...". */
const toBuild = ROWS.flatMap((row) => {
  const missing = row.items.filter((item) => item in NOT_BUILT);
  if (missing.length === 0) return [];
  const [first = ''] = missing;
  const noun = first.includes(' ') ? first.slice(0, first.indexOf(' ')) : '';
  const sameNoun = noun !== '' && missing.every((item) => item.startsWith(`${noun} `));
  return [sameNoun ? `${noun} ${missing.map((item) => item.slice(noun.length + 1)).join('/')}` : missing.join(', ')];
});
if (toBuild.length > 0) process.stdout.write(`\npermission rows not built yet: ${toBuild.join(', ')}\n`);

table.run();

// ---------------------------------------------------------------------------
// The cells, through the CLI

/** Who plays each role: Bob owns "mine" records, Sam is assigned to them. */
const ACTOR: Readonly<Record<Role, Member>> = { gestion: 'ada', commercial: 'bob', support: 'sam' };
type Relation = 'mine' | 'other';

/**
 * Whether a scope lets `role` act on a record that is `relation` to its actor:
 * "mine" records belong to Bob's client and sit behind an event assigned to Sam,
 * "other" ones to Carla's client behind Sue's event.
 */
function allows(scope: Scope | 'view', role: Role, relation: Relation): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'own':
      return role === 'commercial' && relation === 'mine';
    case 'assigned':
      return role === 'support' && relation === 'mine';
    case 'view':
      throw new Error('a view-derived cell has no command of its own');
  }
}

/**
 * `hidden`: the record lies outside what the actor may view, so a refusal
 * answers exactly as a record that does not exist would (exit 5, "no … with
 * id …"): no id reveals what is outside the actor's scope (docs/cli.md).
 */
function assertOutcome(result: CliResult, allowed: boolean, what: string, hidden = false): void {
  if (allowed) {
    assert.is(result.code, 0, `${what} should be allowed: ${result.stderr}`);
  } else if (hidden) {
    assert.is(result.code, 5, `${what} should answer as not found with exit 5 (got ${result.code}: ${result.stderr.trim()})`);
    assert.match(result.stderr, /^error: no (client|contract|event) with id "[a-z0-9]+"( in the log)?\n$/, `${what}: as not found`);
    assert.is(result.stdout, '', `${what}: nothing on stdout`);
  } else {
    assert.is(result.code, 4, `${what} should be refused with exit 4 (got ${result.code}: ${result.stderr.trim()})`);
    assert.match(result.stderr, /^error: [^\n]+\n$/, `${what}: one error line`);
    assert.is(result.stdout, '', `${what}: nothing on stdout`);
  }
}

let reader: Team;
let data: Dataset;
let writer: Team;
let wdata: Dataset;

const cells = suite('every cell of the permission table, through the CLI');
cells.before(async () => {
  try {
    [reader, writer] = await Promise.all([Team.start(), Team.start()]);
    [data, wdata] = await Promise.all([seedDataset(reader), seedDataset(writer)]);
  } catch (error) {
    // The seed itself uses cells (gestion creates users, commercials create clients...): uvu fails the
    // suite on a hook error without saying why, so say it.
    process.stdout.write(`\nthe permission dataset could not be seeded: ${(error as Error).message}\n`);
    throw error;
  }
});
cells.after(() => {
  reader?.cleanup();
  writer?.cleanup();
});

/** Facts of the dataset: whose client each record belongs to, and who is assigned behind it. */
function facts(d: Dataset) {
  return {
    clients: [
      { id: d.clients.bob, owner: 'bob', supports: ['sam'] },
      { id: d.clients.bobQuiet, owner: 'bob', supports: [] },
      { id: d.clients.carla, owner: 'carla', supports: ['sue'] },
    ],
    contracts: [
      { id: d.contracts.bobUnsigned, owner: 'bob', supports: [] },
      { id: d.contracts.bobSigned, owner: 'bob', supports: ['sam'] },
      { id: d.contracts.carlaUnsigned, owner: 'carla', supports: [] },
      { id: d.contracts.carlaSigned, owner: 'carla', supports: ['sue'] },
    ],
    events: [
      { id: d.events.bobSam, owner: 'bob', supports: ['sam'] },
      { id: d.events.bobOpen, owner: 'bob', supports: [] },
      { id: d.events.carlaSue, owner: 'carla', supports: ['sue'] },
    ],
  } as const;
}

function visible(
  records: readonly { id: string; owner: string; supports: readonly string[] }[],
  scope: Scope | 'view',
  who: Member,
): string[] {
  return records
    .filter((r) => scope === 'all' || (scope === 'own' && r.owner === who) || (scope === 'assigned' && r.supports.includes(who)))
    .map((r) => r.id)
    .sort();
}

function ids(result: CliResult): string[] {
  return (JSON.parse(result.stdout) as { id: string }[]).map((r) => r.id).sort();
}

let serial = 0;
const unique = (label: string) => `${label}-${++serial}`;

/** Fresh records in the writer installation, created by gestion, so a consuming change (sign, delete) always has a valid target. */
const fresh = {
  async user(): Promise<string> {
    const email = `${unique('temp')}@epic.test`;
    return writer.ok('ada', ['user', 'create', '--name', 'Temp User', '--email', email, '--role', 'support', '--password-stdin'], {
      stdin: 'temp password\n',
    });
  },
  async client(relation: Relation): Promise<string> {
    const owner = relation === 'mine' ? writer.ids.bob : writer.ids.carla;
    return writer.ok('ada', [
      'client',
      'create',
      '--name',
      'Fresh Client',
      '--email',
      `${unique('client')}@fresh.io`,
      '--commercial',
      owner,
    ]);
  },
  async contract(relation: Relation): Promise<string> {
    const client = relation === 'mine' ? wdata.clients.bob : wdata.clients.carla;
    return writer.ok('ada', ['contract', 'create', '--client', client, '--total', '100']);
  },
  /** An event on the owner's signed contract, assigned to Sam ("mine") or Sue ("other"). */
  async event(relation: Relation): Promise<string> {
    const contract = relation === 'mine' ? wdata.contracts.bobSigned : wdata.contracts.carlaSigned;
    const id = await writer.ok('ada', [
      'event',
      'create',
      '--contract',
      contract,
      '--name',
      unique('Fresh event'),
      '--start',
      '2026-09-01T10:00Z',
      '--end',
      '2026-09-01T12:00Z',
      '--location',
      'Lyon',
      '--attendees',
      '5',
    ]);
    await writer.ok('ada', ['event', 'assign', id, '--support', relation === 'mine' ? writer.ids.sam : writer.ids.sue]);
    return id;
  },
};

/**
 * The records a support may touch sit behind an event assigned to them, so
 * they cannot be fresh (a client with events has contracts, a contract with
 * events is signed): a support acts on the dataset's own records, which the
 * refusal leaves untouched.
 */
const existing = {
  client: (relation: Relation) => (relation === 'mine' ? wdata.clients.bob : wdata.clients.carla),
  contract: (relation: Relation) => (relation === 'mine' ? wdata.contracts.bobSigned : wdata.contracts.carlaSigned),
};

type Attempt = (role: Role, relation: Relation) => Promise<CliResult>;

/** One attempt per changing item; each is run on a "mine" and an "other" target. */
const ATTEMPTS: Partial<Record<Item, Attempt>> = {
  'client create': (role, relation) => {
    const who = ACTOR[role];
    // Gestion names the commercial; the others either name none (becoming it) or name Carla.
    const commercial =
      relation === 'other' ? ['--commercial', writer.ids.carla] : role === 'gestion' ? ['--commercial', writer.ids.bob] : [];
    return writer.run(who, ['client', 'create', '--name', 'New Client', '--email', `${unique('new')}@client.io`, ...commercial]);
  },
  'client edit': async (role, relation) => {
    const id = role === 'support' ? existing.client(relation) : await fresh.client(relation);
    return writer.run(ACTOR[role], ['client', 'edit', id, '--company', unique('Company')]);
  },
  'client delete': async (role, relation) => {
    const id = role === 'support' ? existing.client(relation) : await fresh.client(relation);
    return writer.run(ACTOR[role], ['client', 'delete', id, '--yes']);
  },
  'client forget': async (role, relation) => {
    const id = role === 'support' ? existing.client(relation) : await fresh.client(relation);
    return writer.run(ACTOR[role], ['client', 'forget', id, '--yes']);
  },
  'client dossier': (role, relation) => writer.run(ACTOR[role], ['client', 'dossier', existing.client(relation), '--json']),
  'contract create': (role, relation) =>
    writer.run(ACTOR[role], ['contract', 'create', '--client', existing.client(relation), '--total', '250.50']),
  'contract edit': async (role, relation) => {
    const id = role === 'support' ? existing.contract(relation) : await fresh.contract(relation);
    return writer.run(ACTOR[role], ['contract', 'edit', id, '--remaining', '50']);
  },
  'contract sign': async (role, relation) => {
    const id = role === 'support' ? existing.contract(relation) : await fresh.contract(relation);
    return writer.run(ACTOR[role], ['contract', 'sign', id]);
  },
  'contract pay': async (role, relation) => {
    const id = role === 'support' ? existing.contract(relation) : await fresh.contract(relation);
    return writer.run(ACTOR[role], ['contract', 'pay', id, '--amount', '0.01']);
  },
  'contract refund': async (role, relation) => {
    // A fresh contract half paid (created with 50 of 100 remaining): a refund of 0.01 fits.
    const id =
      role === 'support'
        ? existing.contract(relation)
        : await writer.ok('ada', [
            'contract',
            'create',
            '--client',
            relation === 'mine' ? wdata.clients.bob : wdata.clients.carla,
            '--total',
            '100',
            '--remaining',
            '50',
          ]);
    return writer.run(ACTOR[role], ['contract', 'refund', id, '--amount', '0.01']);
  },
  'contract delete': async (role, relation) => {
    const id = role === 'support' ? existing.contract(relation) : await fresh.contract(relation);
    return writer.run(ACTOR[role], ['contract', 'delete', id, '--yes']);
  },
  'event create': (role, relation) =>
    writer.run(ACTOR[role], [
      'event',
      'create',
      '--contract',
      existing.contract(relation),
      '--name',
      'New event',
      '--start',
      '2026-10-01T10:00Z',
      '--end',
      '2026-10-01T11:00Z',
      '--location',
      'Nantes',
      '--attendees',
      '3',
    ]),
  'event edit': async (role, relation) =>
    writer.run(ACTOR[role], ['event', 'edit', await fresh.event(relation), '--notes', unique('notes')]),
  'event assign': async (role, relation) =>
    writer.run(ACTOR[role], ['event', 'assign', await fresh.event(relation), '--support', writer.ids.sue]),
  'event unassign': async (role, relation) => writer.run(ACTOR[role], ['event', 'unassign', await fresh.event(relation)]),
  'event cancel': async (role, relation) =>
    writer.run(ACTOR[role], ['event', 'cancel', await fresh.event(relation), '--reason', unique('reason'), '--yes']),
};

for (const role of ROLES) {
  for (const [item, attempt] of Object.entries(ATTEMPTS) as [Item, Attempt][]) {
    cells(`${item} as ${role}`, async () => {
      const { scope } = expected(item, role);
      for (const relation of ['mine', 'other'] as const) {
        // Another's record is outside a commercial's or a support's view: refused as not found, unless the role may never act.
        const hidden = relation === 'other' && role !== 'gestion' && scope !== 'none' && item !== 'client create';
        assertOutcome(await attempt(role, relation), allows(scope, role, relation), `${role} ${item} on ${relation}`, hidden);
      }
    });
  }

  cells(`client edit --commercial as ${role}`, async () => {
    const { scope, reassign = scope } = expected('client edit', role);
    for (const relation of ['mine', 'other'] as const) {
      // A client of Bob goes to Carla and one of Carla to Bob: a real change either way.
      const id = role === 'support' ? existing.client(relation) : await fresh.client(relation);
      const to = relation === 'mine' ? writer.ids.carla : writer.ids.bob;
      const result = await writer.run(ACTOR[role], ['client', 'edit', id, '--commercial', to]);
      assertOutcome(
        result,
        allows(scope, role, relation) && allows(reassign, role, relation),
        `${role} client edit --commercial on ${relation}`,
        relation === 'other' && role !== 'gestion' && scope !== 'none',
      );
      if (result.code === 0) assert.is((await writer.json<{ commercialId: string }>('ada', ['client', 'view', id])).commercialId, to);
    }
  });

  // Users: no own or not own, yes or no.
  cells(`users create / edit / delete as ${role}`, async () => {
    const { scope: create } = expected('users create', role);
    const email = `${unique('made')}@epic.test`;
    assertOutcome(
      await writer.run(
        ACTOR[role],
        ['user', 'create', '--name', 'Made User', '--email', email, '--role', 'commercial', '--password-stdin'],
        { stdin: 'made password\n' },
      ),
      allows(create, role, 'other'),
      `${role} users create`,
    );
    assertOutcome(
      await writer.run(ACTOR[role], ['user', 'edit', await fresh.user(), '--name', 'Renamed User']),
      allows(expected('users edit', role).scope, role, 'other'),
      `${role} users edit`,
    );
    assertOutcome(
      await writer.run(ACTOR[role], ['user', 'delete', await fresh.user(), '--yes']),
      allows(expected('users delete', role).scope, role, 'other'),
      `${role} users delete`,
    );
  });

  cells(`user disable / enable / unlock as ${role}`, async () => {
    const target = await fresh.user();
    for (const [item, verb] of [
      ['user disable', 'disable'],
      ['user enable', 'enable'],
      ['user unlock', 'unlock'],
    ] as const) {
      const result = await writer.run(ACTOR[role], ['user', verb, target]);
      assertOutcome(result, allows(expected(item, role).scope, role, 'other'), `${role} ${item}`);
      // A refused disable leaves nothing to enable: gestion disables it so the enable cell has a target.
      if (verb === 'disable' && result.code !== 0) await writer.ok('ada', ['user', 'disable', target]);
    }
  });

  cells(`passwd as ${role}`, async () => {
    const who = ACTOR[role];
    const next = `rotated passphrase ${unique('n')}`;
    assertOutcome(
      await writer.run(who, ['passwd', '--password-stdin'], { stdin: `${PASSWORDS[who]}\n${next}\n` }),
      allows(expected('passwd', role).scope, role, 'other'),
      `${role} passwd`,
    );
    // Back to the team's password, so the other cells and logins are unchanged.
    await writer.ok(who, ['passwd', '--password-stdin'], { stdin: `${next}\n${PASSWORDS[who]}\n` });
  });

  cells(`users list / view as ${role}`, async () => {
    const list = await reader.run(ACTOR[role], ['user', 'list', '--json']);
    assertOutcome(list, allows(expected('users list', role).scope, role, 'other'), `${role} users list`);
    if (list.code === 0) assert.equal(ids(list), Object.values(reader.ids).sort());
    for (const target of ['ada', 'carla', 'sue'] as const) {
      const view = await reader.run(ACTOR[role], ['user', 'view', reader.ids[target], '--json']);
      assertOutcome(view, allows(expected('users view', role).scope, role, 'other'), `${role} users view ${target}`);
    }
  });

  for (const noun of ['client', 'contract', 'event'] as const) {
    cells(`${noun} list / view as ${role}`, async () => {
      const records = facts(data)[`${noun}s`];
      const who = ACTOR[role];
      const { scope: listScope } = expected(`${noun} list`, role);
      const list = await reader.run(who, [noun, 'list', '--json']);
      if (listScope === 'none') assertOutcome(list, false, `${role} ${noun} list`);
      else {
        assert.is(list.code, 0, list.stderr);
        assert.equal(ids(list), visible(records, listScope, who), `${role} ${noun} list: exactly the ${listScope} records`);
      }
      const { scope: viewScope } = expected(`${noun} view`, role);
      // Each record of the dataset: viewable exactly when the listing scope of the cell includes it.
      for (const record of records) {
        const result = await reader.run(who, [noun, 'view', record.id, '--json']);
        const allowed = viewScope !== 'none' && visible(records, viewScope, who).includes(record.id);
        assertOutcome(
          result,
          allowed,
          `${role} ${noun} view of ${record.owner}'s record assigned to [${record.supports.join(', ')}]`,
          viewScope !== 'none',
        );
        if (result.code === 0) assert.is((JSON.parse(result.stdout) as { id: string }).id, record.id);
      }
    });
  }

  cells(`log as ${role}`, async () => {
    const who = ACTOR[role];
    const { scope } = expected('log', role);
    const result = await reader.run(who, ['log', '--json']);
    assertOutcome(result, scope !== 'none', `${role} log`);
    const actors = new Set((JSON.parse(result.stdout) as { actor: { id: string } }[]).map((e) => e.actor.id));
    if (scope === 'all') {
      for (const member of ['ada', 'bob', 'carla', 'sam', 'sue'] as const)
        assert.ok(actors.has(reader.ids[member]), `${role} sees ${member}'s entries`);
    } else {
      assert.equal([...actors], [reader.ids[who]], `${role} sees only their own entries`);
      const others = await reader.run(who, ['log', '--user', reader.ids.carla, '--json']);
      assert.is(others.code, 0, others.stderr);
      assert.equal(JSON.parse(others.stdout), [], `${role} cannot read Carla's entries with --user`);
    }
  });
}

cells('projection status, run and rebuild as each role', async () => {
  for (const role of ROLES) {
    const allowed = allows(expected('projection *', role).scope, role, 'other');
    for (const args of [
      ['projection', 'status', '--json'],
      ['projection', 'run'],
      ['projection', 'rebuild', 'users'],
    ]) {
      assertOutcome(await reader.run(ACTOR[role], args), allowed, `${role} ${args.join(' ')}`);
    }
  }
});

cells('history of what each role may view', async () => {
  for (const role of ROLES) {
    const who = ACTOR[role];
    const { scope } = expected('history', role);
    for (const noun of ['client', 'contract', 'event'] as const) {
      // "what they may view": the scope of the role's view cell for that noun.
      const effective = scope === 'view' ? expected(`${noun} view`, role).scope : scope;
      const records = facts(data)[`${noun}s`];
      for (const record of records) {
        const allowed = effective !== 'none' && visible(records, effective, who).includes(record.id);
        assertOutcome(
          await reader.run(who, ['history', noun, record.id, '--json']),
          allowed,
          `${role} history ${noun} of ${record.owner}'s record assigned to [${record.supports.join(', ')}]`,
          effective !== 'none',
        );
      }
    }
    const users = scope === 'view' ? expected('users view', role).scope : scope;
    assertOutcome(
      await reader.run(who, ['history', 'user', reader.ids.carla, '--json']),
      allows(users, role, 'other'),
      `${role} history user`,
    );
  }
});

cells('audit verify as each role', async () => {
  for (const role of ROLES) {
    assertOutcome(
      await reader.run(ACTOR[role], ['audit', 'verify', '--json']),
      allows(expected('audit verify', role).scope, role, 'other'),
      `${role} audit verify`,
    );
  }
});

cells('audit digest as each role', async () => {
  for (const role of ROLES) {
    assertOutcome(
      await writer.run(ACTOR[role], ['audit', 'digest', '--json']),
      allows(expected('audit digest', role).scope, role, 'other'),
      `${role} audit digest`,
    );
  }
});

cells('import clients as each role', async () => {
  for (const role of ROLES) {
    const file = `${unique('import')}.csv`;
    writeFileSync(join(writer.app.home, file), `name,email,commercial\nImported ${file},${file}@import.io,bob@epic.test\n`);
    const result = await writer.run(ACTOR[role], ['import', 'clients', file]);
    assertOutcome(result, allows(expected('import', role).scope, role, 'other'), `${role} import clients`);
  }
});

cells('export of what each role may view', async () => {
  for (const role of ROLES) {
    const who = ACTOR[role];
    const { scope } = expected('export', role);
    for (const noun of ['client', 'contract', 'event'] as const) {
      const result = await reader.run(who, ['export', `${noun}s`, '--format', 'json']);
      // "what they may view": the scope of the role's listing cell.
      const effective = scope === 'view' ? expected(`${noun} list`, role).scope : scope;
      if (effective === 'none') assertOutcome(result, false, `${role} export ${noun}s`);
      else {
        assert.is(result.code, 0, result.stderr);
        assert.equal(ids(result), visible(facts(data)[`${noun}s`], effective, who), `${role} export ${noun}s`);
      }
    }
  }
});

cells.run();
