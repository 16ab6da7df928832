/**
 * One rule says which field names hold a secret, and both scrubbers follow it:
 * the command log drops those fields from a command's arguments, the monitor
 * redacts them from what it sends. The monitor also withholds personal data,
 * which the command log keeps (it records what was asked).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { scrubArgs } from '../../src/commands/command-log.js';
import { REDACTED, scrubValue } from '../../src/monitoring/scrub.js';

const test = suite('secret field names: the command log and the monitor drop the same ones');

const SECRET = [
  'password',
  'newPassword',
  'new_password',
  'passphrase',
  'passwd',
  'pwd',
  'secret',
  'client_secret',
  'token',
  'sessionToken',
  'hash',
  'passwordHash',
  'prevHash',
  'key',
  'apiKey',
  'api_key',
  'apikey',
  'authorization',
  'auth',
  'Cookie',
  'jwt',
  'bearer',
  'credentials',
  'dsn',
  'session',
];
/** What commands really record (cli/commands/*): none of it is a secret. */
const NOT_SECRET = [
  'id',
  'name',
  'email',
  'phone',
  'company',
  'commercial',
  'role',
  'reassignTo',
  'client',
  'total',
  'remaining',
  'signed',
  'file',
];

test('the command log drops every secret field, at any depth, and keeps the others', () => {
  const args = Object.fromEntries([...SECRET, ...NOT_SECRET].map((key) => [key, `value of ${key}`]));
  assert.equal(Object.keys(scrubArgs(args)).sort(), [...NOT_SECRET].sort());
  for (const key of SECRET) assert.equal(scrubArgs({ nested: { [key]: 'x', kept: 1 } }), { nested: { kept: 1 } }, key);
});

test('the monitor redacts the same secret fields', () => {
  for (const key of SECRET) assert.equal(scrubValue({ [key]: 'x' }), { [key]: REDACTED }, key);
});

test.run();
