/**
 * verifySessionToken (node:crypto HMAC) accepts exactly what jose's jwtVerify
 * accepted with our options: every token below is also checked against jose.
 */
import { jwtVerify, SignJWT } from 'jose';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { signSessionToken, verifySessionToken } from '../../src/auth/session-token.js';
import { english } from '../support/english.js';

const verify = suite('session token verification');

const secret = new Uint8Array(32).fill(7);
const otherSecret = new Uint8Array(32).fill(8);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({ sid: 's1', sub: 'u1', iss: 'epic-events', exp: now() + 3600, ...extra });
const signed = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256' }, key = secret) =>
  new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key);

async function outcome(token: string): Promise<string> {
  return verifySessionToken(token, secret).then(
    (c) => `ok ${c.userId} ${c.sessionId}`,
    (error: unknown) => english(error),
  );
}

async function joseAccepts(token: string): Promise<boolean> {
  return jwtVerify(token.trim(), secret, { algorithms: ['HS256'], issuer: 'epic-events', requiredClaims: ['sub', 'exp', 'sid'] }).then(
    () => true,
    () => false,
  );
}

const INVALID = 'invalid session token: log in again';

verify('a token from signSessionToken is accepted, surrounding whitespace included', async () => {
  const token = await signSessionToken({ userId: 'u1', sessionId: 's1', expiresAt: new Date(Date.now() + 60_000) }, secret);
  assert.is(await outcome(token), 'ok u1 s1');
  assert.is(await outcome(` ${token}\n`), 'ok u1 s1');
  assert.ok(await joseAccepts(token));
});

verify('every forged or malformed token is refused, as jose refuses it', async () => {
  const good = await signed(claims());
  const [header, payload, signature] = good.split('.');
  const cases: Record<string, string> = {
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'alg none, two parts': `${b64({ alg: 'none' })}.${payload}`,
    'alg NONE with a signature': `${b64({ alg: 'NONE' })}.${payload}.${signature}`,
    HS512: await signed(claims(), { alg: 'HS512' }),
    'wrong key': await signed(claims(), { alg: 'HS256' }, otherSecret),
    'subject changed': `${header}.${b64({ ...claims(), sub: 'u2' })}.${signature}`,
    'signature edited': `${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`,
    'crit header': `${b64({ alg: 'HS256', crit: ['x'], x: 1 })}.${payload}.${signature}`,
    'no issuer': await signed(claims({ iss: undefined })),
    'another issuer': await signed(claims({ iss: 'elsewhere' })),
    'no sid': await signed(claims({ sid: undefined })),
    'no exp': await signed(claims({ exp: undefined })),
    'exp as a string': await signed(claims({ exp: String(now() + 60) })),
    'iat as a string': await signed(claims({ iat: 'yesterday' })),
    'nbf in the future': await signed(claims({ nbf: now() + 600 })),
    'payload not an object': `${header}.${b64([1, 2])}.${signature}`,
    garbage: 'not.a.token',
    empty: '',
    'four parts': `${good}.x`,
  };
  for (const [what, token] of Object.entries(cases)) {
    assert.is(await outcome(token), INVALID, what);
    assert.not.ok(await joseAccepts(token), `jose too: ${what}`);
  }
});

verify('an expired token says so, even with a valid signature', async () => {
  for (const exp of [now() - 3600, now()]) {
    const token = await signed(claims({ exp, iat: exp - 3600 }));
    assert.is(await outcome(token), 'session expired: log in again');
    assert.not.ok(await joseAccepts(token));
  }
  assert.is(await outcome(await signed(claims({ nbf: now() - 60, iat: now() - 60 }))), 'ok u1 s1', 'nbf reached, iat a number');
});

verify.run();
