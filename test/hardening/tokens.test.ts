/**
 * Token attacks: every forged, foreign, expired or revoked session token is
 * refused with exit 3 (not authenticated); a demoted user's still-valid token
 * gets exit 4 on what the new role may not do. The token only says who and
 * which session: the role and the user's existence are read from the log.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CliResult, Installation } from '../support/cli.js';
import { assertOneLineError } from './support/hardening.js';

const tokens = suite('token attacks');

let app: Installation;
let other: Installation;
let ids: Awaited<ReturnType<Installation['seedTeam']>>;

const sessionPath = () => join(app.home, 'session');
const readToken = () => readFileSync(sessionPath(), 'utf8').trim();
const useToken = (token: string) => writeFileSync(sessionPath(), `${token}\n`, { mode: 0o600 });
const secret = () => new Uint8Array(Buffer.from(readFileSync(join(app.home, 'secret.key'), 'utf8').trim(), 'base64url'));

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
function parts(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
    signature,
  };
}

/** whoami (a read) and client create (a change) with the token in the session file: both must be refused. */
async function refusedWith(token: string, code: 3 | 4, what: string): Promise<CliResult[]> {
  useToken(token);
  const results = [
    await app.epic(['whoami', '--json']),
    await app.epic(['client', 'create', '--name', 'Forged', '--email', 'forged@x.io']),
  ];
  for (const result of results) {
    assert.is(result.code, code, `${what}: ${result.stderr}`);
    assert.is(result.stdout, '', `${what}: nothing on stdout`);
    assertOneLineError(result, what);
  }
  return results;
}

tokens.before(async () => {
  app = new Installation();
  ids = await app.seedTeam();
  other = new Installation();
  await other.seedTeam();
});
tokens.after(() => {
  app.cleanup();
  other.cleanup();
});

tokens('a genuine token works (the baseline the attacks start from)', async () => {
  await app.as('bob@epic.test');
  const who = JSON.parse(await app.ok(['whoami', '--json'])) as { id: string; role: string };
  assert.is(who.id, ids.commercial);
  assert.is(who.role, 'commercial');
});

tokens('alg: none, with or without a signature, is refused', async () => {
  await app.as('bob@epic.test');
  const { payload } = parts(readToken());
  await refusedWith(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`, 3, 'alg none');
  await refusedWith(`${b64({ alg: 'none' })}.${b64(payload)}`, 3, 'alg none, two parts');
  await refusedWith(
    `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(payload)}.${parts(readTokenOf(app)).signature}`,
    3,
    'alg NONE with a signature',
  );
});

tokens('a token signed with a wrong key, or with the right key under another algorithm, is refused', async () => {
  await app.as('bob@epic.test');
  const { payload } = parts(readToken());
  const wrongKey = new TextEncoder().encode('x'.repeat(64));
  const forged = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(wrongKey);
  await refusedWith(forged, 3, 'wrong key');
  const hs512 = await new SignJWT(payload).setProtectedHeader({ alg: 'HS512', typ: 'JWT' }).sign(secret());
  await refusedWith(hs512, 3, 'HS512 with the right key');
});

tokens('an expired token is refused, even with a valid signature and an open session', async () => {
  await app.as('bob@epic.test');
  const { payload } = parts(readToken());
  const past = Math.floor(Date.now() / 1000) - 60;
  const expired = await new SignJWT({ ...payload, iat: past - 3600, exp: past })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(secret());
  const [result] = await refusedWith(expired, 3, 'expired');
  assert.match(result?.stderr ?? '', /expired/);
});

tokens('a tampered payload (subject or role changed, signature kept) is refused', async () => {
  await app.as('bob@epic.test');
  const token = readToken();
  const [header = '', , signature = ''] = token.split('.');
  const { payload } = parts(token);
  await refusedWith(`${header}.${b64({ ...payload, sub: ids.gestion })}.${signature}`, 3, 'subject changed to the gestion user');
  await refusedWith(`${header}.${b64({ ...payload, role: 'gestion' })}.${signature}`, 3, 'role claim added');
  await refusedWith(`${header}.${b64({ ...payload, exp: Number(payload.exp) + 86400 })}.${signature}`, 3, 'expiry pushed back');
  await refusedWith(`${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`, 3, 'signature edited');
  await refusedWith('not.a.token', 3, 'garbage');
});

tokens('a token from another EPIC_HOME (another secret) is refused, even for a user id that exists here', async () => {
  await other.as('ada@epic.test');
  const foreign = readTokenOf(other);
  await refusedWith(foreign, 3, 'token of another installation');
  // The same claims pointed at this installation's gestion user, still signed with the other secret.
  const { payload } = parts(foreign);
  const otherSecret = new Uint8Array(Buffer.from(readFileSync(join(other.home, 'secret.key'), 'utf8').trim(), 'base64url'));
  const retargeted = await new SignJWT({ ...payload, sub: ids.gestion }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(otherSecret);
  await refusedWith(retargeted, 3, 'foreign secret, local subject');
});

tokens("a deleted user's still-valid token is refused (3); a demoted user's gets 4 on what the new role may not do", async () => {
  const email = (name: string) => `${name}@epic.test`;
  await app.as('ada@epic.test');
  const doomed = await app.ok(
    ['user', 'create', '--name', 'Doomed Support', '--email', email('doomed'), '--role', 'support', '--password-stdin'],
    { stdin: 'condemned passphrase\n' },
  );
  const demoted = await app.ok(
    ['user', 'create', '--name', 'Demoted Seller', '--email', email('demoted'), '--role', 'commercial', '--password-stdin'],
    { stdin: 'lowered passphrase\n' },
  );
  await app.login(email('doomed'), 'condemned passphrase');
  const doomedToken = readToken();
  await app.login(email('demoted'), 'lowered passphrase');
  const demotedToken = readToken();
  assert.is(
    (await app.epic(['client', 'create', '--name', 'Before', '--email', 'before@x.io'])).code,
    0,
    'a commercial may create a client',
  );

  await app.as('ada@epic.test');
  await app.ok(['user', 'delete', doomed, '--yes']);
  await app.ok(['user', 'edit', demoted, '--role', 'support', '--reassign-to', ids.commercial]);

  const [deleted] = await refusedWith(doomedToken, 3, 'deleted user');
  assert.match(deleted?.stderr ?? '', /no longer exists/);

  useToken(demotedToken);
  const who = JSON.parse(await app.ok(['whoami', '--json'])) as { role: string };
  assert.is(who.role, 'support', 'the role comes from the log, not the token');
  const forbidden = await app.epic(['client', 'create', '--name', 'After', '--email', 'after@x.io']);
  assert.is(forbidden.code, 4, forbidden.stderr);
  assertOneLineError(forbidden, 'demoted user');
});

tokens('logout makes the token useless, even a copy of the file restored afterwards', async () => {
  await app.as('carla@epic.test');
  const copy = join(app.home, 'session.copy');
  copyFileSync(sessionPath(), copy);
  assert.is((await app.epic(['whoami'])).code, 0);
  const out = await app.epic(['logout']);
  assert.is(out.code, 0, out.stderr);
  copyFileSync(copy, sessionPath());
  const [result] = await refusedWith(readToken(), 3, 'token restored after logout');
  assert.match(result?.stderr ?? '', /session ended/);
});

function readTokenOf(installation: Installation): string {
  return readFileSync(join(installation.home, 'session'), 'utf8').trim();
}

tokens.run();
