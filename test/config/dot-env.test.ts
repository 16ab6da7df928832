/**
 * The `.env` file of the working directory, read as Node's util.parseEnv
 * reads it (the dotenv rules), the same on Node 20 and 24; the environment
 * wins over the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig, readDotEnv } from '../../src/config/config.js';

const test = suite<{ dir: string }>('.env', { dir: '' });
test.before.each((context) => {
  context.dir = mkdtempSync(join(tmpdir(), 'epic-dotenv-'));
});
test.after.each(({ dir }) => rmSync(dir, { recursive: true, force: true }));

function dotEnv(dir: string, text: string): Record<string, string> {
  writeFileSync(join(dir, '.env'), text);
  return readDotEnv(join(dir, '.env'));
}

test('a # after the value starts a comment; inside quotes it is part of the value; comment lines are skipped', ({ dir }) => {
  assert.equal(
    dotEnv(
      dir,
      '# the team database\nEPIC_SESSION_TTL=30m # half an hour\nSENTRY_ENVIRONMENT="staging #2"\n  # indented comment\nEPIC_DEBUG=1\n',
    ),
    { EPIC_SESSION_TTL: '30m', SENTRY_ENVIRONMENT: 'staging #2', EPIC_DEBUG: '1' },
  );
  // Through the configuration: the comment no longer makes the duration invalid.
  assert.is(loadConfig({ HOME: dir }, dir).sessionTtlSeconds, 30 * 60);
});

test('a byte order mark does not hide the first variable', ({ dir }) => {
  assert.equal(dotEnv(dir, '\uFEFFEPIC_SESSION_TTL=15m\nEPIC_DEBUG=1\n'), { EPIC_SESSION_TTL: '15m', EPIC_DEBUG: '1' });
  assert.equal(dotEnv(dir, '\uFEFF# comment first\nEPIC_SESSION_TTL=15m\n'), { EPIC_SESSION_TTL: '15m' });
});

test('CRLF line ends are line ends, in plain and quoted values', ({ dir }) => {
  assert.equal(dotEnv(dir, 'EPIC_SESSION_TTL=15m\r\nSENTRY_ENVIRONMENT="prod"\r\nEPIC_DEBUG=1 # on\r\n'), {
    EPIC_SESSION_TTL: '15m',
    SENTRY_ENVIRONMENT: 'prod',
    EPIC_DEBUG: '1',
  });
});

test('quotes: single, double and backticks are removed; only double quotes expand \\n; spaces around a plain value are dropped', ({
  dir,
}) => {
  assert.equal(
    dotEnv(
      dir,
      `A='single # kept'\nB="two words"\nC=\`back 'n' "forth"\`\nD="line\\nbreak"\nE='no\\nbreak'\nF=   padded   \nG=\nH=""\nI=a=b\n`,
    ),
    {
      A: 'single # kept',
      B: 'two words',
      C: `back 'n' "forth"`,
      D: 'line\nbreak',
      E: 'no\\nbreak',
      F: 'padded',
      G: '',
      H: '',
      I: 'a=b',
    },
  );
});

test('a line of spaces, an indented comment or a stray word does not swallow the next variable', ({ dir }) => {
  assert.equal(dotEnv(dir, 'EPIC_DEBUG=1\n   \nEPIC_SESSION_TTL=2h\n  # indented\nSENTRY_ENVIRONMENT=prod\nstray\nEPIC_HOME=/srv/epic\n'), {
    EPIC_DEBUG: '1',
    EPIC_SESSION_TTL: '2h',
    SENTRY_ENVIRONMENT: 'prod',
    EPIC_HOME: '/srv/epic',
  });
});

test('export prefixes and indentation are allowed; what is not a variable name is skipped', ({ dir }) => {
  assert.equal(dotEnv(dir, 'export EPIC_DEBUG=1\n  export   EPIC_SESSION_TTL = 2h\n\tSENTRY_ENVIRONMENT=tabbed\nnot a line\n'), {
    EPIC_DEBUG: '1',
    EPIC_SESSION_TTL: '2h',
    SENTRY_ENVIRONMENT: 'tabbed',
  });
});

test('no file: nothing; the environment wins over the file, even with an empty value', ({ dir }) => {
  assert.equal(readDotEnv(join(dir, '.env')), {});
  writeFileSync(join(dir, '.env'), 'EPIC_SESSION_TTL=30m\nSENTRY_ENVIRONMENT=from-file\nSENTRY_DSN=https://k@o.example/1\n');
  const config = loadConfig({ HOME: dir, EPIC_SESSION_TTL: '2h', SENTRY_ENVIRONMENT: '', SENTRY_DSN: undefined }, dir);
  assert.is(config.sessionTtlSeconds, 2 * 3600);
  assert.is(config.sentryEnvironment, undefined, 'set but empty in the environment: the file does not fill it in');
  assert.is(config.sentryDsn, 'https://k@o.example/1', 'unset in the environment: the file fills it in');
});

test.run();
