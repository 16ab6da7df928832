import assert from 'node:assert/strict';
import { test } from 'uvu';
import { COMMAND_ROUTES, commandsFor, loadAllCommands } from '../../src/cli/commands/routes.js';

test('every route spells the first path of the command it loads', async () => {
  for (const { route, load } of COMMAND_ROUTES) {
    const command = await load();
    assert.deepEqual(command.paths?.[0]?.join(' '), route, `route ${route}`);
  }
});

test('routes are unique, and every command a file under src/cli/commands exports is in the table', async () => {
  const routes = COMMAND_ROUTES.map((r) => r.route);
  assert.equal(new Set(routes).size, routes.length);
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(new URL('../../src/cli/commands/', import.meta.url), { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && f !== 'routes.ts',
  );
  const tabled = new Set<unknown>(await loadAllCommands());
  let commands = 0;
  for (const file of files) {
    const exported = Object.values(await import(new URL(`../../src/cli/commands/${file}`, import.meta.url).href)) as unknown[];
    // A command is a class with its paths; a file may also hold what two commands share (an abstract base, a helper).
    for (const value of exported.filter((v) => typeof v === 'function' && Array.isArray((v as { paths?: unknown }).paths))) {
      commands += 1;
      assert.ok(tabled.has(value), `${file} exports a command that COMMAND_ROUTES does not list`);
    }
  }
  assert.equal(commands, tabled.size, `command files: ${files.join(', ')}`);
});

test('a command line loads the command it names, plural nouns included', async () => {
  const [create] = await commandsFor(['clients', 'create', '--name', 'x']);
  assert.equal(create?.paths?.[0]?.join(' '), 'client create');
  const history = await commandsFor(['history', 'contract', 'abcd', '--at', '2026-01-01']);
  assert.deepEqual(
    history.map((c) => c.paths?.[0]?.join(' ')),
    ['history'],
  );
});

test('--version needs no command; help, a bare noun and unknown words get them all', async () => {
  assert.equal((await commandsFor(['--version'])).length, 0);
  const all = COMMAND_ROUTES.length;
  for (const argv of [[], ['--help'], ['client'], ['contracts', '--help'], ['clinet', 'list'], ['client', 'lst']]) {
    assert.equal((await commandsFor(argv)).length, all, argv.join(' '));
  }
});

test.run();
