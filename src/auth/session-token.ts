import { NotAuthenticated } from '../errors.js';
import { msg } from '../i18n/message.js';

const ISSUER = 'epic-events';

export interface SessionClaims {
  readonly userId: string;
  readonly sessionId: string;
}

/** A signed HS256 JWT: subject = user id, `sid` = the session id recorded in the log. */
export async function signSessionToken(claims: SessionClaims & { expiresAt: Date }, secret: Uint8Array): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
    .sign(secret);
}

/**
 * Verifies signature (HS256 only: `alg: none` and every other algorithm are
 * refused), issuer and expiry. Any failure is "not authenticated", exit 3.
 *
 * Every command runs this, so it is node:crypto's HMAC rather than jose (whose
 * module and WebCrypto set-up cost a launch more than the check itself; see
 * docs/performance.md). It keeps jose's rules for what it accepts: a compact
 * JWS of three base64url parts, a JSON-object header with `alg` exactly HS256
 * and no `crit` or `b64`, the signature checked before any claim, a
 * JSON-object payload, `iss`, `sub`, `exp` and `sid` present, `exp` a number
 * not yet reached, `iat` a number when present, `nbf` a number already reached
 * when present. Signing (`login` only) stays with jose.
 */
export async function verifySessionToken(token: string, secret: Uint8Array): Promise<SessionClaims> {
  const { createHmac, timingSafeEqual } = await import('node:crypto');
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) throw invalid();
  const [encodedHeader = '', encodedPayload = '', signature = ''] = parts;
  const header = decodeObject(encodedHeader);
  if (header === undefined || header.alg !== 'HS256' || 'crit' in header || 'b64' in header) throw invalid();
  const expected = Buffer.from(createHmac('sha256', secret).update(`${encodedHeader}.${encodedPayload}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const payload = decodeObject(encodedPayload);
  if (payload === undefined) throw invalid();
  const { iss, sub, sid, exp, iat, nbf } = payload;
  if (iss !== ISSUER || typeof sub !== 'string' || typeof sid !== 'string' || typeof exp !== 'number') throw invalid();
  if ((iat !== undefined && typeof iat !== 'number') || (nbf !== undefined && typeof nbf !== 'number')) throw invalid();
  const now = Math.floor(Date.now() / 1000);
  if (typeof nbf === 'number' && nbf > now) throw invalid();
  if (exp <= now) throw new NotAuthenticated(msg('session.expired'));
  return { userId: sub, sessionId: sid };
}

/** Unpadded base64url, as JWS compact serialization writes it. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function invalid(): NotAuthenticated {
  return new NotAuthenticated(msg('session.invalidToken'));
}

/** A base64url part holding a JSON object, or undefined when it holds anything else. */
function decodeObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // not JSON: an invalid token, reported as such by the caller
  }
}
