/** Parsing `mysql://user:pass@host:port/db`: no server needed, so it always runs. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMysqlUrl } from '../../src/config/mysql-url.js';
import { InvalidInput } from '../../src/errors.js';
import { english } from '../support/english.js';

const test = suite('parseMysqlUrl');

test('every part, percent-decoded; the display form drops the password', () => {
  assert.equal(parseMysqlUrl('mysql://epic:p%40ss%3Aw%2Frd%25@db.example:3307/epic_crm'), {
    host: 'db.example',
    port: 3307,
    user: 'epic',
    password: 'p@ss:w/rd%',
    database: 'epic_crm',
    display: 'mysql://epic@db.example:3307/epic_crm',
  });
});

test('defaults: port 3306, user root, empty password', () => {
  assert.equal(parseMysqlUrl('mysql://127.0.0.1/test'), {
    host: '127.0.0.1',
    port: 3306,
    user: 'root',
    password: '',
    database: 'test',
    display: 'mysql://root@127.0.0.1:3306/test',
  });
  assert.is(parseMysqlUrl('MYSQL://root@localhost/test').host, 'localhost');
});

test('IPv6 hosts lose their brackets', () => {
  const target = parseMysqlUrl('mysql://u:p@[::1]:3306/db');
  assert.is(target.host, '::1');
  assert.is(target.display, 'mysql://u@[::1]:3306/db');
});

test('malformed URLs are InvalidInput, and no message repeats the password', () => {
  const bad = [
    'mysql://u:s3cr3t@host',
    'mysql://u:s3cr3t@host/',
    'mysql://u:s3cr3t@host/a/b',
    'mysql://u:s3cr3t@host:99999/db',
    'mysql://u:s3cr3t@host/db?ssl=true',
    'mysql://u:s3cr3t%zz@host/db',
    'mysql://u:s3cr3t@/db',
    'mysql:u:s3cr3t@host/db',
    'postgres://u:s3cr3t@host/db',
  ];
  for (const url of bad) {
    let error: unknown;
    try {
      parseMysqlUrl(url);
    } catch (caught) {
      error = caught;
    }
    assert.instance(error, InvalidInput, url);
    assert.not.match(english(error), /s3cr3t/, url);
    assert.is((error as Error).cause, undefined, `${url}: no cause that could carry the URL`);
  }
});

test.run();
