// src/data/inputs.ts without the CLI: link normalisation, dates in file names, the id and
// export-time concepts, the history of rows before merging (the contract with Momentum), export
// time from the modification time, files named twice, per-entry platform and columns.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './helpers/tmp.ts';
import { normalizeConfig } from '../src/config/normalize.ts';
import { dateInName, normalizeVideoId, readInputs } from '../src/data/inputs.ts';
import { detectColumns } from '../src/data/columns.ts';
import { ReportError } from '../src/errors.ts';
import { readDataset, type ReadTrace } from '../src/data/read.ts';
import { canonicalJson, configHash } from '../src/output/json.ts';
import { createHash } from 'node:crypto';

const u = suite('ids and names');

u('links reduced to their video: query string, trailing slash, www, and the platforms\' own ids', () => {
  const tiktok = '7300000000000000001';
  for (const link of [
    `https://www.tiktok.com/@brand/video/${tiktok}`,
    `https://www.tiktok.com/@brand/video/${tiktok}/`,
    `https://www.tiktok.com/@brand/video/${tiktok}?is_from_webapp=1&sender_device=pc`,
    `tiktok.com/@brand/video/${tiktok}`,
  ]) assert.is(normalizeVideoId(link), tiktok, link);
  for (const link of ['https://www.youtube.com/watch?v=AbCdEfGh1J2&t=30s', 'https://youtu.be/AbCdEfGh1J2?si=x', 'https://youtube.com/shorts/AbCdEfGh1J2/']) {
    assert.is(normalizeVideoId(link), 'AbCdEfGh1J2', link);
  }
  assert.is(normalizeVideoId('https://www.instagram.com/reel/C1a2B3c4D5e/?igsh=abc'), 'C1a2B3c4D5e');
  assert.is(normalizeVideoId('https://www.instagram.com/p/C1a2B3c4D5e/'), 'C1a2B3c4D5e');
  // another site: host and path, no query string (but the keys that name the content)
  assert.is(normalizeVideoId('https://Example.com/videos/42/?utm_source=x#top'), 'example.com/videos/42');
  assert.is(normalizeVideoId('https://www.facebook.com/watch/?v=123&ref=share'), 'facebook.com/watch?v=123');
  assert.not.equal(normalizeVideoId('https://www.facebook.com/watch/?v=123'), normalizeVideoId('https://www.facebook.com/watch/?v=124'));
  // ids as they are
  assert.is(normalizeVideoId(' 7300000000000000001 '), '7300000000000000001');
  assert.is(normalizeVideoId('AbCdEfGh1J2'), 'AbCdEfGh1J2');
});

u('a date in a file name: 2025-06-08, 2025_06_08, 20250608; the last one of a range; nothing else', () => {
  const at = (s: string) => (s === null ? null : Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))));
  assert.is(dateInName('/x/tiktok-2025-06-08.csv'), at('2025-06-08'));
  assert.is(dateInName('/x/export_2025_06_08.csv'), at('2025-06-08'));
  assert.is(dateInName('/x/Content 20250608.xlsx'), at('2025-06-08'));
  assert.is(dateInName('/2024-01-01/videos 2025-06-01_2025-06-07.csv'), at('2025-06-07')); // the name, not the folder
  assert.is(dateInName('/x/videos-2025-13-40.csv'), null);
  assert.is(dateInName('/x/ids-7300000000000000001.csv'), null);
  assert.is(dateInName('/x/2025-0608.csv'), null); // mixed separators
  // in the report's time zone: the start of that day there (Berlin is UTC+2 in June)
  assert.is(dateInName('/x/tiktok-2025-06-08.csv', 'Europe/Berlin'), at('2025-06-08')! - 2 * 3_600_000);
  assert.is(dateInName('/x/tiktok-2025-06-08.csv', 'UTC'), at('2025-06-08'));
  assert.is(dateInName('/x/videos.csv'), null);
});

u('the id concept: ids and links, never a row key nor the id of a channel, author, music or category', () => {
  const map = (header: string[], row: string[]) => detectColumns(header, [row], {}).map;
  assert.is(map(['row_id', 'title', 'views'], ['1', 'a', '5']).id, undefined);
  assert.is(map(['channel_id', 'author_id', 'music_id', 'category_id', 'views'], ['UCx', '1', '2', '3', '5']).id, undefined);
  assert.is(map(['Content', 'Video title', 'Views'], ['AbCdEfGh1J2', 'a', '5']).id?.column, 'Content');
  assert.is(map(['Video title', 'Video link', 'Total views'], ['a', 'https://x/1', '5']).id?.column, 'Video link');
  assert.is(map(['video_id', 'channel_id', 'views'], ['x1', 'UCx', '5']).id?.column, 'video_id');
  assert.is(map(['id', 'authorMeta.id', 'webVideoUrl', 'playCount'], ['1', '2', 'https://x/1', '5']).id?.column, 'id');
  assert.is(map(['thumbnail_link', 'views'], ['https://i/1.jpg', '5']).id, undefined);
  // export times: a scrape or trending date is no publish date
  const t = map(['video_id', 'trending_date', 'publish_time', 'views'], ['x', '2025-03-01', '2025-02-27T10:00:00Z', '5']);
  assert.is(t.exportedAt?.column, 'trending_date');
  assert.is(t.date?.column, 'publish_time');
  assert.is(map(['fetch_time', 'views'], ['2025-03-01 10:00', '5']).exportedAt?.column, 'fetch_time');
});

const r = suite('readInputs');

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('svr-inputs-read-');
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
const configIn = (dir: string, input: unknown) => normalizeConfig({ input }, { configPath: join(dir, 'report.config.yaml'), configDir: dir });
const read = (dir: string, input: unknown) => readInputs(configIn(dir, input), { display: (p) => p.slice(dir.length + 1) });

r('the history keeps every row before merging: file, id and the four counts; the dataset one row per id', async () => {
  const dir = await folder({
    'w-2025-06-08.csv': 'video_id,views,likes\nA,20,2\nB,5,1\n,7,0\n',
    'w-2025-06-01.csv': 'video_id,views,likes\nA,10,1\nC,3,0\n,1,0\n',
  });
  const { dataset: ds, warnings } = await read(dir, { path: 'w-*.csv' });
  assert.equal(warnings, []);
  assert.equal(ds.inputs!.map((f) => f.path), ['w-2025-06-01.csv', 'w-2025-06-08.csv']);
  const h = ds.history!;
  assert.ok(h.files === ds.inputs);
  assert.is(h.rows, 6);
  assert.equal([...h.file], [0, 0, 0, 1, 1, 1]);
  assert.equal([...h.id.codes].map((c) => (c < 0 ? null : h.id.values[c])), ['A', 'C', null, 'A', 'B', null]);
  assert.equal([...h.num.views!], [10, 3, 1, 20, 5, 7]);
  assert.equal([...h.num.likes!], [1, 0, 0, 2, 1, 0]);
  assert.equal(Object.keys(h.num).sort(), ['likes', 'views']);
  // merged: A's first row (week 1); the rows without an id are videos of their own
  assert.is(ds.mergedRows, 1);
  assert.is(ds.rows, 5);
  assert.equal([...ds.num.views!], [3, 1, 20, 5, 7]);
  assert.equal([...ds.fileIndex!], [0, 0, 1, 1, 1]);
  assert.equal([...ds.recordNo], [2, 3, 1, 2, 3]);
  assert.equal([...ds.videoId!.codes].map((c) => (c < 0 ? null : ds.videoId!.values[c])), ['C', null, 'A', 'B', null]);
  assert.is(ds.source.rowsDropped.mergedSameId, 1);
  assert.equal(ds.source.dropExamples.mergedSameId, ['w-2025-06-01.csv data row 1: id "A" again in a later row']);
  assert.equal(ds.inputs!.map((f) => [f.rowsRead, f.rowsUsable]), [[3, 3], [3, 3]]);
});

r('no id column: no history and no merge; one plain file is the reader\'s dataset as it is', async () => {
  const dir = await folder({ 'a.csv': 'title,views\nx,1\nx,2\n' });
  const { dataset: ds, displayPath } = await read(dir, { path: 'a.csv' });
  assert.is(ds.history, undefined);
  assert.is(ds.videoId, undefined);
  assert.is(ds.fileIndex, undefined);
  assert.is(ds.rows, 2);
  assert.is(displayPath, 'a.csv');
  assert.equal(ds.inputs!.map((f) => f.exportedAtFrom), ['mtime']);
});

r('export time from the modification time (a warning with several files), ordering the files', async () => {
  const dir = await folder({ 'b.csv': 'id,views\n1,5\n', 'a.csv': 'id,views\n1,9\n' });
  await utimes(join(dir, 'a.csv'), new Date('2025-06-10T00:00:00Z'), new Date('2025-06-10T00:00:00Z'));
  await utimes(join(dir, 'b.csv'), new Date('2025-06-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z'));
  const { dataset: ds, warnings } = await read(dir, ['a.csv', 'b.csv']);
  assert.equal(ds.inputs!.map((f) => [f.path, f.exportedAt, f.exportedAtFrom]), [
    ['b.csv', '2025-06-01T00:00:00.000Z', 'mtime'],
    ['a.csv', '2025-06-10T00:00:00.000Z', 'mtime'],
  ]);
  assert.equal([...ds.num.views!], [9]); // a.csv is the later export
  assert.is(warnings.filter((w) => /no date in its name .* modification time/.test(w)).length, 2, warnings.join('\n'));
});

r('export time from an export-time column: its latest value', async () => {
  const dir = await folder({ 'scrape.csv': 'video_id,scraped_at,views\nx,2025-05-01T08:00:00Z,1\ny,2025-05-03T09:30:00Z,2\nz,2025-05-02,3\n' });
  const { dataset: ds } = await read(dir, { path: 'scrape.csv' });
  assert.equal(ds.inputs!.map((f) => [f.exportedAt, f.exportedAtFrom]), [['2025-05-03T09:30:00.000Z', 'column']]);
});

r('a file named twice is read once; two files with the same bytes are read, with a warning', async () => {
  const dir = await folder({ 'v-2025-01-01.csv': 'id,views\n1,5\n', 'copy-2025-01-02.csv': 'id,views\n1,5\n' });
  const { dataset: ds, warnings } = await read(dir, ['v-2025-01-01.csv', '*.csv']);
  assert.equal(ds.inputs!.map((f) => f.path), ['v-2025-01-01.csv', 'copy-2025-01-02.csv']);
  assert.equal(warnings, [
    'v-2025-01-01.csv is named twice in the input (by "v-2025-01-01.csv" and "*.csv"); it is read once.',
    'copy-2025-01-02.csv has the same content (sha256) as v-2025-01-01.csv: the same export given twice?',
  ]);
});

r('entries: each file its own columns and platform (filling only rows without one); text joined by concept', async () => {
  const dir = await folder({
    'tt-2025-06-01.csv': 'Plays,Account\n10,brand\n20,other\n',
    'mixed-2025-06-02.csv': 'views,creator,platform\n5,brand,Instagram\n6,brand,\n',
  });
  const { dataset: ds } = await read(dir, [
    { path: 'tt-*.csv', platform: 'TikTok', columns: { views: 'Plays', creator: 'Account' } },
    { path: 'mixed-*.csv', platform: 'YouTube' },
  ]);
  assert.equal([...ds.num.views!], [10, 20, 5, 6]);
  const text = (c: 'platform' | 'creator') => [...ds.text[c]!.codes].map((k) => ds.text[c]!.values[k]);
  assert.equal(text('platform'), ['TikTok', 'TikTok', 'Instagram', 'YouTube']);
  assert.equal(text('creator'), ['brand', 'other', 'brand', 'brand']);
  assert.equal(ds.inputDetails!.map((d) => d.columns), [{ views: 'Plays', creator: 'Account' }, { views: 'views', creator: 'creator', platform: 'platform' }]);
  assert.equal(ds.source.header, ['Plays', 'Account', 'views', 'creator', 'platform']);
  assert.is(ds.source.rowsRead, 4);
});

r('a file whose name reads as a pattern is itself when it exists; a pattern reaches into folders', async () => {
  const dir = await folder({ 'Table data (1).csv': 'views\n4\n' });
  const { dataset: ds } = await read(dir, { path: 'Table data (1).csv' });
  assert.equal(ds.inputs!.map((f) => f.path), ['Table data (1).csv']);
  const deep = await folder({ 'a-2025-01-01.csv': 'views\n1\n' });
  await import('node:fs/promises').then((fs) => fs.mkdir(join(deep, 'sub'))).then(() => writeFile(join(deep, 'sub', 'b-2025-01-02.csv'), 'views\n2\n'));
  const { dataset: both } = await read(deep, { path: '**/*.csv' });
  assert.equal(both.inputs!.map((f) => f.path), ['a-2025-01-01.csv', 'sub/b-2025-01-02.csv']);
  assert.equal([...both.num.views!], [1, 2]);
});

r('`input: <pattern>` alone is the path, as `input: { path: <pattern> }`', async () => {
  const dir = await folder({ 'w-2025-06-08.csv': 'views\n3\n', 'w-2025-06-01.csv': 'views\n1\n' });
  const { dataset: ds } = await read(dir, 'w-*.csv');
  assert.equal(ds.inputs!.map((f) => f.path), ['w-2025-06-01.csv', 'w-2025-06-08.csv']);
  assert.equal([...ds.num.views!], [1, 3]);
});

r('a pattern matching nothing is an input error naming it', async () => {
  const dir = await folder({ 'a.csv': 'views\n1\n' });
  try {
    await read(dir, { path: 'exports/*.csv' });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, ReportError);
    assert.is((err as ReportError).exitCode, 3);
    assert.match((err as ReportError).message, /input\.path pattern "exports\/\*\.csv" matches no file/);
  }
});

r('a file read by two threads keeps its ids and its latest export time from either part', async () => {
  const lines = ['video_id,scraped_at,views'];
  // (past the 1,000 records of the detection sample, so the second thread starts)
  for (let i = 0; i < 4000; i++) lines.push(`v${i % 2500},2025-05-0${1 + Math.floor(i / 1000)}T0${i % 10}:00:00Z,${i}`);
  const dir = await folder({ 'big.csv': lines.join('\n') + '\n' });
  const path = join(dir, 'big.csv');
  const opts = { path, encoding: 'auto', delimiter: 'auto', maxRecordBytes: 1 << 20, columns: {}, dateFormat: 'auto', timezone: 'UTC' } as const;
  const trace: ReadTrace = { merged: false, columnsInPlace: 0 };
  const two = await readDataset({ ...opts, parallelMinBytes: 0, parallelSplitAt: Math.floor((lines.join('\n').length * 2) / 3), trace });
  const one = await readDataset({ ...opts, parallelMinBytes: Infinity });
  assert.ok(trace.merged, 'read by two threads');
  const ids = (ds: typeof one) => [...ds.videoId!.codes].map((c) => ds.videoId!.values[c]);
  assert.equal(ids(two), ids(one));
  assert.is(ids(one)[3999], 'v1499');
  assert.is(two.exportedAtMax, Date.UTC(2025, 4, 4, 9));
  assert.is(one.exportedAtMax, Date.UTC(2025, 4, 4, 9));
});

u('configHash: the same as before for a config without dedupe or entry settings; they change it', () => {
  const ctx = { configPath: null, configDir: '/cfg' };
  const plain = normalizeConfig({ input: { path: 'a.csv' } }, ctx);
  // the formula before several inputs: the input's decoding only
  const { configPath: _p, configDir: _d, input, output, reports: _r, delivery: _dc, ...rest } = plain;
  const { delivery: _rd, locale: _l, ...spec } = plain.reports[0]; // (the default locale is not hashed either)
  const before = createHash('sha256').update(canonicalJson({ ...rest, input: { encoding: input.encoding, delimiter: input.delimiter }, formats: output.formats, report: spec })).digest('hex');
  assert.is(configHash(plain, plain.reports[0]), before);
  const hash = (raw: unknown) => {
    const c = normalizeConfig(raw, ctx);
    return configHash(c, c.reports[0]);
  };
  assert.is(hash({ input: { path: ['a.csv', 'b-*.csv'] } }), before); // where the files are is not a setting of the figures
  assert.not.equal(hash({ input: { path: 'a.csv', dedupe: 'none' } }), before);
  assert.not.equal(hash({ input: [{ path: 'a.csv', platform: 'TikTok' }] }), before);
});

u.run();
r.run();
