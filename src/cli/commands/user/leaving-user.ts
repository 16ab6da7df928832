import type { Action } from '../../../auth/policy.js';
import type { Actor } from '../../../commands/handler-context.js';
import { resolveUserId } from '../../../commands/read-access.js';
import { NotFound } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import type { UserRecord } from '../../../records.js';
import type { EpicContext } from '../../context.js';
import { userChoices } from '../../pickers.js';
import { choose } from '../../prompt.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

/**
 * The colleague a `user delete` or `user disable` names, and the commercial
 * their clients go to: a commercial who owns clients hands them over, on a
 * terminal to a commercial picked from the list when `--reassign-to` is not
 * given. Refused early for a role the action is not for.
 */
export async function leavingUser(
  context: EpicContext,
  runtime: Runtime,
  actor: Actor,
  action: Extract<Action, 'user.delete' | 'user.disable'>,
  options: { readonly idOrPrefix: string; readonly reassignTo: string | undefined },
): Promise<{ readonly user: UserRecord; readonly reassignTo?: string }> {
  const { getUser, listClients } = await import('../../../projections/queries/index.js');
  refuseUnlessAllowed(action, actor);
  const db = await runtime.readDb();
  const user = await getUser(db.db, await resolveUserId(db, options.idOrPrefix));
  if (!user) throw new NotFound(msg('cli.notFound.user', { id: options.idOrPrefix }));
  const owns =
    user.role === 'commercial' && (await listClients(db.db, { scope: 'all', actorId: actor.id, commercialId: user.id })).length > 0;
  const reassign = owns
    ? await choose(context, options.reassignTo, { option: '--reassign-to', label: t('cli.field.reassignTo') }, async () =>
        (await userChoices(runtime, 'commercial')).filter((choice) => choice.value !== user.id),
      )
    : options.reassignTo;
  return reassign === undefined ? { user } : { user, reassignTo: await resolveUserId(db, reassign) };
}
