/**
 * Bad configuration is input like any other: through the built CLI, a
 * malformed backend URL is exit 2 with one line on stderr that never repeats
 * the password in it.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';

const urls = suite('configuration URLs through the CLI');

const PASSWORD = 's3cr3t-pw';

for (const variable of ['EPIC_READ_DB', 'EPIC_EVENT_STORE']) {
  for (const url of [
    `mysql://u:${PASSWORD}%zz@db.example/crm`,
    `mysql://u%zz:${PASSWORD}@db.example/crm`,
    `mysql://u:${PASSWORD}@db.example/cr%zzm`,
  ]) {
    urls(`${variable}=${url.replace(PASSWORD, '…')}: exit 2, one line, no password`, async () => {
      const home = new Installation({ [variable]: url });
      try {
        const result = await home.spawnEpic(['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], {
          stdin: 'admin passphrase\n',
        });
        assert.is(result.code, 2, result.stderr);
        assert.match(result.stderr, /^error: [^\n]*malformed %-escape[^\n]*\n$/);
        assert.not.ok(result.stderr.includes(PASSWORD), result.stderr);
        assert.is(result.stdout, '');
      } finally {
        home.cleanup();
      }
    });
  }
}

urls.run();
