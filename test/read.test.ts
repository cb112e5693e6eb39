import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDataset, type ReadOptions } from '../src/data/read.ts';
import { ReportError } from '../src/errors.ts';
import type { Dataset } from '../src/types.ts';
import { tempDir } from './helpers/tmp.ts';
import { readOptions } from './helpers/read.ts';

let dir = '';
async function file(name: string, content: string | Uint8Array): Promise<string> {
  if (!dir) dir = await tempDir('svreport-read-');
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const opts = readOptions;

const text = (ds: Dataset, concept: 'title' | 'creator' | 'platform' | 'category' | 'country', row: number) => {
  const c = ds.text[concept]!;
  return c.codes[row] < 0 ? null : c.values[c.codes[row]];
};

async function refused(path: string, pattern: RegExp, over: Partial<ReadOptions> = {}): Promise<void> {
  try {
    await readDataset(opts(path, over));
    assert.unreachable('should have been refused');
  } catch (err) {
    if (!(err instanceof ReportError)) throw err;
    assert.is(err.exitCode, 3, err.message);
    assert.match(err.message, pattern);
  }
}

// ---
const basic = suite('readDataset: CSV forms');
basic('quoted fields with commas, doubled quotes and newlines; mapping; numbers', async () => {
  const path = await file('basic.csv', 'title,creator,views,likes,publish_date\n"Hello, ""world""",ann,1000,50,2025-02-14\n"two\nlines",bob,"18,400",,2025-02-15T10:30:00Z\n');
  const ds = await readDataset(opts(path));
  assert.is(ds.rows, 2);
  assert.is(ds.source.rowsRead, 2);
  assert.is(text(ds, 'title', 0), 'Hello, "world"');
  assert.is(text(ds, 'title', 1), 'two\nlines');
  assert.equal(Array.from(ds.num.views!), [1000, 18400]);
  assert.ok(Number.isNaN(ds.num.likes![1]), 'empty likes is missing');
  assert.is(ds.columns.views!.how, 'exact');
  assert.is(ds.source.delimiter, ',');
  // 2025-02-14 = 20133 days after 1970-01-01 (Date.UTC(2025,1,14)/864e5)
  assert.is(ds.day![0], 20133);
  assert.is(ds.minuteOfDay![0], -1);
  assert.is(ds.minuteOfDay![1], 10 * 60 + 30);
  assert.equal(Array.from(ds.recordNo), [1, 2]);
});
basic('BOM, semicolons, human numbers, a Total row, ragged rows counted by reason, bad cells missing and counted', async () => {
  const csv = [
    'Video title;Total views;Likes;Post time',
    'Total;5000000;;',
    'Café;"1.2K";12%;2025-01-02',
    'b;3.4M;10;2025-01-03',
    'ragged;1;2',
    'c;abc;1;2025-01-04',
    'd;10;1;not a date',
    'e;0:45;5;2025-01-05',
  ].join('\r\n');
  const path = await file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
  const ds = await readDataset(opts(path));
  assert.is(ds.source.delimiter, ';');
  assert.is(ds.source.bom, true);
  assert.is(ds.source.rowsRead, 7);
  // SPEC 2: `abc` (views) and `not a date` are missing cells of rows that are kept
  assert.is(ds.rows, 5);
  assert.equal(ds.source.rowsDropped, { ragged: 1, summaryRow: 1 });
  assert.equal(Array.from(ds.num.views!), [1200, 3400000, NaN, 10, 45]);
  assert.is(text(ds, 'title', 0), 'Café');
  assert.equal(ds.source.missing, { 'Total views': 1, 'Post time': 1 });
  assert.is(ds.source.unreadable, undefined);
  assert.ok(Number.isNaN(ds.day![3]), 'the date that cannot be read is missing');
  assert.is(ds.rows + Object.values(ds.source.rowsDropped).reduce((a, b) => a + b, 0), ds.source.rowsRead);
});
basic('every summary label (any case, spaces, a colon) is dropped; a platform or title that starts alike is kept', async () => {
  const labels = ['Total', 'TOTALS:', ' Grand total', 'grand totals', 'Sum', 'Summe', 'Total général', 'total general', 'Gesamt', 'Insgesamt:', 'GESAMTSUMME'];
  const kept = ['TikTok', 'Sunday vlog', 'Totally', 'Instagram', 'Game', 'Stats'];
  const rows = [...labels.map((l) => `"${l}",100,`), ...kept.map((k, i) => `"${k}",${i + 1},2025-01-0${i + 1}`)];
  const ds = await readDataset(opts(await file('labels.csv', ['title,views,date', ...rows].join('\n'))));
  assert.equal(ds.source.rowsDropped, { summaryRow: labels.length });
  assert.equal([...ds.text.title!.codes].map((c) => ds.text.title!.values[c]), kept);
});
basic('creators that differ only in the middle (same length, same ends) keep their own codes, repeats share one', async () => {
  const names = ['@creator_name_aaa_middle_1_suffix_x', '@creator_name_aaa_middle_2_suffix_x', '@creator_name_aaa_middle_3_suffix_x'];
  const rows = Array.from({ length: 30 }, (_, i) => `${names[i % 3]},${i + 1}`);
  const ds = await readDataset(opts(await file('middles.csv', ['author_handle,views', ...rows].join('\n'))));
  assert.equal(ds.text.creator!.values, names);
  assert.equal([...ds.text.creator!.codes], Array.from({ length: 30 }, (_, i) => i % 3));
});
basic('tab and pipe delimiters', async () => {
  const tab = await readDataset(opts(await file('tab.tsv', 'title\tviews\na\t1\nb\t2\n')));
  assert.equal(Array.from(tab.num.views!), [1, 2]);
  const pipe = await readDataset(opts(await file('pipe.csv', 'title|views\na|1\nb|2\n')));
  assert.equal(Array.from(pipe.num.views!), [1, 2]);
});
basic.run();

// ---
const enc = suite('readDataset: encodings');
const sample = 'title,views,creator\nCafé 😀,10,Zoë\nمرحبا,20,हिन्दी\n';
for (const [name, bytes] of [
  ['utf-16le with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')])],
  ['utf-16be with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(sample, 'utf16le').swap16()])],
  ['utf-8 without BOM', Buffer.from(sample)],
] as const) {
  enc(name, async () => {
    const ds = await readDataset(opts(await file(name.replaceAll(' ', '_') + '.csv', bytes)));
    assert.is(ds.rows, 2);
    assert.is(text(ds, 'title', 0), 'Café 😀');
    assert.is(text(ds, 'title', 1), 'مرحبا');
    assert.is(text(ds, 'creator', 1), 'हिन्दी');
    assert.equal(Array.from(ds.num.views!), [10, 20]);
  });
}
enc('Windows-1252 bytes (invalid UTF-8) are decoded as Windows-1252', async () => {
  // 0xE9 = é, 0x80 = € in Windows-1252; neither is valid UTF-8 on its own
  const bytes = Buffer.from([...Buffer.from('title,views\nCaf'), 0xe9, 0x20, 0x80, ...Buffer.from(',5\n')]);
  const ds = await readDataset(opts(await file('cp1252.csv', bytes)));
  assert.is(ds.source.encoding, 'windows-1252');
  assert.is(text(ds, 'title', 0), 'Café €');
});
enc('invalid UTF-8 after the first 64 KiB still falls back to Windows-1252', async () => {
  const head = 'title,views\n' + 'abc,1\n'.repeat(20000);
  const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0x4e, 0xe9, 0x2c, 0x32, 0x0a])]);
  const ds = await readDataset(opts(await file('late1252.csv', bytes)));
  assert.is(ds.source.encoding, 'windows-1252');
  assert.is(text(ds, 'title', 20000), 'Né');
});
enc.run();

// ---
const dates = suite('readDataset: dates');
dates('DD.MM.YYYY order decided from the whole column, including rows before the evidence', async () => {
  // 03.04.2025 alone is ambiguous; 25.04.2025 proves day-first, so the first row is 3 April
  const ds = await readDataset(opts(await file('dmy.csv', 'title,views,date\na,1,03.04.2025\nb,2,25.04.2025\n')));
  assert.is(ds.source.dateOrder, 'DMY');
  assert.is(ds.day![0], Date.UTC(2025, 3, 3) / 864e5);
  assert.is(ds.day![1], Date.UTC(2025, 3, 25) / 864e5);
});
dates('MM/DD/YYYY with evidence in the second part', async () => {
  const ds = await readDataset(opts(await file('mdy.csv', 'title,views,date\na,1,03/04/2025\nb,2,12/31/2025\n')));
  assert.is(ds.source.dateOrder, 'MDY');
  assert.is(ds.day![0], Date.UTC(2025, 2, 4) / 864e5);
});
dates('timestamps convert to the configured zone', async () => {
  // 2025-01-01T02:00Z is 2024-12-31 21:00 in New York (UTC-5)
  const ds = await readDataset(opts(await file('tz.csv', 'title,views,date\na,1,2025-01-01T02:00:00Z\n'), { timezone: 'America/New_York' }));
  assert.is(ds.day![0], Date.UTC(2024, 11, 31) / 864e5);
  assert.is(ds.minuteOfDay![0], 21 * 60);
});
dates.run();

// ---
const headers = suite('readDataset: awkward headers');
headers('duplicate headers and a __proto__ column are harmless', async () => {
  const ds = await readDataset(opts(await file('dup.csv', '__proto__,views,views,title\nx,1,2,a\n')));
  assert.is(ds.rows, 1);
  assert.is(ds.num.views![0], 1, 'the first views column wins');
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is(ds.source.header[0], '__proto__');
});
headers('columns: overrides detection', async () => {
  const ds = await readDataset(opts(await file('ovr.csv', 'name,plays,hits\na,1,7\n'), { columns: { views: 'hits' } }));
  assert.is(ds.num.views![0], 7);
  assert.is(ds.columns.views!.how, 'override');
});
headers.run();

// ---
const bad = suite('readDataset: refused inputs (exit 3, one sentence)');
bad('missing file', () => refused('/nonexistent/x.csv', /Input file \/nonexistent\/x\.csv does not exist\./));
bad('empty file', async () => refused(await file('empty.csv', ''), /is empty/));
bad('header only', async () => refused(await file('header.csv', 'title,views\n'), /has a header but no data rows/));
bad('no views column', async () => refused(await file('noviews.csv', 'title,creator\na,b\n'), /has no views column .*columns\.views/));
bad('binary garbage', async () => {
  const junk = Buffer.alloc(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 31;
  await refused(await file('junk.bin', junk), /does not look like a CSV/);
});
bad('every row dropped', async () => refused(await file('allbad.csv', 'title,views\na,1,2\nb,2,3\n'), /no usable rows: all 2 were dropped \(2 ragged\)/));
bad('a views column without numbers is not a views column', async () => refused(await file('textviews.csv', 'title,views\na,xx\nb,yy\n'), /has no views column/));
bad('an unterminated quote near the end names the row', async () => refused(await file('unterminated-small.csv', 'title,views\na,1\n"oops,1\nx,1\n'), /quoted field that starts in data row 2 is never closed/));
bad('a 30 MB line fails fast naming the row', async () => {
  const big = Buffer.alloc(30 * 1024 * 1024, 0x61);
  await refused(await file('huge.csv', Buffer.concat([Buffer.from('title,views\nok,1\n'), big, Buffer.from(',2\n')])), /data row 2 is longer than 1 MiB/);
});
bad('an unterminated quote followed by 100k rows fails fast', async () => {
  const rows = 'x,1\n'.repeat(300_000); // 1.2 MB: past the 1 MiB cap of these tests
  await refused(await file('unterminated.csv', 'title,views\n"oops,1\n' + rows), /data row 1 is longer than 1 MiB \(an unterminated quote\?\)/);
});
bad.run();
