import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';

const help = suite('help');
const app = new Installation();
help.after(() => app.cleanup());

help("--help after some positionals shows that command's help", async () => {
  for (const args of [
    ['history', 'contract', '--help'],
    ['contract', 'pay', 'abcd', '--help'],
    ['client', 'list', '--json', '--help'],
    ['event', 'assign', 'x', '-h'],
  ]) {
    const result = await app.epic(args);
    assert.is(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stdout, new RegExp(`\\$ epic ${args[0]} ${args[0] === 'history' ? '<' : args[1]}`), args.join(' '));
    assert.is(result.stderr, '');
  }
});

help('a noun alone lists its commands; an unknown command with --help is still a usage error', async () => {
  const noun = await app.epic(['contract', '--help']);
  assert.is(noun.code, 0);
  for (const verb of ['create', 'list', 'view', 'edit', 'sign', 'pay', 'delete'])
    assert.match(noun.stdout, new RegExp(`epic contract ${verb}`));
  const unknown = await app.epic(['bogus', '--help']);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /^error: /);
});

help.run();
