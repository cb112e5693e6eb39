// Issue 23 item 5 through the CLI: a period with no video gives a clear report (each section one
// line naming the period with its dates, no table of dashes, no wrong reason) and a warning in
// --json, exit 0; an input identical to the one of the report's previous snapshot is warned about.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';

/** 30 videos in August 2025 (1 to 30), every column the sections use */
function videos(): string {
  const rows = ['title,creator,platform,views,likes,comments,shares,publish_date,duration_sec,category,hashtags'];
  for (let i = 0; i < 30; i++) rows.push(`V${i},c${i % 3},TikTok,${1000 + 100 * i},${10 + i},${i},${i % 3},2025-08-${String(1 + i).padStart(2, '0')},30,Music,#a #b`);
  return rows.join('\n') + '\n';
}

const EMPTY_LINE = 'No video was published in 2025-W49 (1-7 Dec 2025).';

const empty = suite('empty period');

empty('a week with no video: one line per section, a --json warning, exit 0', async () => {
  const dir = await tempDir('svreport-empty-');
  await writeFile(join(dir, 'videos.csv'), videos());
  await writeFile(join(dir, 'c.yaml'), 'input: { path: videos.csv }\nperiod: { from: 2025-12-01, to: 2025-12-07 }\noutput: { dir: "out/{report}", formats: [html, json] }\n');
  const run = await runCli(['build', '--config', 'c.yaml', '--json'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
  assert.is(run.code, 0, run.stderr);
  const json = JSON.parse(run.stdout);
  assert.equal(json.warnings, [`report "report": ${EMPTY_LINE}`]);
  assert.ok(run.stderr.includes(`warning: report "report": ${EMPTY_LINE}`), run.stderr);
  const html = await readFile(join(dir, 'out/report/report.html'), 'utf8');
  // overview, growth, creators, virality, segments and the explorer's preview: the same line
  assert.is(html.split(EMPTY_LINE).length - 1, 6, 'the line in each section but momentum');
  for (const wrong of ['has a publish date', 'names a creator', 'has a duration', 'No data to draw', 'First 0 rows', 'Numeric summary']) {
    assert.not.ok(html.includes(wrong), `no "${wrong}"`);
  }
  // the explorer still shows what was read (data quality)
  assert.ok(html.includes('Column mapping used'));
  const metrics = JSON.parse(await readFile(join(dir, 'out/report/metrics.json'), 'utf8'));
  assert.is(metrics.overview.videos, 0);
  assert.is(metrics.momentum, null);
});

empty('with filters, the line says the videos that meet them', async () => {
  const dir = await tempDir('svreport-empty-');
  await writeFile(join(dir, 'videos.csv'), videos());
  await writeFile(join(dir, 'c.yaml'), 'input: { path: videos.csv }\nperiod: { from: 2025-12-01, to: 2025-12-07 }\nfilters: { creator: [c1] }\noutput: { dir: "out/{report}", formats: [json] }\n');
  const run = await runCli(['build', '--config', 'c.yaml', '--json'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
  assert.is(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).warnings, ["report \"report\": No video that meets this report's filters was published in 2025-W49 (1-7 Dec 2025)."]);
});

empty.run();

const stale = suite('stale input');

const staleConfig = (from: string, to: string, delivery: boolean) =>
  `input: { path: videos.csv }\nperiod: { from: ${from}, to: ${to} }\noutput: { dir: "out/{report}/{period}", formats: [json] }\n` +
  (delivery ? 'delivery: { email: { to: [growth@example.com], from: "R <r@example.com>", smtp: { host: 127.0.0.1, port: 2525 } } }\n' : '');

stale('the same input as the previous week: a warning; a new export, or the first snapshot: none', async () => {
  const dir = await tempDir('svreport-stale-');
  await writeFile(join(dir, 'videos.csv'), videos());
  const build = async (from: string, to: string, delivery = false) => {
    await writeFile(join(dir, 'c.yaml'), staleConfig(from, to, delivery));
    const run = await runCli(['build', '--config', 'c.yaml', '--json'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
    assert.is(run.code, 0, run.stderr);
    return JSON.parse(run.stdout).warnings as string[];
  };
  assert.equal(await build('2025-08-04', '2025-08-10'), []);
  // built again (same week, input and settings): the same snapshot, not a previous one
  assert.equal(await build('2025-08-04', '2025-08-10'), []);
  // next week from the same file: stale
  assert.equal(await build('2025-08-11', '2025-08-17'), [
    'report "report": the input is identical (sha256) to that of its previous snapshot (2025-W32 (4-10 Aug 2025), generated 2026-01-01T00:00:00Z); it may be stale.',
  ]);
  // a new export for the week after: not stale
  await writeFile(join(dir, 'videos.csv'), videos().replace('V0,', 'V0 new,'));
  assert.equal(await build('2025-08-18', '2025-08-24'), []);
  // the same again, with delivery: the warning names onStale
  const w = await build('2025-08-25', '2025-08-31', true);
  assert.equal(w, [
    'report "report": the input is identical (sha256) to that of its previous snapshot (2025-W34 (18-24 Aug 2025), generated 2026-01-01T00:00:00Z); it may be stale (delivery.email.onStale decides whether it is sent).',
  ]);
});

stale.run();
