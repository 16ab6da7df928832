import { NotAuthenticated } from '../errors.js';

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
 */
export async function verifySessionToken(token: string, secret: Uint8Array): Promise<SessionClaims> {
  const { jwtVerify, errors } = await import('jose');
  try {
    const { payload } = await jwtVerify(token.trim(), secret, { algorithms: ['HS256'], issuer: ISSUER, requiredClaims: ['sub', 'exp', 'sid'] });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new NotAuthenticated('invalid session token: log in again');
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    if (error instanceof NotAuthenticated) throw error;
    if (error instanceof errors.JWTExpired) throw new NotAuthenticated('session expired: log in again');
    if (error instanceof errors.JOSEError) throw new NotAuthenticated('invalid session token: log in again');
    throw error;
  }
}
