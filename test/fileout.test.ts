// src/output/fileout.ts: chunked files, with O_DIRECT where the system takes it, hold exactly
// the lines given, and their size and sha256 are those of the bytes on disk.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHUNK_BYTES, directIoWanted, openFiles, type FileSet } from '../src/output/fileout.ts';
import { tempDir } from './helpers/tmp.ts';
import { mulberry32 } from './helpers/random.ts';
import { rejection } from './helpers/reject.ts';

const f = suite('chunked output files');

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Lines of random lengths (0 to ~3 KB, some multi-byte text), plus the ones a test adds. */
function randomLines(seed: number, count: number): string[] {
  const rnd = mulberry32(seed);
  const alphabet = ['a', 'Z', '9', ',', '"', 'é', 'ह', '中', '🙂', ' '];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = rnd() < 0.05 ? 0 : Math.floor(rnd() * rnd() * 3000);
    let s = '';
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    lines.push(s);
  }
  return lines;
}

/**
 * Writes `lines` to file k of `set` by the three ways in turn (bytes of a Buffer, the slab's
 * scratch area, text), waiting when asked to unless `ignoreWaits`.
 */
async function writeLines(set: FileSet, k: number, lines: string[], ignoreWaits = false): Promise<void> {
  const out = set.files[k];
  for (let i = 0; i < lines.length; i++) {
    const b = Buffer.from(lines[i]);
    let wait: Promise<void> | null;
    if (i % 3 === 0) wait = out.bytes(b, 0, b.length);
    else if (i % 3 === 1 && b.length <= set.scratchBytes) {
      b.copy(set.slab, set.scratch);
      wait = out.bytes(set.slab, set.scratch, set.scratch + b.length);
    } else wait = out.line(lines[i]);
    if (wait && !ignoreWaits) await wait;
  }
}

const expected = (lines: string[]) => Buffer.from(lines.map((l) => l + '\n').join(''));

for (const direct of [true, false]) {
  const how = direct ? 'O_DIRECT when offered' : 'through the page cache';
  f(`${how}: every size around the chunk and block edges, bytes and sha256 exact`, async () => {
    const dir = await tempDir('svr-fileout-');
    // sizes: nothing, one byte, a block +- 1, a chunk exactly, a chunk + 1, several chunks
    const cases: string[][] = [
      [],
      [''],
      ['x'.repeat(4094)],
      ['x'.repeat(4095)],
      ['x'.repeat(4096)],
      ['y'.repeat(CHUNK_BYTES - 1)],
      ['y'.repeat(CHUNK_BYTES)],
      randomLines(7, 3000),
    ];
    const paths = cases.map((_, i) => join(dir, `${direct}-${i}.csv`));
    const set = openFiles(paths, { inFlight: 2, direct });
    if (!direct) assert.ok(set.files.every((o) => o.mode === 'cached'));
    else if (directIoWanted()) console.log(`      (modes here: ${[...new Set(set.files.map((o) => o.mode))].join(', ')})`);
    await Promise.all(cases.map((lines, k) => writeLines(set, k, lines)));
    const sums = await Promise.all(set.files.map((o) => o.close()));
    for (let k = 0; k < cases.length; k++) {
      const want = expected(cases[k]);
      const got = await readFile(paths[k]);
      assert.is(got.length, want.length, `case ${k}: size`);
      assert.ok(got.equals(want), `case ${k}: bytes`);
      assert.equal(sums[k], { bytes: want.length, sha256: sha(want) }, `case ${k}: size and sha256`);
    }
  });

  f(`${how}: a line longer than every free chunk, and a caller that never waits`, async () => {
    const dir = await tempDir('svr-fileout-');
    const lines = [...randomLines(11, 500), 'L'.repeat(5 * CHUNK_BYTES + 123), ...randomLines(12, 500)];
    const path = join(dir, 'long.csv');
    const set = openFiles([path], { inFlight: 1, direct });
    await writeLines(set, 0, lines, true);
    const sum = await set.files[0].close();
    const want = expected(lines);
    assert.ok((await readFile(path)).equals(want));
    assert.equal(sum, { bytes: want.length, sha256: sha(want) });
  });
}

f('a write that fails (disk full) fails close(), not silently', async () => {
  if (!existsSync('/dev/full')) return; // Linux only
  const set = openFiles(['/dev/full'], { inFlight: 2 });
  const err = await rejection(
    (async () => {
      for (const l of randomLines(3, 4000)) await set.files[0].line(l);
      await set.files[0].close();
    })(),
  );
  assert.is((err as NodeJS.ErrnoException).code, 'ENOSPC');
});

f('a path that cannot be opened throws its error', async () => {
  const dir = await tempDir('svr-fileout-');
  const err = await rejection(Promise.resolve().then(() => openFiles([join(dir, 'ok.csv'), join(dir, 'missing', 'x.csv')])));
  assert.is((err as NodeJS.ErrnoException).code, 'ENOENT');
});

f.run();
