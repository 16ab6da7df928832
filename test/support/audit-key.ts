/**
 * The audit key of the tests that open event stores themselves (the CLI
 * tests get theirs from `epic init`, in their EPIC_HOME): a fixed one, so a
 * store a test reopens verifies with it.
 */
import { AuditKey, fixedKeyring } from '../../src/events/audit-key.js';
import { ChainKeeper } from '../../src/events/chain-keeper.js';

export const TEST_AUDIT_KEY_TEXT = 'the audit key of the test suites, 32+ bytes long';
export const TEST_AUDIT_KEY = AuditKey.fromText(TEST_AUDIT_KEY_TEXT, 'the test audit key');
/** What an event store is opened with to append in a test: `{ keyring: testKeyring }`. */
export const testKeyring = fixedKeyring(TEST_AUDIT_KEY);

/** A chain keeper over an empty log, for a credential store a test builds on its own connection. */
export function testKeeper(): ChainKeeper {
  return new ChainKeeper(testKeyring, {
    switchOverRecord: async () => undefined,
    readStored: async () => [],
    switchOver: async () => {},
  });
}
