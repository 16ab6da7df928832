import type { sessions as english } from '../en/sessions.js';
import type { Wordings } from '../wordings.js';

export const sessions = {
  'session.loginFailed': 'adresse e-mail ou mot de passe incorrect',
  'session.expired': 'session expirée : reconnectez-vous',
  'session.invalidToken': 'jeton de session invalide : reconnectez-vous',
  'session.accountGone': 'votre compte n’existe plus : adressez-vous à la gestion',
  'session.ended': 'session terminée : reconnectez-vous',
  'password.tooShort': ({ min }) => `le mot de passe doit compter au moins ${min} caractères`,
  'password.tooLong': ({ max }) => `le mot de passe doit tenir en ${max} octets au plus`,
  'secret.envTooShort': ({ min }) => `EPIC_SECRET doit compter au moins ${min} octets`,
  'secret.missing': ({ home }) => `aucune clé secrète dans ${home} : lancez d’abord epic init (ou définissez EPIC_SECRET)`,
  'secret.fileInvalid': ({ path }) => `${path} n’est pas une clé valide (trop courte)`,
} satisfies Wordings<typeof english>;
