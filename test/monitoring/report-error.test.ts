import { PassThrough, Writable } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { reportError, reportFailure } from '../../src/cli/report-error.js';
import { Conflict } from '../../src/errors.js';
import { msg } from '../../src/i18n/message.js';
import { loadTranslator, useTranslator } from '../../src/i18n/translator.js';
import { DISABLED_MONITOR, type Monitor } from '../../src/monitoring/monitor.js';

// The reporter words an expected error in the invocation's language, as the CLI sets it.
useTranslator(await loadTranslator('en'));

/** stderr as a string, and the env the reporter reads. */
function capture(env: Record<string, string> = {}) {
  const chunks: Buffer[] = [];
  const stderr = new PassThrough();
  stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { context: { stderr, env }, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A monitor that records what it was asked to capture. */
function recordingMonitor(): Monitor & { captured: unknown[] } {
  const captured: unknown[] = [];
  return {
    ...DISABLED_MONITOR,
    enabled: true,
    captured,
    captureInternalError: async (error) => {
      captured.push(error);
      return 'f'.repeat(32);
    },
  };
}

const reporter = suite('report-error: every failure ends in one line and the contract exit code');

reporter('a MySQL connection the server dropped, used again (no code, only fatal), is exit 7, never an internal error', async () => {
  const closed = Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true });
  const monitor = recordingMonitor();
  const out = capture();
  assert.is(await reportFailure(out.context, closed, monitor), 7);
  assert.not.match(out.text(), /internal error/);
  assert.match(out.text(), /^error: .*PROTOCOL_CONNECTION_LOST/);
  assert.equal(monitor.captured, [], 'not a bug: nothing sent to the monitor');
});

reporter('an internal error names the monitoring event when there is one, and only then', async () => {
  const monitor = recordingMonitor();
  const on = capture();
  assert.is(await reportFailure(on.context, new TypeError('x is undefined'), monitor), 1);
  assert.is(
    on.text(),
    `error: internal error: x is undefined (a bug: reported to Sentry as event ${'f'.repeat(32)}; rerun with EPIC_DEBUG=1 for the stack trace)\n`,
  );
  const off = capture();
  assert.is(await reportFailure(off.context, new TypeError('x is undefined'), DISABLED_MONITOR), 1);
  assert.is(off.text(), 'error: internal error: x is undefined (a bug: rerun with EPIC_DEBUG=1 for the stack trace and report it)\n');
});

reporter('an expected error keeps its exit code and is not sent to the monitor', async () => {
  const monitor = recordingMonitor();
  const out = capture();
  assert.is(await reportFailure(out.context, new Conflict(msg('user.emailTaken')), monitor), 6);
  assert.is(out.text(), 'error: this email is already used by another user\n');
  assert.equal(monitor.captured, []);
});

reporter('values that cannot be printed still give one line and exit 1', () => {
  const bare = capture();
  assert.is(reportError(bare.context, Object.create(null)), 1);
  assert.match(bare.text(), /^error: internal error: a thrown object without a message \(a bug: [^\n]+\)\n$/);
  const hostile = capture();
  const error = new Error('ignored');
  Object.defineProperty(error, 'message', {
    get: () => {
      throw new Error('getter exploded');
    },
  });
  assert.is(reportError(hostile.context, error), 1);
  assert.match(hostile.text(), /^error: internal error[^\n]*\n$/);
});

reporter('a stderr that refuses writes does not make the reporter throw', () => {
  const closed = new Writable({ write: (_chunk, _encoding, done) => done() });
  closed.write = () => {
    throw new Error('EPIPE');
  };
  assert.is(reportError({ stderr: closed, env: {} }, new Error('boom')), 1);
});

reporter('a stack trace only with EPIC_DEBUG=1, after the line', () => {
  const plain = capture();
  reportError(plain.context, new Error('boom'));
  assert.is(plain.text().split('\n').length, 2);
  const debug = capture({ EPIC_DEBUG: '1' });
  reportError(debug.context, new Error('boom'));
  const [line, ...stack] = debug.text().trimEnd().split('\n');
  assert.match(line!, /^error: internal error: boom/);
  assert.match(stack[0]!, /^Error: boom$/);
});

reporter.run();
