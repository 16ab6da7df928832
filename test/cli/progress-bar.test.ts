/** The CLI's one progress bar: what it draws, and that no count makes it throw. */
import { PassThrough } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProgress, ProgressBar } from '../../src/cli/progress-bar.js';

/** A stream that says it is a terminal, and what was written to it. */
function terminal(isTTY: boolean | undefined): { stream: PassThrough; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY });
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

const BAR = /^\[(#*)(-*)\]/;

const format = suite('formatProgress');

format('the bar, the percentage, the counts, the rate and the time left', () => {
  assert.is(
    formatProgress({ done: 11_400, total: 30_000, elapsedMs: 1_250 }, 'events'),
    '[#########---------------]   38%  11,400/30,000 events  9,120/s  3s left',
  );
  assert.is(formatProgress({ done: 100, total: 100, elapsedMs: 0 }, 'rows'), '[########################]  100%  100/100 rows  0/s');
  assert.is(
    formatProgress({ done: 1, total: 3_601, elapsedMs: 1_000 }, 'rows'),
    '[------------------------]    0%  1/3,601 rows  1/s  1h00m left',
  );
  assert.is(
    formatProgress({ done: 1, total: 61, elapsedMs: 1_000 }, 'rows'),
    '[------------------------]    1%  1/61 rows  1/s  1m00s left',
  );
});

format('no count makes it throw, and the bar keeps its width', () => {
  const samples = [
    { done: 150, total: 100, elapsedMs: 10 },
    { done: 5, total: 0, elapsedMs: 10 },
    { done: 0, total: 0, elapsedMs: 0 },
    { done: -3, total: 10, elapsedMs: 10 },
    { done: 3, total: -10, elapsedMs: -5 },
    { done: Number.NaN, total: 10, elapsedMs: 10 },
    { done: Number.POSITIVE_INFINITY, total: 10, elapsedMs: 10 },
    { done: 3, total: Number.NaN, elapsedMs: Number.NaN },
  ];
  for (const sample of samples) {
    const line = formatProgress(sample, 'rows');
    const bar = BAR.exec(line);
    assert.ok(bar, `${JSON.stringify(sample)}: ${line}`);
    assert.is((bar[1] ?? '').length + (bar[2] ?? '').length, 24, line);
    assert.not.match(line, /NaN|Infinity|-\d/, line);
  }
  assert.match(formatProgress({ done: 150, total: 100, elapsedMs: 10 }, 'rows'), /^\[#{24}\] {2}100% {2}150\/100 rows/);
});

const bar = suite('ProgressBar');

bar('on a terminal: redrawn in place with its label, at most every 100 ms but always for the last step, then the line ends', () => {
  const out = terminal(true);
  let now = 0;
  const progress = new ProgressBar(out.stream, { unit: 'rows', label: 'importing', now: () => now });
  now = 1_000;
  progress.update(1, 4);
  now = 1_050;
  progress.update(2, 4); // too soon: skipped
  now = 1_200;
  progress.update(3, 4);
  now = 1_210;
  progress.update(4, 4); // the last step: drawn however soon
  progress.finish();
  const draws = out
    .text()
    .split('\r')
    .filter((part) => part !== '');
  assert.equal(
    draws.map((draw) => draw.replaceAll('\u001b[K', '')),
    [
      'importing  [######------------------]   25%  1/4 rows  1/s  3s left',
      'importing  [##################------]   75%  3/4 rows  3/s  1s left',
      'importing  [########################]  100%  4/4 rows  3/s  0s left\n',
    ],
  );
});

bar('past the total, a total of 0 and a negative count draw a bar and do not throw', () => {
  const out = terminal(true);
  const progress = new ProgressBar(out.stream, { unit: 'rows', now: () => 0 });
  progress.update(7, 5);
  progress.update(3, 0);
  progress.update(-1, 5);
  progress.finish();
  assert.match(out.text(), /^\r\[#{24}\] {2}100% {2}7\/5 rows/);
  assert.ok(out.text().endsWith('\n'));
});

bar('anywhere but a terminal it writes nothing, not even the end of line', () => {
  for (const isTTY of [false, undefined]) {
    const out = terminal(isTTY);
    const progress = new ProgressBar(out.stream, { unit: 'events' });
    assert.is(progress.enabled, false);
    progress.update(1, 2);
    progress.update(9, 2);
    progress.finish();
    assert.is(out.text(), '');
  }
});

format.run();
bar.run();
