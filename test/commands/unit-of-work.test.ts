/**
 * The unit of work of a change command (src/commands/unit-of-work.ts), on the
 * in-memory store: a command's decisions and its log entry are one append; a
 * commit whose reply was lost is recognised, not written twice; on a
 * concurrent change every decision is taken again; the same command id run
 * again (an idempotency key) appends nothing; a deletion and a change that
 * gives the deleted user a record never both commit.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createClient, createContract, runAccountCommand } from '../../src/commands/account-handler.js';
import { clientEmailKey } from '../../src/commands/client-emails.js';
import { commandLogAppend } from '../../src/commands/command-log.js';
import type { ActorContext } from '../../src/commands/handler-context.js';
import { commitUnit, UnitOfWork } from '../../src/commands/unit-of-work.js';
import { deleteUser } from '../../src/commands/user-handler.js';
import { accountStream } from '../../src/domain/accounts/account-events.js';
import { emailHolderStream } from '../../src/domain/client-emails/client-email-directory.js';
import { COMMAND_LOG_STREAM } from '../../src/domain/command-log.js';
import { holdingsStream } from '../../src/domain/users/holding-events.js';
import { BackendUnavailable, Conflict, EpicError, RuleViolation } from '../../src/errors.js';
import type { AppendResult, StreamAppend } from '../../src/events/event-store.js';
import { msg } from '../../src/i18n/message.js';
import { change, now, team } from '../support/handler-team.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

/** The store, but the first `appendMany` commits and then answers as a store that went away would. */
class LostReply extends InMemoryEventStore {
  lost = 0;
  override async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const results = await super.appendMany(appends);
    if (this.lost++ === 0) throw new BackendUnavailable(msg('cli.backendUnavailable', { code: 'ECONNRESET' }));
    return results;
  }
}

const test = suite('unit of work');

test('a command with nothing staged is not in the log until it commits, then whole with its entry', async () => {
  const store = new InMemoryEventStore();
  const { credentials, gestion, bob } = await team(store);
  const head = await store.headPosition();
  const unit = new UnitOfWork();
  const context: ActorContext = { store, credentials, commandId: 'c1', now, recorded: [], actor: gestion, unit };
  const { clientId } = await createClient(context, { name: 'Cli', email: 'cli@client.io', commercialId: bob.id });
  assert.is(await store.headPosition(), head, 'staged, not appended');
  await commitUnit(context, unit, (events, at) =>
    commandLogAppend(gestion, at, {
      commandId: 'c1',
      command: 'client create',
      args: {},
      outcome: 'accepted',
      reason: null,
      reasonMessage: null,
      events,
    }),
  );
  const written = await store.readAll({ after: head, limit: 10 });
  assert.equal(
    written.map((e) => [e.streamId, e.type]),
    [
      // The store's first email change opens the email holder streams (client-emails.ts), in the same append.
      ['email-holders', 'EmailHoldersOpened'],
      [emailHolderStream(clientEmailKey('cli@client.io')), 'ClientEmailClaimed'],
      [accountStream(clientId), 'ClientCreated'],
      [holdingsStream(bob.id), 'HoldingTaken'],
      [COMMAND_LOG_STREAM, 'CommandRecorded'],
    ],
  );
  assert.equal(
    written[4]?.data.events,
    [written[0]?.id, written[1]?.id, written[2]?.id],
    'the entry lists the change, not the holding that guards it',
  );
  assert.equal(context.recorded, written.slice(0, 4));
});

test('a commit whose reply was lost is sent again and recognised: the payment is recorded once', async () => {
  const store = new LostReply();
  const { credentials, gestion, bob } = await team(store);
  store.lost = 1; // the setup's appends went through
  const { clientId } = await change(store, credentials, gestion, 'c2', (context) =>
    createClient(context, { name: 'Cli', email: 'cli@client.io', commercialId: bob.id }),
  );
  const { contractId } = await change(store, credentials, gestion, 'c3', (context) =>
    createContract(context, { clientId, totalCents: 10_000, signed: true }),
  );
  store.lost = 0;
  await change(store, credentials, gestion, 'pay-1', (context) =>
    runAccountCommand(context, clientId, { type: 'RecordPayment', data: { contractId, amountCents: 2_500 } }),
  );
  assert.is(store.lost, 2, 'the lost commit was sent a second time');
  const stream = await store.readStream(accountStream(clientId));
  assert.is(stream.filter((e) => e.type === 'PaymentRecorded').length, 1);
  const entries = (await store.readStream(COMMAND_LOG_STREAM)).filter((e) => e.data.commandId === 'pay-1');
  assert.is(entries.length, 1);
});

test('the same command id again (an idempotency key): the decision is taken on the state before it, nothing is appended', async () => {
  const store = new InMemoryEventStore();
  const { credentials, gestion, bob } = await team(store);
  const first = await change(store, credentials, gestion, 'keyed', (context) =>
    createClient(context, { name: 'Cli', email: 'cli@client.io', commercialId: bob.id }),
  );
  const { contractId } = await change(store, credentials, gestion, 'k2', (context) =>
    createContract(context, { clientId: first.clientId, totalCents: 1_000, signed: true }),
  );
  const pay = () =>
    change(store, credentials, gestion, 'pay-keyed', (context) =>
      runAccountCommand(context, first.clientId, { type: 'RecordPayment', data: { contractId, amountCents: 1_000 } }),
    );
  await pay();
  const head = await store.headPosition();
  // Paid in full: a new payment would be refused; the same one again is recognised.
  await pay();
  const again = await change(store, credentials, gestion, 'keyed', (context) =>
    createClient(context, { name: 'Cli', email: 'cli@client.io', commercialId: bob.id }),
  );
  assert.is(again.clientId, first.clientId, 'the same id for the same command');
  assert.is(await store.headPosition(), head, 'nothing appended');
  try {
    await change(store, credentials, gestion, 'pay-new', (context) =>
      runAccountCommand(context, first.clientId, { type: 'RecordPayment', data: { contractId, amountCents: 1_000 } }),
    );
    assert.unreachable('a payment beyond the remaining amount is refused');
  } catch (error) {
    assert.instance(error, RuleViolation);
  }
});

test('a concurrent change between decision and commit: the decision is taken again on the new state', async () => {
  const store = new InMemoryEventStore();
  const { credentials, gestion, bob } = await team(store);
  const { clientId } = await change(store, credentials, gestion, 'c5', (context) =>
    createClient(context, { name: 'Cli', email: 'cli@client.io', commercialId: bob.id }),
  );
  const { contractId } = await change(store, credentials, gestion, 'c6', (context) =>
    createContract(context, { clientId, totalCents: 1_000, signed: true }),
  );
  const unit = new UnitOfWork();
  const context: ActorContext = { store, credentials, commandId: 'slow', now, recorded: [], actor: gestion, unit };
  await runAccountCommand(context, clientId, { type: 'RecordPayment', data: { contractId, amountCents: 600 } });
  // Another process pays first: 600 no longer fits in the 400 left.
  await change(store, credentials, gestion, 'fast', (other) =>
    runAccountCommand(other, clientId, { type: 'RecordPayment', data: { contractId, amountCents: 600 } }),
  );
  const head = await store.headPosition();
  try {
    await commitUnit(context, unit, (events, at) =>
      commandLogAppend(gestion, at, {
        commandId: 'slow',
        command: 'pay',
        args: {},
        outcome: 'accepted',
        reason: null,
        reasonMessage: null,
        events,
      }),
    );
    assert.unreachable('the payment decided again is refused');
  } catch (error) {
    assert.instance(error, RuleViolation);
  }
  assert.is(await store.headPosition(), head, 'nothing of the refused command was written');
});

test('a client given to a commercial after their deletion scanned their portfolio fails the deletion (6), nothing written', async () => {
  const store = new InMemoryEventStore();
  const { credentials, gestion, bob } = await team(store);
  const unit = new UnitOfWork();
  const deletion: ActorContext = { store, credentials, commandId: 'delete-bob', now, recorded: [], actor: gestion, unit };
  await deleteUser(deletion, { userId: bob.id });
  // Meanwhile another process gives Bob a client.
  const { clientId } = await change(store, credentials, gestion, 'give-bob', (context) =>
    createClient(context, { name: 'Late', email: 'late@client.io', commercialId: bob.id }),
  );
  const head = await store.headPosition();
  try {
    await commitUnit(deletion, unit, (events, at) =>
      commandLogAppend(gestion, at, {
        commandId: 'delete-bob',
        command: 'user delete',
        args: {},
        outcome: 'accepted',
        reason: null,
        reasonMessage: null,
        events,
      }),
    );
    assert.unreachable('the deletion must not commit');
  } catch (error) {
    assert.instance(error, Conflict);
  }
  assert.is(await store.headPosition(), head, 'nothing of the deletion was written');
  assert.is((await store.readStream(accountStream(clientId)))[0]?.data.commercialId, bob.id);
});

test('a client decided for a commercial deleted before it commits is decided again, and refused', async () => {
  const store = new InMemoryEventStore();
  const { credentials, gestion, bob } = await team(store);
  const unit = new UnitOfWork();
  const creation: ActorContext = { store, credentials, commandId: 'late-client', now, recorded: [], actor: gestion, unit };
  const { clientId } = await createClient(creation, { name: 'Late', email: 'late@client.io', commercialId: bob.id });
  await change(store, credentials, gestion, 'delete-bob', (context) => deleteUser(context, { userId: bob.id }));
  try {
    await commitUnit(creation, unit, (events, at) =>
      commandLogAppend(gestion, at, {
        commandId: 'late-client',
        command: 'client create',
        args: {},
        outcome: 'accepted',
        reason: null,
        reasonMessage: null,
        events,
      }),
    );
    assert.unreachable('the client must not be created');
  } catch (error) {
    assert.instance(error, EpicError);
    assert.not.instance(error, Conflict, 'refused on the new state, not given up on');
  }
  assert.equal(await store.readStream(accountStream(clientId)), []);
});

test.run();
