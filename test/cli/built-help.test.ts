/**
 * Every command's `--help`, through the built `bin/epic.js` as a user runs it.
 * The build bundles clipanion, kysely and jose into dist/vendor/
 * (scripts/build.ts, docs/development.md): a vendoring slip (a missing export,
 * a chunk not written, an import left pointing at the wrong place) shows up
 * as a command that cannot even print its usage. The route table is the list
 * of commands, so a new command is covered the day it is added.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMAND_ROUTES } from '../../src/cli/commands/routes.js';
import { type CliResult, Installation } from '../support/cli.js';

const help = suite('--help of every command, through the built bin/epic.js');
const app = new Installation();
help.after(() => app.cleanup());

/** Runs `jobs` with at most `limit` of them at once (the machine has few cores; one process each). */
async function inPool<T>(limit: number, jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < jobs.length; index = next++) results[index] = await (jobs[index] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

help('each route prints its usage, naming the command and what it does, exit 0', async () => {
  const commands = await Promise.all(COMMAND_ROUTES.map(async ({ route, load }) => ({ route, command: await load() })));
  const results = await inPool(
    4,
    commands.map(
      ({ route }) =>
        () =>
          app.spawnEpic([...route.split(' '), '--help']),
    ),
  );
  assert.ok(results.length >= 35, `the route table lists every command (${results.length})`);
  commands.forEach(({ route, command }, index) => {
    const result = results[index] as CliResult;
    assert.is(result.code, 0, `epic ${route} --help exited ${result.code}: ${result.stderr.trim()}`);
    assert.is(result.stderr, '', `epic ${route} --help: nothing on stderr`);
    assert.match(result.stdout, new RegExp(`\\bepic ${literal(route)}\\b`), `epic ${route} --help names the command`);
    const description = command.usage?.description;
    assert.ok(description !== undefined && description !== '', `${route} has a description`);
    assert.match(result.stdout, new RegExp(literal(description), 'i'), `epic ${route} --help says what it does`);
  });
});

help('the general help lists every command, and --version answers', async () => {
  const [general, version] = await Promise.all([app.spawnEpic(['--help']), app.spawnEpic(['--version'])]);
  assert.is(general.code, 0, general.stderr);
  for (const { route } of COMMAND_ROUTES) assert.match(general.stdout, new RegExp(`\\bepic ${literal(route)}\\b`), route);
  assert.is(version.code, 0, version.stderr);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

help.run();
