/**
 * printJsonArray (what `history --json` writes entry by entry): the same text
 * printJson writes for the whole array, indented on a terminal and compact
 * elsewhere, through a slow reader that makes it wait for 'drain'.
 */
import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { printJson, printJsonArray } from '../../src/cli/output.js';

/** A stream that takes each write after a tick, with a small buffer: writes past it return false. */
function slowSink(isTTY: boolean): { stream: Writable; text: () => string; writes: () => number } {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      setImmediate(callback);
    },
  });
  Object.assign(stream, { isTTY });
  return { stream, text: () => chunks.join(''), writes: () => chunks.length };
}

async function* itemsOf<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

const entries = Array.from({ length: 3_000 }, (_, i) => ({
  version: i + 1,
  type: 'PaymentRecorded',
  changes: { remainingAmount: { from: `${i}.00`, to: null }, note: 'é "quoted" \n line' },
  nested: { list: [1, [2, {}], []], empty: {} },
}));

for (const isTTY of [false, true]) {
  test(`the same text as printJson of the whole array (${isTTY ? 'terminal' : 'pipe'})`, async () => {
    for (const items of [entries, entries.slice(0, 1), []]) {
      const whole = slowSink(isTTY);
      printJson(whole.stream, items);
      const streamed = slowSink(isTTY);
      await printJsonArray(streamed.stream, itemsOf(items));
      await new Promise((resolve) => streamed.stream.end(resolve));
      assert.is(streamed.text(), whole.text());
    }
  });
}

test('written in chunks, not as one string', async () => {
  const sink = slowSink(false);
  await printJsonArray(sink.stream, itemsOf(entries));
  await new Promise((resolve) => sink.stream.end(resolve));
  assert.ok(sink.writes() > 3, `${sink.writes()} writes`);
});

test.run();
