/**
 * Event ids: name-based, from SHA-256 of the command id, stream, append and
 * index, so a retried append carries the same ids. A name-based UUID from
 * SHA-256 is version 8 (RFC 9562, section 5.8 and appendix B.2): the hash's
 * first 128 bits with the version nibble set to 8 and the variant to 10xx.
 */
import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventId } from '../../src/commands/new-events.js';

const test = suite('event ids');

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('a UUID of version 8 and the RFC variant', () => {
  for (const [commandId, stream, append, index] of [
    ['c0ffee00-0000-4000-8000-000000000000', 'client-k3f9kwxe2a', 0, 0],
    ['c0ffee00-0000-4000-8000-000000000000', 'client-k3f9kwxe2a', 0, 1],
    ['another-command', 'users', 3, 7],
    ['another-command', 'command-log', -1, 0],
  ] as const) {
    assert.match(eventId(commandId, stream, append, index), UUID_V8);
  }
});

test('the other 122 bits are the first bits of the SHA-256 of the name, as they were', () => {
  const id = eventId('cmd', 'users', 2, 5);
  const hash = createHash('sha256').update('cmd\u0000users\u00002\u00005').digest();
  const bytes = Buffer.from(id.replaceAll('-', ''), 'hex');
  assert.is(bytes.length, 16);
  assert.is((bytes[6] ?? 0) >> 4, 8, 'version 8');
  assert.is((bytes[8] ?? 0) >> 6, 0b10, 'variant 10');
  const masked = (b: Buffer) => Buffer.from(b.subarray(0, 16).map((byte, i) => (i === 6 ? byte & 0x0f : i === 8 ? byte & 0x3f : byte)));
  assert.equal(masked(bytes), masked(hash));
});

test('deterministic, and different for every part of the name', () => {
  const id = eventId('cmd', 'users', 0, 0);
  assert.is(eventId('cmd', 'users', 0, 0), id);
  const others = [
    eventId('cmd2', 'users', 0, 0),
    eventId('cmd', 'users2', 0, 0),
    eventId('cmd', 'users', 1, 0),
    eventId('cmd', 'users', 0, 1),
  ];
  assert.is(new Set([id, ...others]).size, 5);
});

test.run();
