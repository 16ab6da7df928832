/**
 * `history` walks a long stream page by page (src/audit/history.ts,
 * HISTORY_PAGE): the entries must be those of the stream walked whole, at any
 * page size, and so must the account authorization folds (whose pages the
 * walk reuses when the stream is short enough to keep).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { currentAccount, firstPage, type HistoryEntry, type RecordRef, recordHistory } from '../../src/audit/history.js';
import { ADA, BISTRO, K1, K2, K4, KEVIN, O1, SAM, writeScenario } from '../support/crm-scenario.js';
import { EventWriter } from '../support/event-writer.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

async function collect(entries: AsyncIterable<HistoryEntry>): Promise<HistoryEntry[]> {
  const all: HistoryEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

test('every page size gives the entries and the account of the whole stream', async () => {
  const store = new InMemoryEventStore();
  await writeScenario(new EventWriter(store));
  const refs: RecordRef[] = [
    { kind: 'client', id: KEVIN, clientId: KEVIN },
    { kind: 'client', id: BISTRO, clientId: BISTRO },
    { kind: 'contract', id: K1, clientId: KEVIN },
    { kind: 'contract', id: K2, clientId: KEVIN },
    { kind: 'contract', id: K4, clientId: ADA },
    { kind: 'event', id: O1, clientId: KEVIN },
    { kind: 'user', id: SAM.id },
  ];
  for (const ref of refs) {
    const whole = await collect(recordHistory(store, ref));
    assert.ok(whole.length > 0, `${ref.kind} ${ref.id} has a history`);
    const wholePages = await firstPage(store, ref);
    for (const size of [1, 2, 3, 7]) {
      const pages = await firstPage(store, ref, size);
      assert.equal(await collect(recordHistory(store, ref, pages)), whole, `${ref.kind} ${ref.id}, pages of ${size}`);
      if (pages !== undefined && wholePages !== undefined) {
        assert.is(pages.whole, wholePages.first.length < size, `pages of ${size}: whole only when the stream is shorter`);
        assert.equal(await currentAccount(store, pages), await currentAccount(store, wholePages));
      }
      // Authorization's fold keeps the pages of a short stream for the walk (read once), not of a longer one.
      for (const keep of [0, 4, 10_000]) {
        const kept = await firstPage(store, ref, size, keep);
        if (kept === undefined) continue;
        const length = (await store.readStream(kept.streamId)).length;
        await currentAccount(store, kept);
        assert.is(kept.kept !== undefined, length <= keep, `pages of ${size}, keeping ${keep} of ${length}: kept`);
        assert.equal(await collect(recordHistory(store, ref, kept)), whole, `${ref.kind} ${ref.id}, pages of ${size}, keeping ${keep}`);
      }
    }
  }
});

test.run();
