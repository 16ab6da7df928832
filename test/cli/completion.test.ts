/**
 * `epic completion bash|zsh|fish`: generated from the route table, it
 * completes nouns, verbs, every option a command has, the few-word values,
 * and, for gestion, user emails (asked of `epic completion users` at
 * completion time). The bash script is exercised with bash itself: its
 * completion function run on command lines as `complete` would run it. The
 * zsh and fish scripts are checked by their shells' syntax check when those
 * are installed (a line says so when they are not).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { useCommandTable } from '../../src/cli/command-table.js';
import { COMMAND_ROUTES } from '../../src/cli/commands/routes.js';
import { commandSpecs } from '../../src/cli/help/command-specs.js';
import { Team } from '../support/team.js';

useCommandTable(COMMAND_ROUTES);

let team: Team;
let bin: string;
let script: string;

const completion = suite('shell completion');
completion.before(async () => {
  team = await Team.start();
  bin = mkdtempSync(join(tmpdir(), 'epic-completion-'));
  writeFileSync(
    join(bin, 'epic'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(import.meta.dirname, '../../bin/epic.js'))} "$@"\n`,
  );
  chmodSync(join(bin, 'epic'), 0o755);
  const result = await team.app.epic(['completion', 'bash']);
  assert.is(result.code, 0, result.stderr);
  script = join(bin, 'epic.bash');
  writeFileSync(script, result.stdout);
});
completion.after(() => {
  team.cleanup();
  rmSync(bin, { recursive: true, force: true });
});

/** What bash's completion offers for `line` (the cursor at its end), through the function `complete -p epic` names. */
function complete(line: string): string[] {
  const words = line.split(' ');
  const program = [
    `source ${JSON.stringify(script)}`,
    // The function `complete` registered for epic, as bash calls it: COMP_WORDS, COMP_CWORD, then COMPREPLY.
    `fn=$(complete -p epic | sed -E 's/.*-F ([^ ]+) .*/\\1/')`,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE=${JSON.stringify(line)}`,
    `COMP_POINT=${line.length}`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's own expansions, for bash to expand
    '"$fn" epic "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's own expansion, for bash to expand
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', program], {
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: team.app.home, EPIC_HOME: team.app.home, EPIC_BCRYPT_ROUNDS: '4' },
  });
  return out.split('\n').filter((w) => w !== '');
}

completion('complete registers a function for epic', () => {
  const registered = execFileSync('bash', ['--norc', '-c', `source ${JSON.stringify(script)}; complete -p epic`], { encoding: 'utf8' });
  assert.match(registered, /^complete -F \S+ epic$/m);
});

completion('nouns and commands, then the verbs of a noun (plural too)', () => {
  assert.equal(complete('epic cl'), ['client']);
  assert.equal(complete('epic co'), ['contract', 'completion']);
  for (const line of ['epic client ', 'epic clients '])
    assert.equal(complete(line).sort(), ['create', 'delete', 'dossier', 'edit', 'forget', 'list', 'view'], line);
  assert.equal(complete('epic contract p'), ['pay']);
});

completion("every option of every command, from the commands' own definitions", async () => {
  for (const spec of await commandSpecs()) {
    if (spec.hidden) continue;
    const prefix = spec.route.includes(' ') ? `epic ${spec.route} ` : `epic ${spec.route} `;
    const offered = complete(`${prefix}-`);
    for (const option of spec.options)
      for (const name of option.names)
        if (name.startsWith('--')) assert.ok(offered.includes(name), `${spec.route}: ${name} (offered: ${offered.join(' ')})`);
    assert.ok(offered.includes('--help'), `${spec.route} --help`);
  }
  assert.equal(complete('epic client create --e'), ['--email']);
});

completion('values: roles, formats, record kinds, shells', () => {
  assert.equal(complete('epic user create --role '), ['gestion', 'commercial', 'support']);
  assert.equal(complete('epic user list --role s'), ['support']);
  assert.equal(complete('epic export clients --format '), ['csv', 'json']);
  assert.equal(complete('epic history '), ['user', 'client', 'contract', 'event', '--at', '--json', '--format', '--delimiter', '--help']);
  assert.equal(complete('epic history contract x --delimiter '), complete('epic export clients --delimiter '));
  assert.equal(complete('epic completion '), ['bash', 'zsh', 'fish', '--help']);
});

completion('user emails where a user is expected, for gestion only', () => {
  team.actAs('ada');
  assert.equal(complete('epic event assign x --support '), ['sam@epic.test', 'sue@epic.test']);
  assert.equal(complete('epic client create --commercial c'), ['carla@epic.test']);
  assert.equal(complete('epic user view b'), ['bob@epic.test']);
  team.actAs('bob');
  assert.equal(complete('epic client list --commercial '), [], 'a commercial is offered no emails');
});

for (const [shell, check] of [
  ['zsh', ['-n']],
  ['fish', ['--no-execute']],
] as const) {
  completion(`the ${shell} script is valid ${shell}`, async () => {
    const installed = spawnSync(shell, ['--version'], { encoding: 'utf8' }).status === 0;
    if (!installed) {
      process.stdout.write(`\ncompletion: ${shell} is not installed, its script was not checked\n`);
      return;
    }
    const result = await team.app.epic(['completion', shell]);
    assert.is(result.code, 0, result.stderr);
    const file = join(bin, `epic.${shell}`);
    writeFileSync(file, result.stdout);
    const checked = spawnSync(shell, [...check, file], { encoding: 'utf8' });
    assert.is(checked.status, 0, `${shell} ${check.join(' ')}: ${checked.stderr}`);
    assert.match(
      result.stdout,
      shell === 'zsh'
        ? /complete -F _epic epic/
        : /^complete -c epic -n .* -l support -x -a '\(epic completion users support 2>\/dev\/null\)'/m,
    );
  });
}

completion('an unknown shell is refused, exit 2', async () => {
  const result = await team.app.epic(['completion', 'tcsh']);
  assert.is(result.code, 2);
  assert.match(result.stderr, /^error: shell must be bash, zsh or fish, got "tcsh"\n$/);
});

completion.run();
