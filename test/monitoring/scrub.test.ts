import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isSensitiveKey, packagePath, REDACTED, scrubEvent, scrubString, scrubValue } from '../../src/monitoring/scrub.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrM2Y5a3d4ZTJhIiwic2lkIjoiYWJjIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const BCRYPT = '$2b$04$abcdefghijklmnopqrstuuJ0e1Zq3XyqvUo0m2m7wq3b8bH2Tq5r2';
const KEY = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6';

const values = suite('scrub: values that look sensitive, wherever they are in a string');

values('emails, phones, JWTs, bcrypt hashes, URL credentials and long tokens are replaced', () => {
  const text = `user kevin@startup.io (+33 6 12 34 56 78, 06.12.34.56.78) token ${JWT} hash ${BCRYPT} db mysql://app:hunter2@db:3306/crm key ${KEY}`;
  const out = scrubString(text);
  for (const leaked of ['kevin@startup.io', '12 34 56', '06.12.34', JWT, BCRYPT, 'hunter2', KEY])
    assert.not.ok(out.includes(leaked), `${leaked} in ${out}`);
  assert.ok(
    out.includes('[email]') && out.includes('[phone]') && out.includes('[jwt]') && out.includes('[bcrypt-hash]') && out.includes('[token]'),
    out,
  );
  assert.ok(out.includes('mysql://[redacted]@db:3306/crm'), out);
});

values('literal secrets of the installation are replaced even without a recognizable shape', () => {
  assert.is(scrubString('secret is abc.def-ghi!', ['abc.def-ghi!']), `secret is ${REDACTED}`);
});

values('quoted literals are withheld, except lower-case identifiers', () => {
  assert.is(scrubString(`Duplicate entry 'Kevin Casey' for key "clients.name"`), `Duplicate entry '${REDACTED}' for key "${REDACTED}"`);
  assert.is(
    scrubString(`Cannot read properties of undefined (reading 'clientId')`),
    `Cannot read properties of undefined (reading 'clientId')`,
  );
});

values('what is not sensitive stays readable: dates, versions, short ids, hex event ids', () => {
  const text = 'contract k3f9kwxe2a signed at 2026-06-04T11:00:00.000Z by release 0.1.0 (event 3f2a9b1c4d5e6f708192a3b4c5d6e7f8)';
  assert.is(scrubString(text).replace('[token]', '<hex>'), text.replace('3f2a9b1c4d5e6f708192a3b4c5d6e7f8', '<hex>'));
  assert.is(scrubString('gave up after 20 attempts'), 'gave up after 20 attempts');
});

const keys = suite('scrub: keys that say what they hold');

keys('secret and personal keys are recognized in camelCase, snake_case and plain', () => {
  for (const key of [
    'password',
    'passwordHash',
    'new_password',
    'token',
    'sessionToken',
    'secret',
    'authorization',
    'Cookie',
    'email',
    'clientEmail',
    'phone',
    'name',
    'fullName',
    'full_name',
    'clientName',
    'company',
    'argv',
    'env',
    'hash',
    'apiKey',
    'hostname',
  ]) {
    assert.ok(isSensitiveKey(key), key);
  }
  for (const key of [
    'filename',
    'function',
    'lineno',
    'type',
    'value',
    'actor_id',
    'actor_role',
    'record_id',
    'event_type',
    'command',
    'environment',
    'release',
  ]) {
    assert.not.ok(isSensitiveKey(key), key);
  }
});

keys('nested values under sensitive keys are dropped whole; others are walked', () => {
  const out = scrubValue({
    args: { name: 'Kevin Casey', email: 'kevin@startup.io', note: 'call +33 6 12 34 56 78', items: [{ password: 'pw' }] },
  });
  assert.equal(out, { args: { name: REDACTED, email: REDACTED, note: 'call [phone]', items: [{ password: REDACTED }] } });
});

const events = suite('scrub: a whole Sentry event');

events('message, exception, extra, contexts, tags, breadcrumbs and user are scrubbed; request, host and argv never leave', () => {
  const event = {
    event_id: '3f2a9b1c4d5e6f708192a3b4c5d6e7f8',
    timestamp: 1764000000.123,
    environment: 'staging',
    release: 'epic-events-crm@0.1.0',
    sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
    server_name: 'ada-laptop',
    message: 'login failed for kevin@startup.io',
    user: { id: 'k3f9kwxe2a', email: 'ada@epic.test', username: 'ada', ip_address: '10.0.0.7' },
    request: { url: 'http://x/?token=abc', headers: { cookie: 'sid=1' } },
    tags: { actor_id: 'k3f9kwxe2a', note: `token ${JWT}` },
    extra: { argv: ['user', 'create', '--email', 'bob@epic.test'], payload: { phone: '+33612345678', total: 1500 } },
    contexts: {
      trace: { trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16), data: { email: 'x@y.io' } },
      os: { name: 'Linux', kernel_version: '6.1' },
      runtime: { name: 'node', version: 'v20.20.2', argv: ['--email', 'bob@epic.test'] },
      session: { token: JWT },
    },
    breadcrumbs: [
      { category: 'query', message: `select where email = 'kevin@startup.io' and hash = '${BCRYPT}'`, data: { password: 'hunter2' } },
    ],
    exception: {
      values: [
        {
          type: 'Error',
          value: `boom for kevin@startup.io with ${JWT}`,
          stacktrace: {
            frames: [
              {
                filename: '/home/ada/crm/dist/cli/base-command.js',
                abs_path: '/home/ada/crm/dist/cli/base-command.js',
                function: 'execute',
                vars: { password: 'pw' },
                context_line: 'const password = x',
              },
            ],
          },
        },
      ],
    },
  };
  const out = scrubEvent(event, []);
  const text = JSON.stringify(out);
  for (const leaked of [
    'kevin@startup.io',
    'ada@epic.test',
    'bob@epic.test',
    'ada-laptop',
    '10.0.0.7',
    JWT,
    BCRYPT,
    'hunter2',
    '+33612345678',
    '/home/ada',
    'sid=1',
    'x@y.io',
    'const password',
    '--email',
  ]) {
    assert.not.ok(text.includes(leaked), `${leaked} leaked: ${text}`);
  }
  assert.is(out.event_id, event.event_id);
  assert.is(out.release, 'epic-events-crm@0.1.0');
  assert.is(out.environment, 'staging');
  assert.equal(out.sdk, event.sdk);
  assert.equal(out.user, { id: 'k3f9kwxe2a' });
  assert.is((out as Record<string, unknown>).request, undefined);
  assert.is((out as Record<string, unknown>).server_name, undefined);
  assert.equal((out.contexts as Record<string, unknown>).trace, { trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16) });
  assert.is((out.contexts as Record<string, unknown>).session, REDACTED);
  assert.equal((out.contexts as Record<string, unknown>).runtime, { name: 'node', version: 'v20.20.2' });
  assert.is(out.tags.actor_id, 'k3f9kwxe2a');
  assert.is((out.extra as Record<string, unknown>).argv, REDACTED);
  assert.equal((out.extra as { payload: unknown }).payload, { phone: REDACTED, total: 1500 });
  const frame = (out.exception as typeof event.exception).values[0]!.stacktrace.frames[0]!;
  assert.equal(frame, { filename: 'app:///dist/cli/base-command.js', abs_path: 'app:///dist/cli/base-command.js', function: 'execute' });
});

events('stack paths keep what locates the code, not whose machine it ran on', () => {
  assert.is(packagePath('/home/ada/src/crm/node_modules/@sentry/core/build/esm/x.js'), 'app:///node_modules/@sentry/core/build/esm/x.js');
  assert.is(packagePath('file:///home/ada/crm/dist/cli/main.js'), 'app:///dist/cli/main.js');
  assert.is(packagePath('node:internal/process/task_queues'), 'node:internal/process/task_queues');
  assert.is(packagePath('/home/ada/elsewhere.js'), 'app:///elsewhere.js');
});

values.run();
keys.run();
events.run();
