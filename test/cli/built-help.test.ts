/**
 * Every command's `--help`, through the built `bin/epic.js` as a user runs it,
 * walking the route table: a new command is covered the day it is added. The
 * build bundles clipanion, kysely and jose into dist/vendor/ (scripts/build.ts,
 * docs/development.md): a vendoring slip shows up as a command that cannot
 * even print its help. Each help names the command and what it does, lists
 * every option the command has (read from the command itself) with a named
 * placeholder for its value — never clipanion's `#0` — and shows an example.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { useCommandTable } from '../../src/cli/command-table.js';
import { COMMAND_ROUTES } from '../../src/cli/commands/routes.js';
import { commandSpecs } from '../../src/cli/help/command-specs.js';
import { loadTranslator, useTranslator } from '../../src/i18n/translator.js';
import { type CliResult, Installation } from '../support/cli.js';

useCommandTable(COMMAND_ROUTES);

const help = suite('--help of every command, through the built bin/epic.js');
const app = new Installation();
help.before(async () => useTranslator(await loadTranslator('en')));
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

help('each route prints its help: the command, what it does, every option with a named placeholder, an example', async () => {
  const [specs, { catalog }] = await Promise.all([commandSpecs(), import('../../src/i18n/en/index.js')]);
  const words = catalog as Record<string, unknown>;
  const results = await inPool(
    4,
    specs.map(
      ({ route }) =>
        () =>
          app.spawnEpic([...route.split(' '), '--help']),
    ),
  );
  assert.ok(results.length >= 38, `the route table lists every command (${results.length})`);
  let options = 0;
  specs.forEach((spec, index) => {
    const { route } = spec;
    const result = results[index] as CliResult;
    assert.is(result.code, 0, `epic ${route} --help exited ${result.code}: ${result.stderr.trim()}`);
    assert.is(result.stderr, '', `epic ${route} --help: nothing on stderr`);
    assert.match(result.stdout, new RegExp(`^epic ${literal(route)}\\b`), `epic ${route} --help starts with its usage`);
    const summary = words[`help.${route}`];
    assert.type(summary, 'string', `the catalogue says what ${route} does (help.${route})`);
    // Wrapped to the width: compared with the line breaks and indents taken out.
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    assert.ok(flat(result.stdout).includes(flat(summary as string)), `epic ${route} --help says what it does`);
    assert.not.match(result.stdout, /#\d/, `epic ${route} --help: no clipanion placeholder`);
    for (const option of spec.options) {
      options++;
      const name = option.names[0] as string;
      const line = result.stdout.split('\n').find((l) => new RegExp(`(^|, )${literal(name)}\\b`).test(l.trim()));
      assert.ok(line !== undefined, `epic ${route} --help lists ${name}`);
      if (option.takesValue)
        assert.match(line as string, new RegExp(`${literal(name)} <[^>#]+>`), `${route} ${name} has a named placeholder: ${line}`);
      else assert.not.match(line as string, new RegExp(`${literal(name)} <`), `${route} ${name} is a flag`);
      // What follows the name and its placeholder: a description, not the placeholder alone.
      const described = (line as string).slice((line as string).indexOf(name) + name.length).replace(/^ <[^>]*>/, '');
      assert.match(described, /\S{3,}/, `${route} ${name} says what it is for`);
    }
    assert.match(result.stdout, /\n {4}\$ (echo .*\| )?(source <\()?epic /, `epic ${route} --help shows an example`);
  });
  assert.ok(options >= 80, `the options of the commands were read (${options})`);
});

help('every option of history and export is listed (they showed none)', async () => {
  const [history, exported] = await Promise.all([app.spawnEpic(['history', '--help']), app.spawnEpic(['export', '--help'])]);
  for (const option of ['--at <date-time>', '--json', '--format <csv|json>']) assert.ok(history.stdout.includes(option), option);
  for (const option of ['--format <csv|json>', '-o, --output <file>']) assert.ok(exported.stdout.includes(option), option);
});

help('the general help lists every command but the hidden ones, and --version answers', async () => {
  const [general, version] = await Promise.all([app.spawnEpic(['--help']), app.spawnEpic(['--version'])]);
  assert.is(general.code, 0, general.stderr);
  for (const { route, hidden } of COMMAND_ROUTES) {
    const listed = new RegExp(`^  epic ${literal(route)} `, 'm').test(general.stdout);
    assert.is(listed, hidden !== true, `${route} ${hidden ? 'is hidden' : 'is listed'}`);
  }
  assert.is(version.code, 0, version.stderr);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

help.run();
