import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collectGarbage, COLLECT_FROM_ROWS } from '../src/memory.ts';

const MB = 1 << 20;
const arrayBuffers = () => process.memoryUsage().arrayBuffers;

/** 48 MB of typed arrays, held long enough to be promoted (as a report's scratch is), then dropped. */
function promotedGarbage(): void {
  const held: Float64Array[] = [];
  for (let i = 0; i < 48; i++) held.push(new Float64Array(MB / 8).fill(1));
  // young-generation collections meanwhile move the held arrays to the old generation, which
  // only a full collection frees
  let junk: unknown = null;
  for (let i = 0; i < 2_000_000; i++) junk = { i, next: junk && i % 64 ? junk : null };
  held.length = 0;
}

test('a small run is left to V8: no collection below COLLECT_FROM_ROWS', () => {
  assert.is(collectGarbage(0), false);
  assert.is(collectGarbage(COLLECT_FROM_ROWS - 1), false);
});

test('a large run collects at once: unreachable typed arrays give their memory back', async () => {
  promotedGarbage();
  const before = arrayBuffers();
  assert.ok(collectGarbage(COLLECT_FROM_ROWS), 'V8 let the process collect');
  // backing stores are freed by a sweeper task after the collection: wait for it (bounded)
  let after = arrayBuffers();
  for (let i = 0; i < 50 && after > before - 40 * MB; i++) {
    await new Promise((r) => setTimeout(r, 20));
    after = arrayBuffers();
  }
  assert.ok(before - after >= 40 * MB, `freed ${((before - after) / MB).toFixed(1)} MB of the 48 MB`);
});

test.run();
