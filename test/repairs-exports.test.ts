// Broken exports repaired (SPEC 2, issue 22), each counted in DatasetSource.repairs: records
// wrapped whole in one pair of quotes, title lines above the header, a time of day in the hour
// column, a time-of-day column joined with a date-only column. Through both readers and the
// two-thread read.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sniffDelimiter } from '../src/data/decode.ts';
import { locateHeader } from '../src/data/repairs.ts';
import type { Dataset } from '../src/types.ts';
import { csvFile, list, readBoth, readSplit, texts } from './helpers/repairs.ts';

const NONE = { unwrappedRecords: 0, skippedTitleLines: 0, hourFromTimeOfDay: 0, timeJoined: 0 };
// Days since 1970-01-01: 2025-01-01 is 20089 (Date.UTC(2025, 0, 1) / 864e5).
const D = 20089;

/** Byte offset of each line of `text` (0 = the first line). */
function lineOffsets(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) out.push(Buffer.byteLength(text.slice(0, i + 1)));
  return out;
}

// ---
const unwrap = suite('repairs: records wrapped whole in quotes');

const WRAPPED = [
  'title,creator,views,likes',
  'a,ann,100,10', // 1
  '"b,bob,""200"",20"', // 2 wrapped, inner quotes doubled: b | bob | 200 | 20
  '"c,""Hello, world"",300,30"', // 3 wrapped, a quoted cell with a comma inside: c | Hello, world | 300 | 30
  '"d,dan,400"', // 4 wrapped, but 3 fields: stays ragged
  '"just a note"', // 5 one field, no delimiter: ragged
  'e,eve,500,50', // 6
].join('\n');

function checkWrapped(ds: Dataset, who: string): void {
  assert.is(ds.source.rowsRead, 6, who);
  assert.is(ds.rows, 4, who);
  assert.equal(ds.source.rowsDropped, { ragged: 2 }, who);
  assert.equal(texts(ds, 'title'), ['a', 'b', 'c', 'e'], who);
  assert.equal(texts(ds, 'creator'), ['ann', 'bob', 'Hello, world', 'eve'], who);
  assert.equal(list(ds.num.views), [100, 200, 300, 500], who);
  assert.equal(list(ds.num.likes), [10, 20, 30, 50], who);
  assert.equal(list(ds.recordNo), [1, 2, 3, 6], who);
  assert.equal(ds.source.repairs, { ...NONE, unwrappedRecords: 2 }, who);
}

unwrap('a record wrapped whole is unwrapped when that gives the header\'s field count; counted', async () => {
  const path = await csvFile(WRAPPED + '\n');
  const [fast, reference] = await readBoth(path);
  checkWrapped(fast, 'fast');
  checkWrapped(reference, 'reference');
});

unwrap('every tenth record wrapped: all kept, the same through the two-thread read', async () => {
  // 2,000 records, record i wrapped when i % 10 == 0 (200 of them); views i: the total is
  // 1 + 2 + ... + 2000 = 2,001,000 whichever way a record was written
  const lines = ['title,creator,views,likes'];
  for (let i = 1; i <= 2000; i++) {
    const rec = `video ${i},"creator, ""${i % 5}""",${i},${i % 9}`;
    lines.push(i % 10 === 0 ? `"${rec.replaceAll('"', '""')}"` : rec);
  }
  const text = lines.join('\n') + '\n';
  const path = await csvFile(text);
  const at = lineOffsets(text);
  const all = [...(await readBoth(path)), await readSplit(path, at[1000]), await readSplit(path, at[1001])];
  for (const ds of all) {
    assert.is(ds.rows, 2000);
    assert.equal(ds.source.rowsDropped, {});
    assert.is(list(ds.num.views).reduce((a, b) => a + b, 0), 2_001_000);
    assert.equal(ds.source.repairs, { ...NONE, unwrappedRecords: 200 });
    assert.is(texts(ds, 'creator')[9], 'creator, "0"', 'record 10 (wrapped): its quoted cell read whole');
    assert.is(texts(ds, 'creator')[1999], 'creator, "0"');
  }
});

unwrap.run();

// ---
const titles = suite('repairs: title lines above the header');

const TITLED = [
  '"November 30 - December 30, 2024"',
  'My channel report',
  '',
  'title,creator,views,publish_date',
  'a,ann,100,2025-01-01',
  'b,bob,200,2025-01-02',
].join('\n');

titles('title lines (and a blank line) above the header are skipped and counted', async () => {
  const path = await csvFile(TITLED + '\n');
  for (const [who, ds] of (await readBoth(path)).map((d, k) => [k ? 'reference' : 'fast', d] as const)) {
    assert.equal(ds.source.header, ['title', 'creator', 'views', 'publish_date'], who);
    assert.is(ds.source.rowsRead, 2, who);
    assert.equal(list(ds.num.views), [100, 200], who);
    assert.equal(list(ds.day), [D, D + 1], who);
    assert.equal(list(ds.recordNo), [1, 2], who);
    // the blank line is no record: two title lines
    assert.equal(ds.source.repairs, { ...NONE, skippedTitleLines: 2 }, who);
  }
});

titles('the delimiter is found below a title line without one', async () => {
  const text = '"Report; November 2024"\ntitle;creator;views\na;ann;1,5\nb;bob;2\n';
  assert.is(sniffDelimiter(text), ';');
  const path = await csvFile(text);
  for (const ds of await readBoth(path)) {
    assert.is(ds.source.delimiter, ';');
    assert.equal(list(ds.num.views), [1.5, 2]);
    assert.is(ds.source.repairs!.skippedTitleLines, 1);
  }
});

titles('a first record that is the header is kept as the header (narrow files, numbers-only rows)', async () => {
  assert.equal(await locateHeader('title,views\na,1\nb,2\n', ','), { at: 0, width: 2 });
  // a one-cell first line above a line of numbers is no title: those are no header
  assert.equal(await locateHeader('note\n1,2,3\n4,5,6\n', ','), { at: 0, width: 1 });
  // a header-like line whose width the next records do not share is no header either
  assert.equal(await locateHeader('Report\ntitle,creator,views\na,b\nc,d\ne,f\n', ','), { at: 0, width: 1 });
  assert.equal(await locateHeader(TITLED + '\n', ','), { at: 2, width: 4 });
});

titles('a title line above a file read by two threads: the split and the row numbers agree', async () => {
  const lines = ['"Videos, last 90 days"', 'title,views,likes'];
  for (let i = 1; i <= 2000; i++) lines.push(`video ${i},${i},${i % 3}`);
  const text = lines.join('\n') + '\n';
  const path = await csvFile(text);
  const at = lineOffsets(text);
  const all = [...(await readBoth(path)), await readSplit(path, at[1001])];
  for (const ds of all) {
    assert.is(ds.rows, 2000);
    assert.is(ds.source.rowsRead, 2000);
    assert.is(ds.recordNo[1999], 2000);
    assert.is(ds.num.views![1999], 2000);
    assert.equal(ds.source.repairs, { ...NONE, skippedTitleLines: 1 });
  }
});

titles.run();

// ---
const times = suite('repairs: times of day');

times('a time of day in the hour column gives its hour, counted; plain hours stay as they are', async () => {
  const text = 'title,views,hour\na,1,08:59:25\nb,2,8:05\nc,3,8:05 PM\nd,4,12:30 AM\ne,5,21\nf,6,\n';
  const path = await csvFile(text);
  for (const ds of await readBoth(path)) {
    assert.equal(list(ds.num.hour), [8, 8, 20, 0, 21, NaN]);
    assert.equal(ds.source.repairs, { ...NONE, hourFromTimeOfDay: 4 });
  }
});

times('a time column joins a date-only column; a date with its own time keeps it', async () => {
  const text = [
    'title,views,date,time',
    'a,1,2025-01-01,08:59:25', // joined: 8 * 60 + 59 = 539
    'b,2,2025-01-02T10:00:00Z,23:00', // its own time: 600
    'c,3,01/02/2025,8:05 PM', // joined: 20 * 60 + 5 = 1205 (slashed: month first, 2 Jan)
    'd,4,2025-01-04,soon', // no time of day: counted as a word
    'e,5,2025-01-05,N/A', // a usual mark: plain missing
    'f,6,,10:00', // no date: nothing to join
  ].join('\n');
  const path = await csvFile(text + '\n');
  for (const ds of await readBoth(path)) {
    assert.is(ds.columns.time?.column, 'time');
    assert.equal(list(ds.minuteOfDay), [539, 600, 1205, -1, -1, -1]);
    assert.equal(list(ds.day), [D, D + 1, D + 1, D + 3, D + 4, NaN]);
    assert.equal(ds.source.repairs, { ...NONE, timeJoined: 2 });
    assert.equal(ds.source.missing, { time: 1 });
  }
});

times('hours and joined times through the two-thread read', async () => {
  // record i: hour column `HH:30` (i % 24), date-only dates and a time column `HH:15` (i % 24)
  const lines = ['title,views,publish_date,time,upload_hour'];
  for (let i = 1; i <= 2000; i++) {
    const h = String(i % 24).padStart(2, '0');
    lines.push(`v${i},${i},2025-01-${String((i % 28) + 1).padStart(2, '0')},${h}:15,${h}:30`);
  }
  const text = lines.join('\n') + '\n';
  const path = await csvFile(text);
  const at = lineOffsets(text);
  for (const ds of [...(await readBoth(path)), await readSplit(path, at[1000])]) {
    assert.equal(ds.source.repairs, { ...NONE, hourFromTimeOfDay: 2000, timeJoined: 2000 });
    assert.is(ds.num.hour![1499], 1500 % 24);
    assert.is(ds.minuteOfDay![1499], (1500 % 24) * 60 + 15);
  }
});

times.run();
