/** Signing in, sessions, passwords and the installation's secret key. */
export const sessions = {
  /** The one message every failed login gets, whatever the reason: no hint for an attacker. */
  'session.loginFailed': 'invalid email or password',
  'session.expired': 'session expired: log in again',
  'session.invalidToken': 'invalid session token: log in again',
  'session.accountGone': 'your account no longer exists: ask a gestion user',
  'session.ended': 'session ended: log in again',
  'password.tooShort': ({ min }: { min: number }): string => `password must be at least ${min} characters`,
  'password.tooLong': ({ max }: { max: number }): string => `password must be at most ${max} bytes`,
  'secret.envTooShort': ({ min }: { min: number }): string => `EPIC_SECRET must be at least ${min} bytes long`,
  'secret.missing': ({ home }: { home: string }): string => `no secret key in ${home}: run epic init first (or set EPIC_SECRET)`,
  'secret.fileInvalid': ({ path }: { path: string }): string => `${path} is not a valid key (too short)`,
};
