import { statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';

const quickStart = suite('quick start (built binary)');
let app: Installation;
quickStart.before(() => {
  app = new Installation();
});
quickStart.after(() => app.cleanup());

quickStart('from nothing to a gestion, a commercial, and a client listed with --json', async () => {
  const init = await app.spawnEpic(['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], {
    stdin: 'admin passphrase\n',
  });
  assert.is(init.code, 0, init.stderr);
  assert.match(init.stdout.trim(), /^[2-9a-z]{10}$/, 'init prints the new id alone');
  const bob = await app.spawnEpic(
    ['user', 'create', '--name', 'Bob Seller', '--email', 'bob@epic.test', '--role', 'commercial', '--password-stdin'],
    { stdin: 'seller quickstart pass\n' },
  );
  assert.is(bob.code, 0, bob.stderr);
  assert.is(
    (await app.spawnEpic(['login', '--email', 'bob@epic.test', '--password-stdin'], { stdin: 'seller quickstart pass\n' })).code,
    0,
  );
  const created = await app.spawnEpic([
    'client',
    'create',
    '--name',
    'Kevin Casey',
    '--email',
    'kevin@startup.io',
    '--company',
    'Cool Startup LLC',
  ]);
  assert.is(created.code, 0, created.stderr);
  const list = await app.spawnEpic(['client', 'list', '--json']);
  assert.is(list.code, 0, list.stderr);
  const clients = JSON.parse(list.stdout) as {
    id: string;
    name: string;
    commercialId: string;
    commercialName: string;
    phone: string | null;
  }[];
  assert.is(clients.length, 1);
  assert.equal(
    {
      id: clients[0]!.id,
      name: clients[0]!.name,
      commercialId: clients[0]!.commercialId,
      commercialName: clients[0]!.commercialName,
      phone: clients[0]!.phone,
    },
    { id: created.stdout.trim(), name: 'Kevin Casey', commercialId: bob.stdout.trim(), commercialName: 'Bob Seller', phone: null },
  );
});

quickStart('EPIC_HOME is 0700; secret, session and databases are 0600', () => {
  assert.is(statSync(app.home).mode & 0o777, 0o700);
  for (const file of ['secret.key', 'session', 'events.db', 'read.db']) {
    assert.is(statSync(join(app.home, file)).mode & 0o777, 0o600, file);
  }
});

quickStart('errors are one line on stderr with the contract exit code', async () => {
  const missing = await app.spawnEpic(['client', 'create', '--name', 'No Email']);
  assert.is(missing.code, 2);
  assert.is(missing.stderr, 'error: missing required option --email\n');
  assert.is(missing.stdout, '');
  const unknown = await app.spawnEpic(['client', 'view', 'zzzz']);
  assert.is(unknown.code, 5);
  assert.match(unknown.stderr, /^error: [^\n]+\n$/);
  const usage = await app.spawnEpic(['client', 'frobnicate']);
  assert.is(usage.code, 2);
  assert.match(usage.stderr, /^error: /);
  const version = await app.spawnEpic(['--version']);
  assert.is(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

quickStart.run();
