// Reads a file the three ways the repairs of issue 22 must agree on (the fast scanner, fast-csv
// behind tuning.parser 'reference', and the two-thread read split at a given byte), for the
// test/repairs-*.test.ts files.
import * as assert from 'uvu/assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDataset, type ReadOptions, type ReadTrace } from '../../src/data/read.ts';
import { DEFAULT_TUNING } from '../../src/tuning.ts';
import type { Dataset } from '../../src/types.ts';
import { readOptions } from './read.ts';
import { tempDir } from './tmp.ts';

let dir = '';
let n = 0;

/** Writes `content` to a new file in this process's temp folder. */
export async function csvFile(content: string | Buffer): Promise<string> {
  if (!dir) dir = await tempDir('svreport-repairs-');
  const path = join(dir, `case-${n++}.csv`);
  await writeFile(path, content);
  return path;
}

/** The dataset of both one-thread readers: [fast scanner, fast-csv reference]. */
export async function readBoth(path: string, over: Partial<ReadOptions> = {}): Promise<[Dataset, Dataset]> {
  const one = { ...over, parallelMinBytes: Infinity };
  const fast = await readDataset(readOptions(path, one));
  const reference = await readDataset(readOptions(path, one), { ...DEFAULT_TUNING, parser: 'reference' });
  return [fast, reference];
}

/** The dataset of the two-thread read split at byte `splitAt`; asserts the worker's part was merged. */
export async function readSplit(path: string, splitAt: number, over: Partial<ReadOptions> = {}): Promise<Dataset> {
  const trace: ReadTrace = { merged: false, columnsInPlace: -1 };
  const ds = await readDataset(readOptions(path, { ...over, parallelMinBytes: 0, parallelSplitAt: splitAt, trace }));
  assert.ok(trace.merged, `the read split at ${splitAt} merged a worker's part`);
  return ds;
}

/** A typed array as a plain array, NaN kept (assert.equal compares NaN with NaN). */
export const list = (xs: ArrayLike<number> | undefined): number[] => Array.from(xs ?? []);

/** Text concept values of each row (null when missing). */
export function texts(ds: Dataset, concept: 'title' | 'creator'): (string | null)[] {
  const c = ds.text[concept]!;
  return Array.from(c.codes, (code) => (code < 0 ? null : c.values[code]));
}
