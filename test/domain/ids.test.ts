/** Record ids: short, readable, and every letter equally likely (no modulo bias). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { newId } from '../../src/domain/values/ids.js';

const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A byte source that gives the values of `cycle` in order, over and over, however many are asked for at a time. */
function cycling(cycle: readonly number[]): (size: number) => Uint8Array {
  let next = 0;
  return (size) => {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = cycle[next++ % cycle.length] ?? 0;
    return bytes;
  };
}

const ids = suite('ids');

ids('ten characters of the readable alphabet by default; the length is a parameter', () => {
  assert.match(newId(), /^[23456789abcdefghjkmnpqrstuvwxyz]{10}$/);
  assert.match(newId(16), /^[23456789abcdefghjkmnpqrstuvwxyz]{16}$/);
});

ids('when every byte value comes up equally often, so does every letter', () => {
  const everyByte = Array.from({ length: 256 }, (_, byte) => byte);
  // 248 of the 256 byte values map onto the 31 letters 8 times each; the 8 others are drawn again.
  const id = newId(31 * 8 * 4, cycling(everyByte));
  const counts = new Map<string, number>();
  for (const letter of id) counts.set(letter, (counts.get(letter) ?? 0) + 1);
  assert.equal([...counts.keys()].sort().join(''), ALPHABET);
  assert.equal(new Set(counts.values()), new Set([32]), JSON.stringify(Object.fromEntries(counts)));
});

ids('bytes from 248 up are drawn again, never folded onto the first letters', () => {
  assert.is(newId(1, cycling([255, 250, 248, 0])), '2');
  assert.is(newId(3, cycling([248, 30, 249, 31, 247])), 'z2z');
});

ids('ids drawn from the byte pool differ across its refills, and lengths beyond the pool are drawn whole', () => {
  // 16 KiB a pool, 10 or more bytes a default id: 5,000 ids go round it several times.
  const drawn = Array.from({ length: 5_000 }, () => newId());
  assert.is(new Set(drawn).size, drawn.length);
  assert.match(newId(20_000), /^[23456789abcdefghjkmnpqrstuvwxyz]{20000}$/);
});

ids.run();
