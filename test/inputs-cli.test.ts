// Several inputs through the real CLI (issue 23 items 1 and 3): three weekly TikTok Studio-like
// exports of the same videos, growing, plus new ones. Every figure below is worked out by hand
// from the tables in weeklyExports().
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './helpers/tmp.ts';
import { cli, oneSentence } from './helpers/cli-run.ts';

import { HEADER, WEEKS, link, weeklyExports } from './helpers/weekly.ts';

const VIDEOS = 8;
const TOTAL_VIEWS = 12_500 + 3_400 + 980 + 1_200_000 + 45_000 + 2_100 + 700 + 150; // 1,264,830
const MERGED = 11;
const ORDER = ['tiktok-2025-06-01.csv', 'tiktok-2025-06-08.csv', 'tiktok-2025-06-15.csv'];


const BASE = 'title: Weekly\nperiod: all\noutput:\n  dir: out/{report}\n  formats: [json]\n';
const metrics = async (dir: string, report = 'report') => JSON.parse(await readFile(join(dir, 'out', report, 'metrics.json'), 'utf8'));

const t = suite('several inputs (CLI)');

t('a glob of three weekly exports: every video counted once, from its last export; files listed in export-time order', async () => {
  const dir = await weeklyExports(`input:\n  path: exports/tiktok-*.csv\n${BASE}`);
  const run = await cli(['build', '--json'], dir);
  assert.is(run.code, 0, run.stderr);
  const m = await metrics(dir);
  assert.is(m.overview.videos, VIDEOS);
  assert.is(m.overview.totalViews, TOTAL_VIEWS);
  assert.is(m.input.mergedRows, MERGED);
  assert.is(m.input.rowsRead, 19);
  assert.is(m.input.rowsUsable, VIDEOS);
  assert.is(m.input.rowsDropped.mergedSameId, MERGED);
  assert.is(m.input.path, 'exports/tiktok-*.csv');
  assert.equal(m.input.files.map((f: { path: string }) => f.path), ORDER.map((n) => `exports/${n}`));
  assert.equal(m.input.files.map((f: { exportedAt: string }) => f.exportedAt), ['2025-06-01T00:00:00.000Z', '2025-06-08T00:00:00.000Z', '2025-06-15T00:00:00.000Z']);
  assert.equal(m.input.files.map((f: { exportedAtFrom: string }) => f.exportedAtFrom), ['name', 'name', 'name']);
  assert.equal(m.input.files.map((f: { rowsRead: number; rowsUsable: number }) => [f.rowsRead, f.rowsUsable]), [[5, 5], [7, 7], [7, 7]]);
  assert.is(m.input.files[0].columns.id, 'Video link');
  assert.is(m.input.files[0].columns.views, 'Total views');
  const manifest = JSON.parse(await readFile(join(dir, 'out', 'report', 'manifest.json'), 'utf8'));
  assert.equal(manifest.input.files.map((f: { path: string }) => f.path), ORDER.map((n) => `exports/${n}`));
  // merged rows are no data-quality problem: no "rows cannot be used" finding
  assert.equal(m.insights.filter((i: { kind: string }) => i.kind === 'rows-dropped'), []);
  // the weekly merge is what the user asked for: no warning about it
  assert.equal(JSON.parse(run.stdout).warnings, []);
});

t('files given in another order are still read in export-time order (build and validate)', async () => {
  const dir = await weeklyExports(`input:\n  - exports/tiktok-2025-06-15.csv\n  - exports/tiktok-2025-06-01.csv\n  - exports/tiktok-2025-06-08.csv\n${BASE}`);
  const run = await cli(['build'], dir);
  assert.is(run.code, 0, run.stderr);
  const m = await metrics(dir);
  assert.equal(m.input.files.map((f: { path: string }) => f.path), ORDER.map((n) => `exports/${n}`));
  assert.is(m.overview.totalViews, TOTAL_VIEWS);
  const v = await cli(['validate', '--json'], dir);
  assert.is(v.code, 0, v.stderr);
  const json = JSON.parse(v.stdout);
  assert.equal(json.input.files.map((f: { path: string }) => f.path), ORDER.map((n) => `exports/${n}`));
  assert.is(json.input.mergedRows, MERGED);
  assert.is(json.input.idColumn, 'Video link');
  const text = await cli(['validate'], dir);
  assert.match(text.stdout, /1\. exports\/tiktok-2025-06-01\.csv: 5 read, 5 usable; exported 2025-06-01T00:00:00\.000Z \(from its name\)/);
  assert.match(text.stdout, /3\. exports\/tiktok-2025-06-15\.csv: 7 read/);
  assert.match(text.stdout, /11 row\(s\) merged into a later row of the same video, 8 video row\(s\) left/);
});

t('--input repeated: two weeks joined (the later one wins); another option given twice is a usage error naming it', async () => {
  const dir = await weeklyExports(BASE);
  const run = await cli(['build', '--input', 'exports/tiktok-2025-06-08.csv', '--input', 'exports/tiktok-2025-06-01.csv'], dir);
  assert.is(run.code, 0, run.stderr);
  const m = await metrics(dir);
  // week 2's seven videos: 10.2K + 2.9K + 850 + 1.1M + 41,000 + 1.5K + 700
  assert.is(m.overview.videos, 7);
  assert.is(m.overview.totalViews, 10_200 + 2_900 + 850 + 1_100_000 + 41_000 + 1_500 + 700);
  assert.is(m.input.mergedRows, 5);
  assert.is(m.input.path, 'exports/tiktok-2025-06-08.csv, exports/tiktok-2025-06-01.csv');
  const twice = await cli(['build', '--input', 'exports/tiktok-2025-06-08.csv', '--out', 'a', '--out', 'b'], dir);
  assert.is(twice.code, 2);
  assert.match(oneSentence(twice.stderr), /--out was given more than once/);
});

t('dedupe: none keeps every row', async () => {
  const dir = await weeklyExports(`input:\n  path: exports/*.csv\n  dedupe: none\n${BASE}`);
  const run = await cli(['build'], dir);
  assert.is(run.code, 0, run.stderr);
  const m = await metrics(dir);
  assert.is(m.overview.videos, 19);
  assert.is(m.input.mergedRows, 0);
  assert.is(m.input.rowsDropped.mergedSameId, undefined);
});

t('a pattern that matches nothing: exit 3 naming it', async () => {
  const dir = await weeklyExports(`input:\n  path: exports/youtube-*.csv\n${BASE}`);
  const run = await cli(['build'], dir);
  assert.is(run.code, 3);
  assert.match(oneSentence(run.stderr), /input\.path pattern "exports\/youtube-\*\.csv" matches no file/);
});

t('entries with platform: make splitBy: platform work on exports without a platform column; validate catches the missing one', async () => {
  const dir = await weeklyExports(BASE);
  // a YouTube Studio-like table (its Total row left out), exported the same week
  await writeFile(
    join(dir, 'exports', 'youtube-2025-06-15.csv'),
    'Content,Video title,Video publish time,Views,Likes,Comments added,Shares\nTotal,,,5300,210,12,7\nAbCdEfGh1J2,Short one,"Jun 2, 2025",5000,200,10,6\nZyXwVu9T8s7,Short two,"Jun 9, 2025",300,10,2,1\n',
  );
  const config = `input:\n  - { path: exports/tiktok-*.csv, platform: TikTok }\n  - { path: exports/youtube-*.csv, platform: YouTube }\nsplitBy: platform\n${BASE}`;
  await writeFile(join(dir, 'report.config.yaml'), config);
  const run = await cli(['build', '--json'], dir);
  assert.is(run.code, 0, run.stderr);
  const ids = JSON.parse(run.stdout).reports.map((r: { id: string }) => r.id).sort();
  assert.is(ids.length, 2, run.stdout);
  const byPlatform = await Promise.all(ids.map((id: string) => metrics(dir, id)));
  const views = Object.fromEntries(byPlatform.map((m) => [m.overview.platforms.join(','), [m.overview.videos, m.overview.totalViews]]));
  assert.equal(views, { TikTok: [VIDEOS, TOTAL_VIEWS], YouTube: [2, 5_300] });
  const m = byPlatform[0];
  assert.equal(m.input.files.map((f: { platform: string }) => f.platform), ['TikTok', 'TikTok', 'TikTok', 'YouTube']);

  // without the entries' platform: build and validate stop with the same sentence, exit 2
  await writeFile(join(dir, 'report.config.yaml'), `input: { path: exports/tiktok-*.csv }\nsplitBy: platform\n${BASE}`);
  const b = await cli(['build', '--quiet'], dir);
  const v = await cli(['validate'], dir);
  assert.is(b.code, 2);
  assert.is(v.code, 2);
  assert.is(oneSentence(v.stderr), oneSentence(b.stderr));
  assert.match(oneSentence(v.stderr), /splitBy: platform is set but the input has no platform column/);
});

t('filtered.csv of several files: one header (source_file, then the union by name), each row from its own file', async () => {
  const dir = await weeklyExports(BASE);
  await writeFile(join(dir, 'exports', 'extra-2025-06-20.csv'), 'Total views,Video link,Region\n99,https://example.com/v/9,FR\n');
  await writeFile(join(dir, 'report.config.yaml'), `input:\n  path: [exports/tiktok-2025-06-15.csv, exports/extra-2025-06-20.csv]\n${BASE.replace('[json]', '[json, csv]')}`);
  const run = await cli(['build'], dir);
  assert.is(run.code, 0, run.stderr);
  const lines = (await readFile(join(dir, 'out', 'report', 'filtered.csv'), 'utf8')).trimEnd().split('\n');
  assert.is(lines[0], `source_file,${HEADER},Region`);
  assert.is(lines.length, 1 + 7 + 1);
  assert.is(lines[1], `exports/tiktok-2025-06-15.csv,${WEEKS['tiktok-2025-06-15.csv'][0]},`);
  assert.is(lines[8], 'exports/extra-2025-06-20.csv,,https://example.com/v/9,,99,,,,FR');
});

t('a trending-style file: the same video_id once per day it trended, the last row kept; export time from trending_date', async () => {
  const dir = await tempDir('svr-inputs-');
  const rows = [
    'video_id,trending_date,title,channel_title,publish_time,views,likes',
    'aaaaaaaaaa1,2025-03-01,First,Chan,2025-02-27T10:00:00Z,100,1',
    'bbbbbbbbbb2,2025-03-01,Second,Chan,2025-02-28T10:00:00Z,50,1',
    'aaaaaaaaaa1,2025-03-02,First,Chan,2025-02-27T10:00:00Z,180,2',
    'cccccccccc3,2025-03-02,Third,Other,2025-03-01T10:00:00Z,70,1',
    'aaaaaaaaaa1,2025-03-03,First,Chan,2025-02-27T10:00:00Z,260,3',
    'bbbbbbbbbb2,2025-03-03,Second,Chan,2025-02-28T10:00:00Z,90,1',
  ];
  await writeFile(join(dir, 'trending.csv'), rows.join('\n') + '\n');
  await writeFile(join(dir, 'report.config.yaml'), `input: { path: trending.csv }\n${BASE}`);
  const run = await cli(['build', '--json'], dir);
  assert.is(run.code, 0, run.stderr);
  const m = await metrics(dir);
  assert.is(m.overview.videos, 3);
  assert.is(m.overview.totalViews, 260 + 90 + 70);
  assert.is(m.input.mergedRows, 3);
  assert.is(m.input.files.length, 1);
  assert.is(m.input.files[0].exportedAt, '2025-03-03T00:00:00.000Z');
  assert.is(m.input.files[0].exportedAtFrom, 'column');
  assert.is(m.columns.id, 'video_id');
  assert.is(m.columns.exportedAt, 'trending_date');
});

t('no id column but the same title, creator and date again and again: a warning; one plain file keeps its input block', async () => {
  const dir = await tempDir('svr-inputs-');
  const rows = ['title,creator,publish_date,views'];
  // 12 videos seen twice each: 12 repeats of 24 rows (50 %, at least 10)
  for (let i = 0; i < 12; i++) rows.push(`Clip ${i},maker,2025-04-0${1 + (i % 9)},${100 + i}`, `Clip ${i},maker,2025-04-0${1 + (i % 9)},${200 + i}`);
  await writeFile(join(dir, 'seen.csv'), rows.join('\n') + '\n');
  await writeFile(join(dir, 'report.config.yaml'), `input: { path: seen.csv }\n${BASE}`);
  const run = await cli(['build', '--json'], dir);
  assert.is(run.code, 0, run.stderr);
  const warnings: string[] = JSON.parse(run.stdout).warnings;
  assert.equal(warnings.filter((w) => /^12 row\(s\) repeat the title, creator and publish date of an earlier row and no video id column/.test(w)).length, 1, warnings.join('\n'));
  const m = await metrics(dir);
  assert.is(m.overview.videos, 24);
  assert.equal(Object.keys(m.input), ['path', 'sha256', 'rowsRead', 'rowsUsable', 'rowsDropped']);
  assert.is(m.input.path, 'seen.csv');
});

t.run();
