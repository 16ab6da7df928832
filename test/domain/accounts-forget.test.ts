import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decideAccount } from '../../src/domain/accounts/decide-account.js';
import { NotFound, RuleViolation } from '../../src/errors.js';
import { english } from '../support/english.js';
import { ev, givenAccount } from '../support/given.js';

/** The occasion of the fixtures ends 2026-06-05T00:00Z. */
const BEFORE_IT_ENDS = '2026-06-04T12:00:00.000Z';
const AFTER_IT_ENDED = '2026-06-06T00:00:00.000Z';

const forget = suite('decide: forgetting a client');
const command = (at: string) => ({ type: 'ForgetClient' as const, data: { clientId: 'cli1', at } });

forget('a client without events, or whose events are over, is forgotten: one event, nothing personal in it', () => {
  assert.equal(decideAccount(command(BEFORE_IT_ENDS), givenAccount(ev.clientCreated(), ev.contractCreated())), [
    { type: 'ClientForgotten', data: { clientId: 'cli1' } },
  ]);
  const past = givenAccount(ev.clientCreated(), ev.contractCreated(), ev.contractSigned(), ev.occasionScheduled());
  assert.equal(decideAccount(command(AFTER_IT_ENDED), past), [{ type: 'ClientForgotten', data: { clientId: 'cli1' } }]);
});

forget('an event that has not ended blocks it, unless it was cancelled', () => {
  const upcoming = givenAccount(ev.clientCreated(), ev.contractCreated(), ev.contractSigned(), ev.occasionScheduled());
  try {
    decideAccount(command(BEFORE_IT_ENDS), upcoming);
    assert.unreachable('an upcoming event blocks forgetting');
  } catch (error) {
    assert.instance(error, RuleViolation);
    assert.match(english(error), /1 upcoming event/);
  }
  const cancelled = givenAccount(
    ev.clientCreated(),
    ev.contractCreated(),
    ev.contractSigned(),
    ev.occasionScheduled(),
    ev.occasionCancelled(),
  );
  assert.equal(decideAccount(command(BEFORE_IT_ENDS), cancelled), [{ type: 'ClientForgotten', data: { clientId: 'cli1' } }]);
});

forget('a forgotten client is not there to forget again, nor a deleted or unknown one', () => {
  const forgotten = givenAccount(ev.clientCreated(), { type: 'ClientForgotten', data: { clientId: 'cli1' } });
  assert.throws(
    () => decideAccount(command(AFTER_IT_ENDED), forgotten),
    (error: unknown) => error instanceof NotFound,
  );
  assert.throws(
    () => decideAccount(command(AFTER_IT_ENDED), givenAccount()),
    (error: unknown) => error instanceof NotFound,
  );
  const deleted = givenAccount(ev.clientCreated(), { type: 'ClientDeleted', data: { clientId: 'cli1' } });
  assert.throws(
    () => decideAccount(command(AFTER_IT_ENDED), deleted),
    (error: unknown) => error instanceof NotFound,
  );
});

forget.run();
