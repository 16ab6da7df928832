import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';

const help = suite('help, usage errors and "did you mean"');
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
    assert.match(result.stdout, new RegExp(`^epic ${args[0]} ${args[0] === 'history' ? '<' : args[1]}`), args.join(' '));
    assert.is(result.stderr, '');
  }
});

help('a noun alone, with --help, or after epic help lists its commands, exit 0', async () => {
  for (const args of [['contract'], ['contracts'], ['contract', '--help'], ['help', 'contract']]) {
    const noun = await app.epic(args);
    assert.is(noun.code, 0, `${args.join(' ')}: ${noun.stderr}`);
    assert.is(noun.stderr, '');
    for (const verb of ['create', 'list', 'view', 'edit', 'sign', 'pay', 'delete'])
      assert.match(noun.stdout, new RegExp(`^  epic contract ${verb}\\b`, 'm'), `${args.join(' ')} lists ${verb}`);
  }
  const one = await app.epic(['help', 'contract', 'pay']);
  assert.is(one.code, 0);
  assert.match(one.stdout, /^epic contract pay <id> \[options\]\n/);
  assert.match(one.stdout, /--amount <amount>/);
});

help('without a terminal, epic alone prints the general help', async () => {
  const bare = await app.epic([]);
  assert.is(bare.code, 0, bare.stderr);
  assert.match(bare.stdout, /^Epic Events CRM \d/);
  assert.match(bare.stdout, /^ {2}epic client list /m);
});

help('"did you mean" names the closest commands; nothing plausible, none', async () => {
  const cases: [string[], RegExp][] = [
    [['clinet', 'list'], /^error: unknown command “clinet list”; did you mean epic client list\?\n$/],
    [['client', 'lst'], /did you mean epic client list\?\n$/],
    [['contracts', 'pya', 'x'], /did you mean epic contract pay\?\n$/],
    [['clinet'], /did you mean epic client\?\n$/],
    [['frobnicate'], /^error: unknown command “frobnicate” \(see epic --help\)\n$/],
  ];
  for (const [args, expected] of cases) {
    const result = await app.epic(args);
    assert.is(result.code, 2, args.join(' '));
    assert.is(result.stdout, '');
    assert.match(result.stderr, expected, args.join(' '));
  }
  const withHelp = await app.epic(['bogus', '--help']);
  assert.is(withHelp.code, 2);
  assert.match(withHelp.stderr, /^error: unknown command/);
});

help("the parser's errors are ours: one line naming the option or argument and where to look", async () => {
  const cases: [string[], string][] = [
    [['client', 'list', '--bogus'], 'error: epic client list has no option --bogus (see epic client list --help)\n'],
    [['client', 'view'], 'error: an argument is missing (see epic client view --help)\n'],
    [['client', 'view', 'a', 'b'], 'error: unexpected argument "b" (see epic client view --help)\n'],
    [['client', 'create', '--name'], 'error: --name needs a value\n'],
  ];
  for (const [args, expected] of cases) {
    const result = await app.epic(args);
    assert.is(result.code, 2, args.join(' '));
    assert.is(result.stderr, expected, args.join(' '));
  }
});

help('in French: the help, the headings and the errors', async () => {
  const env = { EPIC_LANG: 'fr' };
  const command = await app.epic(['contract', 'pay', '--help'], { env });
  assert.match(command.stdout, /^epic contract pay <id> \[options\]\n {2}enregistrer un paiement/);
  assert.match(command.stdout, /--amount <montant>/);
  assert.match(command.stdout, /\nExemples\n/);
  const typo = await app.epic(['clinet', 'list'], { env });
  assert.is(typo.stderr, 'error: commande inconnue\u00a0: «\u00a0clinet list\u00a0»\u202f; vouliez-vous dire epic client list\u202f?\n');
});

help.run();
