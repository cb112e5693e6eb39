// Missing and unreadable cells (SPEC 2, issue 22): a number or date cell with no digit
// (`unknown`, `hidden`, `#VALUE!`) is missing and counted as a word, one with digits that cannot
// be read (`12a4`, `2025-02-30`) is missing and counted as unreadable with examples; neither
// drops the row. The same through both readers and the two-thread read.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Dataset } from '../src/types.ts';
import { csvFile, list, readBoth, readSplit, texts } from './helpers/repairs.ts';

const cells = suite('repairs: missing and unreadable cells');

// Days since 1970-01-01: 2025-01-01 is 20089 (Date.UTC(2025, 0, 1) / 864e5).
const D = 20089;

const SMALL = [
  'title,views,likes,publish_date',
  'a,100,10,2025-01-01', // 1
  'b,unknown,5,2025-01-02', // 2 views: a word
  'c,N/A,5,2025-01-03', // 3 views: the usual mark, a plain missing value (not counted)
  'd,12a4,hidden,2025-01-04', // 4 views unreadable, likes a word
  'e,300,#VALUE!,not a date', // 5 likes a word, date a word (no digit)
  'f,400,7,2025-02-30', // 6 date unreadable (digits, no such day)
  'g,-,8,', // 7 plain missing views and date
  'h,1', // 8 ragged: still dropped
  'Total,1000,,', // 9 summary row: still dropped
].join('\n');

function checkSmall(ds: Dataset, who: string): void {
  assert.is(ds.source.rowsRead, 9, who);
  assert.is(ds.rows, 7, `${who}: rows with bad cells are kept`);
  assert.equal(ds.source.rowsDropped, { ragged: 1, summaryRow: 1 }, who);
  assert.equal(texts(ds, 'title'), ['a', 'b', 'c', 'd', 'e', 'f', 'g'], who);
  assert.equal(list(ds.num.views), [100, NaN, NaN, NaN, 300, 400, NaN], who);
  assert.equal(list(ds.num.likes), [10, 5, 5, NaN, NaN, 7, 8], who);
  assert.equal(list(ds.day), [D, D + 1, D + 2, D + 3, NaN, NaN, NaN], who);
  assert.equal(list(ds.recordNo), [1, 2, 3, 4, 5, 6, 7], who);
  // words: views `unknown`; likes `hidden`, `#VALUE!`; date `not a date`
  assert.equal(ds.source.missing, { views: 1, likes: 2, publish_date: 1 }, who);
  assert.equal(
    ds.source.unreadable,
    { views: { cells: 1, examples: ['data row 4: "12a4"'] }, publish_date: { cells: 1, examples: ['data row 6: "2025-02-30"'] } },
    who,
  );
  assert.is(ds.source.repairs, undefined, `${who}: nothing repaired`);
}

cells('a word or an unreadable number or date is a missing cell, counted per column; the row stays', async () => {
  const path = await csvFile(SMALL + '\n');
  const [fast, reference] = await readBoth(path);
  checkSmall(fast, 'fast');
  checkSmall(reference, 'reference');
});

cells('a file without such cells has no missing, unreadable or repairs entry', async () => {
  const path = await csvFile('title,views,publish_date\na,1,2025-01-01\nb,,n/a\n');
  for (const ds of await readBoth(path)) {
    assert.is(ds.rows, 2);
    assert.is(ds.source.missing, undefined);
    assert.is(ds.source.unreadable, undefined);
    assert.is(ds.source.repairs, undefined);
  }
});

// ---
// 2,000 rows, record i (1-based): views `unknown` when i % 50 == 1, `12a4` when i % 50 == 2, the
// date `2025-13-01` when i % 50 == 3: 40 of each (1, 51, ..., 1951 and so on), on both sides of
// a split near the middle.
function bigFile(): { text: string; offsets: number[] } {
  const lines = ['title,views,likes,publish_date'];
  for (let i = 1; i <= 2000; i++) {
    const views = i % 50 === 1 ? 'unknown' : i % 50 === 2 ? '12a4' : String(i * 10);
    const date = i % 50 === 3 ? '2025-13-01' : `2025-01-${String((i % 28) + 1).padStart(2, '0')}`;
    lines.push(`video ${i},${views},${i % 7},${date}`);
  }
  const text = lines.join('\n') + '\n';
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += Buffer.byteLength(l) + 1;
  }
  return { text, offsets };
}

function checkBig(ds: Dataset, who: string): void {
  assert.is(ds.rows, 2000, who);
  assert.equal(ds.source.rowsDropped, {}, who);
  assert.equal(ds.source.missing, { views: 40 }, who);
  assert.equal(
    ds.source.unreadable,
    {
      views: { cells: 40, examples: ['data row 2: "12a4"', 'data row 52: "12a4"', 'data row 102: "12a4"'] },
      publish_date: { cells: 40, examples: ['data row 3: "2025-13-01"', 'data row 53: "2025-13-01"', 'data row 103: "2025-13-01"'] },
    },
    who,
  );
  const views = ds.num.views!;
  assert.ok(Number.isNaN(views[0]) && Number.isNaN(views[1]) && views[2] === 30, who);
  assert.ok(Number.isNaN(views[1950]) && Number.isNaN(views[1951]) && views[1952] === 19530, who);
  assert.ok(Number.isNaN(ds.day![1952]) && ds.day![1953] === D + (1954 % 28), who);
}

cells('the counts and examples are the same through both readers and the two-thread read', async () => {
  const { text, offsets } = bigFile();
  const path = await csvFile(text);
  const [fast, reference] = await readBoth(path);
  checkBig(fast, 'fast');
  checkBig(reference, 'reference');
  // split just before data record 1001 and inside a stretch of the bad cells (records 1001-1003)
  for (const k of [1001, 1002, 1003]) checkBig(await readSplit(path, offsets[k]), `split before record ${k}`);
});

cells.run();
