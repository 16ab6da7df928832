import type { UserChange } from '../../domain/users/user-change.js';
import type { Role } from '../../domain/values/roles.js';
import type { users as english } from '../en/users.js';
import type { Wordings } from '../wordings.js';

const CHANGE: Readonly<Record<UserChange, string>> = {
  delete: 'supprimer un commercial',
  changeRole: 'changer le rôle d’un commercial',
  disable: 'désactiver un commercial',
};

/** « (X est support) », « (X est de la gestion) ». */
const IS: Readonly<Record<Role, string>> = { gestion: 'est de la gestion', commercial: 'est commercial', support: 'est support' };

export const users = {
  'user.alreadyInitialized': 'déjà initialisé : des utilisateurs existent ; connectez-vous plutôt',
  'user.nameInvalid': 'le nom ne doit pas être vide (200 caractères imprimables au plus)',
  'user.emailTaken': 'cette adresse e-mail est déjà utilisée par un autre utilisateur',
  'user.nothingToChange': 'rien à modifier : donnez au moins une des options --name, --email, --role, --password-stdin',
  'user.cannotDeleteSelf': 'vous ne pouvez pas supprimer votre propre compte',
  'user.roleInvalid': ({ input }, f) => `le rôle doit être gestion, commercial ou support (valeur reçue : ${f.quote(input)})`,
  'user.notFound': ({ userId }) => `l’utilisateur ${userId} est introuvable`,
  'user.ownsClients': ({ change, count }, f) =>
    `impossible de ${CHANGE[change]} qui a ${count} ${f.plural(count, { one: 'client', other: 'clients' })} : passez --reassign-to <identifiant d’un commercial>`,
  'user.reassignToSelf': '--reassign-to doit désigner un autre commercial',
  'user.reassignTargetNotFound': ({ userId }) => `l’utilisateur ${userId}, à qui confier les clients, est introuvable`,
  'user.reassignTargetNotCommercial': ({ userId, role }) => `--reassign-to doit désigner un commercial (${userId} ${IS[role]})`,
} satisfies Wordings<typeof english>;
