import type { Format } from '../format.js';

/**
 * What a CRM is expected to do (issue 19): cancelled events, honest amounts,
 * accounts people run themselves, lists people can work with.
 */
export const crm = {
  // Cancelled events
  'event.alreadyCancelled': ({ occasionId }: { occasionId: string }): string => `event ${occasionId} is already cancelled`,
  'event.cancelled': ({ occasionId }: { occasionId: string }): string =>
    `event ${occasionId} is cancelled: it can no longer be changed or assigned`,
  'cli.confirm.cancelEvent': ({ id, name, client }: { id: string; name: string; client: string }) =>
    `cancels event ${id} (${name}, ${client}); it stays in the history`,
  'cli.done.cancelledEvent': ({ id, name }: { id: string; name: string }) => `cancelled event ${id} (${name})`,
  'cli.field.status': 'status',
  'cli.field.cancelReason': 'reason for cancelling',
  'cli.status.scheduled': 'scheduled',
  'cli.status.cancelled': 'cancelled',
  'help.event cancel': 'cancel an event: kept in the history, out of the lists (gestion, or the commercial of the client)',
  'help.event cancel.details':
    'A cancelled event can no longer be edited or assigned, and no longer holds back the deletion of its contract. event list --cancelled shows the cancelled events. Asks for confirmation on a terminal.',
  'help.event cancel.ex1': 'The client called it off',
  'opt.event cancel.--reason': 'why it is cancelled (shown in the event and its history)',
  'opt.event list.--cancelled': 'the cancelled events too (hidden otherwise)',
  'help.event list.ex2': 'With the cancelled events',
  'menu.event cancel': 'Cancel an event',

  // Honest amounts
  'contract.remainingAfterPayment': ({ contractId }: { contractId: string }): string =>
    `contract ${contractId} has payments: its remaining amount moves only with contract pay and contract refund`,
  'contract.totalBelowPaid': ({ totalCents, paidCents }: { totalCents: number; paidCents: number }, f: Format): string =>
    `the total (${f.money(totalCents)}) must not be below what was already paid (${f.money(paidCents)}); refund first`,
  'contract.refundNotPositive': 'a refund must be greater than 0',
  'contract.refundExceedsPaid': ({ amountCents, paidCents }: { amountCents: number; paidCents: number }, f: Format): string =>
    `the refund of ${f.money(amountCents)} exceeds what was paid (${f.money(paidCents)})`,
  'cli.done.refunded': ({ amountCents, remainingCents }: { id: string; amountCents: number; remainingCents: number }, f: Format) =>
    `refunded ${f.money(amountCents)}; remaining ${f.money(remainingCents)}`,
  'cli.field.refund': ({ paidCents }: { paidCents: number }, f: Format) => `amount refunded (${f.money(paidCents)} paid)`,
  'help.contract refund': 'give back part of what was paid (remaining grows, at most to the total)',
  'help.contract refund.details':
    'A payment recorded by mistake is corrected by a refund, which the history shows as such. Once a payment is recorded, contract edit --remaining is refused: pay and refund move the remaining amount.',
  'help.contract refund.ex1': 'Part of the deposit goes back',
  'opt.contract refund.--amount': 'amount refunded (1500, 1500.5 or 1500.50), at most what was paid',
  'menu.contract refund': 'Record a refund',

  // Consistent outcomes
  'import.imported': (
    { created, updated, unchanged, refused, rows }: { created: number; updated: number; unchanged: number; refused: number; rows: number },
    f: Format,
  ) =>
    `${rows} ${f.plural(rows, { one: 'row', other: 'rows' })}: ${created} created, ${updated} updated, ${unchanged} unchanged, ${refused} refused`,
  'import.nothingImported': ({ refused, rows }: { created: number; updated: number; unchanged: number; refused: number; rows: number }) =>
    `nothing imported: ${refused} of ${rows} rows refused`,

  // Unique client emails
  'client.emailTaken': 'this email is already used by another client',

  // Accounts people run themselves
  'user.cannotDisableSelf': 'you cannot disable your own account',
  'user.alreadyDisabled': ({ userId }: { userId: string }): string => `user ${userId} is already disabled`,
  'user.notDisabled': ({ userId }: { userId: string }): string => `user ${userId} is not disabled`,
  'user.disabled': ({ userId }: { userId: string }): string => `user ${userId} is disabled`,
  'session.accountDisabled': 'this account is disabled: ask a gestion user',
  'password.isEmail': 'the password must not be your email',
  'password.hasLocalPart': 'the password must not contain the name part of your email',
  'password.common': 'this password is one of the most commonly used: choose another',
  'passwd.wrongCurrent': 'the current password is wrong',
  'passwd.needsTwoLines': 'with --password-stdin, give the current password on the first line and the new one on the second',
  'passwd.unchanged': 'the new password is the current one',
  'cli.prompt.currentPassword': 'current password',
  'cli.done.passwordChanged': 'password changed',
  'cli.done.disabledUser': ({ id, name }: { id: string; name: string }) => `disabled ${name} (${id}): they can no longer sign in`,
  'cli.done.enabledUser': ({ id, name }: { id: string; name: string }) => `enabled ${name} (${id})`,
  'cli.done.unlockedUser': ({ id, name }: { id: string; name: string }) => `unlocked ${name} (${id}): they can sign in again`,
  'cli.done.notLocked': ({ id, name }: { id: string; name: string }) => `${name} (${id}) was not locked`,
  'cli.lockedUntil': ({ until }: { until: string }, f: Format) => `locked until ${f.dateTime(until)}`,
  'cli.field.disabled': 'disabled',
  'cli.field.lockedUntil': 'locked until',
  'cli.column.state': 'state',
  'cli.state.active': 'active',
  'cli.state.disabled': 'disabled',
  'cli.state.locked': 'locked',
  'help.passwd': 'change your own password (the current one first)',
  'help.passwd.details':
    'On a terminal: the current password, then the new one twice. With --password-stdin: the current password on the first line of stdin, the new one on the second. A password has at least 12 characters, is not your email nor contains its name part, and is not one of the most common passwords.',
  'help.passwd.ex1': 'Change it on a terminal',
  'help.passwd.ex2': 'From a script',
  'opt.passwd.--password-stdin': 'read the current and the new password from stdin, one a line',
  'help.user disable': 'stop a collaborator from signing in or acting; their history and records stay (gestion only)',
  'help.user disable.details':
    'A commercial who owns clients is disabled only with --reassign-to another commercial, who takes over their clients and contracts. A disabled commercial gets no new clients, a disabled support no events. user enable undoes it.',
  'help.user disable.ex1': 'Bob leaves; Carla takes his clients',
  'opt.user disable.--reassign-to': 'the commercial who takes over the clients (id or email)',
  'help.user enable': 'let a disabled collaborator sign in again (gestion only)',
  'help.user enable.ex1': 'Bob is back',
  'help.user unlock': 'lift the lock 5 failed logins set (gestion only)',
  'help.user unlock.ex1': 'Bob mistyped his password five times',
  'opt.user list.--disabled': 'only the disabled collaborators',
  'menu.user disable': 'Disable a collaborator',
  'menu.user enable': 'Enable a collaborator',
  'menu.user unlock': 'Unlock a collaborator',
  'menu.passwd': 'Change my password',
};
