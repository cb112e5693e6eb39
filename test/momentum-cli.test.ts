// What each video gained (SPEC 6b) through the real CLI, from the three weekly exports of
// test/helpers/weekly.ts (files 06-01, 06-08, 06-15; links differ week to week but are one video).
// Week 2025-W24 (9-15 Jun): baseline = the 06-08 export (the last at or before the start of the
// 9th), end = the 06-15 export. Gains worked out by hand from the tables:
//   views:    A 12.5K-10.2K = 2,300; B 3,400-2,900 = 500; C 980-850 = 130; D 1.2M-1.1M = 100,000;
//             E 45,000-41,000 = 4,000; F (Q&A) 2,100-1,500 = 600; G (gone after 06-08) 700-700 = 0;
//             H (published 06-12, in the period) 150-0 = 150             -> 107,680
//   likes:    100 + 20 + 10 + 5,000 + 300 + 30 + 0 + 10 = 5,470
//   comments: 5 + 1 + 0 + 100 + 10 + 3 + 0 + 1 = 120
//   shares:   3 + 1 + 1 + 300 + 5 + 1 + 0 + 0 = 311
// The week before (W23, 2-8 Jun: 06-01 -> 06-08): A 2,100, B 900, C 250, D 200,000, E 11,000,
// F 1,500 and G 700 (both published in W23, baseline 0) -> 216,450; by new videos 2,200.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from './helpers/cli-run.ts';
import { weeklyExports } from './helpers/weekly.ts';

const CONFIG = 'title: Weekly\ninput:\n  path: exports/*.csv\nperiod: { from: 2025-06-09, to: 2025-06-15 }\ncompare: previous\noutput:\n  dir: out/{report}\n  formats: [json, html]\n';

const t = suite('momentum (CLI, three weekly exports)');

t('gains in W24 equal the hand-worked differences, with the previous week and the exports used', async () => {
  const dir = await weeklyExports(CONFIG);
  const run = await cli(['build'], dir);
  assert.is(run.code, 0, run.stderr);
  const m = JSON.parse(await readFile(join(dir, 'out', 'report', 'metrics.json'), 'utf8'));
  const mo = m.momentum;
  assert.is(mo.from, '2025-06-09');
  assert.is(mo.to, '2025-06-15');
  assert.equal(mo.exports.map((e: { file: string; exportedAt: string }) => [e.file, e.exportedAt]), [
    ['exports/tiktok-2025-06-08.csv', '2025-06-08T00:00:00.000Z'],
    ['exports/tiktok-2025-06-15.csv', '2025-06-15T00:00:00.000Z'],
  ]);
  assert.equal([mo.gained.views, mo.gained.likes, mo.gained.comments, mo.gained.shares], [107_680, 5_470, 120, 311]);
  assert.equal([mo.gainedByNew.views, mo.gainedByNew.likes, mo.gainedByNew.comments, mo.gainedByNew.shares], [150, 10, 1, 0]);
  assert.is(mo.videos.withoutBaseline, 0);
  assert.equal(mo.top.slice(0, 3).map((v: { title: string; viewsGained: number }) => [v.title, v.viewsGained]), [
    ['Big launch', 100_000], ['Behind the scenes', 4_000], ['Morning routine', 2_300],
  ]);
  assert.is(mo.top[0].id, '730000000000000004'); // the TikTok link reduced to the video's number
  assert.is(mo.previous.gained.views, 216_450);
  assert.is(mo.previous.gainedByNew.views, 2_200);
  // the report shows it: the tab, the figure as printed, the exports with their dates
  const html = await readFile(join(dir, 'out', 'report', 'report.html'), 'utf8');
  assert.match(html, /Momentum/);
  assert.match(html, /107,680|107\.7K/);
  assert.match(html, /tiktok-2025-06-15\.csv/);
});

t('in a time zone east of UTC, files dated Mondays: the Monday export is the end of one week and the start of the next there', async () => {
  const dir = await weeklyExports(CONFIG.replace('compare: previous\n', 'compare: previous\ntimezone: Europe/Berlin\n'));
  // the same exports, made on the Mondays after (a file-name date is the start of that day in the report's zone)
  for (const [from, to] of [['01', '02'], ['08', '09'], ['15', '16']]) await rename(join(dir, 'exports', `tiktok-2025-06-${from}.csv`), join(dir, 'exports', `tiktok-2025-06-${to}.csv`));
  const run = await cli(['build'], dir);
  assert.is(run.code, 0, run.stderr);
  const mo = JSON.parse(await readFile(join(dir, 'out', 'report', 'metrics.json'), 'utf8')).momentum;
  assert.equal(mo.exports.map((e: { file: string; exportedAt: string }) => [e.file, e.exportedAt]), [
    ['exports/tiktok-2025-06-09.csv', '2025-06-08T22:00:00.000Z'],
    ['exports/tiktok-2025-06-16.csv', '2025-06-15T22:00:00.000Z'],
  ]);
  assert.is(mo.gained.views, 107_680);
  assert.is(mo.previous.gained.views, 216_450);
});

t('a single export says in one line what Momentum needs; metrics.json momentum is null', async () => {
  const dir = await weeklyExports(CONFIG.replace('exports/*.csv', 'exports/tiktok-2025-06-15.csv'));
  const run = await cli(['build'], dir);
  assert.is(run.code, 0, run.stderr);
  const m = JSON.parse(await readFile(join(dir, 'out', 'report', 'metrics.json'), 'utf8'));
  assert.is(m.momentum, null);
  const html = await readFile(join(dir, 'out', 'report', 'report.html'), 'utf8');
  assert.match(html, /Momentum needs two or more exports/);
});

t.run();
