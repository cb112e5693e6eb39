// End to end: the real CLI (`node bin/svreport.js`) as a child process, in a temp folder, on
// small fixture CSVs written here, for the weekly-CI contract: batches, periods, comparison,
// snapshots that survive failed or interrupted runs, reproducible bytes, --json and exit codes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile, cp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/log.ts';
import { currentDoc, DOC_PATH } from '../scripts/config-doc.ts';
import { tempDir } from './helpers/tmp.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const BIN = join(ROOT, 'bin/svreport.js');
const SDE = '1767225600'; // 2026-01-01T00:00:00Z

// Nine videos around the turn of 2025/2026. With timezone America/Los_Angeles and --as-of
// 2026-01-01 (a Thursday), last-week is 2025-W52 (Mon 12-22 .. Sun 12-28, local days):
//   in W52: Late Sunday (UTC 12-29, local 12-28), Early Monday (UTC 08:30 = local 00:30 12-22),
//           Christmas, Eve                      -> views 400 300 200 100
//   in W51: Late Sunday before (UTC 12-22 07:30 = local 12-21), Monday before -> views 300 100
//   outside: New year week (local 12-29), Two weeks before (12-14), New year (01-01)
const VIDEOS = `title,creator,platform,country,category,publish_date,views,likes,comments,shares,duration_sec
Late Sunday,alice,TikTok,US,Music,2025-12-28T23:30:00-08:00,400,40,0,0,30
Early Monday,bob,YouTube,GB,Gaming,2025-12-22T08:30:00Z,300,30,0,0,45
Christmas,carol,TikTok,US,Music,2025-12-25,200,20,0,0,20
Eve,dave,YouTube,US,Comedy,2025-12-24,100,10,0,0,15
Late Sunday before,carol,TikTok,GB,Music,2025-12-22T07:30:00Z,300,15,0,0,30
Monday before,alice,YouTube,US,Music,2025-12-15,100,5,0,0,60
New year week,erin,TikTok,US,Gaming,2025-12-29T09:00:00Z,5000,500,0,0,30
Two weeks before,erin,TikTok,US,Gaming,2025-12-14,7000,700,0,0,30
New year,frank,YouTube,GB,Comedy,2026-01-01,9000,900,0,0,30
`;

const WEEKLY = `title: Weekly fixture
input: { path: videos.csv }
timezone: America/Los_Angeles
period: last-week
compare: previous
sections: { creators: { top: 2 } }
output: { dir: "out/{report}/{period}", formats: [html, json, csv] }
`;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function svreport(cwd: string, args: string[], env: Record<string, string> = {}, onStart?: (child: ReturnType<typeof spawn>, err: () => string) => void): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, SOURCE_DATE_EPOCH: SDE, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
    onStart?.(child, () => stderr);
  });
}

async function workspace(files: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir('svreport-cli-');
  await writeFile(join(dir, 'videos.csv'), VIDEOS);
  await writeFile(join(dir, 'report.config.yaml'), WEEKLY);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const json = async (path: string) => JSON.parse(await readFile(path, 'utf8'));
const csvTitles = async (path: string) => (await readFile(path, 'utf8')).trim().split('\n').slice(1).map((l) => l.split(',')[0]);

/** Every file under `dir` (relative path -> bytes), hidden ones included. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      const path = join(e.parentPath, e.name);
      out.set(path.slice(dir.length + 1), await readFile(path));
    }
  }
  return out;
}

const close = (a: number, b: number | null, what: string) => assert.ok(b !== null && Math.abs(a - b) < 1e-12, `${what}: ${b} != ${a}`);

// ---
const periods = suite('build: periods');
periods('last-week with --as-of in a non-UTC zone selects exactly ISO week 2025-W52 of local days', async () => {
  const dir = await workspace();
  const r = await svreport(dir, ['build', '--as-of', '2026-01-01']);
  assert.is(r.code, 0, r.stderr);
  const out = join(dir, 'out/report/2025-W52');
  assert.equal(await csvTitles(join(out, 'filtered.csv')), ['Late Sunday', 'Early Monday', 'Christmas', 'Eve']);
  const m = await json(join(out, 'metrics.json'));
  assert.equal(m.period, { from: '2025-12-22', to: '2025-12-28', label: '2025-W52' });
  assert.equal(m.comparison.period, { from: '2025-12-15', to: '2025-12-21', label: '2025-W51' });
  assert.is(m.generatedAt, '2026-01-01T00:00:00Z');
});
periods('the same run in UTC puts the near-midnight videos in other weeks', async () => {
  const dir = await workspace();
  const r = await svreport(dir, ['build', '--as-of', '2026-01-01', '--set', 'timezone=UTC', '--format', 'csv,json']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(await csvTitles(join(dir, 'out/report/2025-W52/filtered.csv')), ['Early Monday', 'Christmas', 'Eve', 'Late Sunday before']);
});
periods('{period} of `all` is the data span as a safe folder name; {date} is the run date', async () => {
  const dir = await workspace();
  const r = await svreport(dir, ['build', '--set', 'period=all', '--set', 'output.dir=out/{period}/{date}', '--as-of', '2026-01-02', '--format', 'json', '--json']);
  assert.is(r.code, 0, r.stderr);
  // local days in Los Angeles: 2025-12-14 .. 2026-01-01
  const expected = join(dir, 'out/2025-12-14-2026-01-01/2026-01-02');
  assert.ok(existsSync(join(expected, 'metrics.json')), await readdir(join(dir, 'out')).then(String));
  assert.is(JSON.parse(r.stdout).reports[0].period, '2025-12-14 – 2026-01-01');
});
periods.run();

// ---
const comparison = suite('build: compare previous');
comparison('KPI changes, worked out by hand, in metrics.json, the --json summary and the KPI cards', async () => {
  const dir = await workspace();
  const r = await svreport(dir, ['build', '--as-of', '2026-01-01', '--json']);
  assert.is(r.code, 0, r.stderr);
  const m = await json(join(dir, 'out/report/2025-W52/metrics.json'));
  // W52 views 400 300 200 100, engagement 10% each; W51 views 300 100, engagement 5% each
  const c = m.comparison.changes;
  assert.equal(c.videos, { absolute: 2, percent: 1 }); // 4 vs 2
  assert.equal(c.totalViews, { absolute: 600, percent: 1.5 }); // 1000 vs 400
  assert.equal(c.averageViews, { absolute: 50, percent: 0.25 }); // 250 vs 200
  assert.equal(c.medianViews, { absolute: 50, percent: 0.25 }); // 250 vs 200
  // type-7 p90: 300 + 0.7*100 = 370 vs 100 + 0.9*200 = 280
  close(90, c.p90Views.absolute, 'p90Views');
  close(90 / 280, c.p90Views.percent, 'p90Views %');
  close(0.05, c.medianEngagementRate.absolute, 'medianEngagementRate');
  close(1, c.medianEngagementRate.percent, 'medianEngagementRate %');
  assert.equal(c.medianDurationSec, { absolute: -20, percent: -20 / 45 }); // 25 s vs 45 s
  assert.is(m.comparison.overview.totalViews, 400);
  // leaderboard top 2: now alice 400, bob 300; before carol 300, alice 100
  assert.equal(m.creators.movement, { entered: ['bob'], left: ['carol'] });

  const summary = JSON.parse(r.stdout);
  assert.is(summary.ok, true);
  assert.is(summary.reports[0].comparison.period, '2025-W51');
  assert.equal(summary.reports[0].comparison.changes.totalViews, { absolute: 600, percent: 1.5 });
  assert.equal(summary.reports[0].kpis.totalViews, 1000);

  const html = await readFile(join(dir, 'out/report/2025-W52/report.html'), 'utf8');
  assert.match(html, /\+600 <span class="pct">\(\+150\.0%\)<\/span>/);
  assert.match(html, /New in the top list/);
});
comparison.run();

// ---
const batch = suite('build: batch');
batch('three reports and a splitBy are built in one run from one read', async () => {
  const dir = await workspace({
    'batch.yaml': `title: Batch
input: { path: videos.csv }
timezone: UTC
splitBy: platform
reports:
  - { id: all, title: Everything }
  - { id: tiktok, title: TikTok only, filters: { platform: [TikTok] } }
  - { id: us, title: US, filters: { country: [US] }, sections: { creators: { top: 1 } } }
output: { dir: "out/{report}", formats: [html, json, csv] }
`,
  });
  const r = await svreport(dir, ['build', '--config', 'batch.yaml', '--json']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr.match(/svreport: read /g)?.length, 1, 'one read of the input');
  const ids = JSON.parse(r.stdout).reports.map((x: { id: string }) => x.id);
  // TikTok has 5 videos, YouTube 4; tiktok keeps only its own platform
  assert.equal(ids, ['all-TikTok', 'all-YouTube', 'tiktok-TikTok', 'us-TikTok', 'us-YouTube']);
  assert.equal((await readdir(join(dir, 'out'))).sort(), ['all-TikTok', 'all-YouTube', 'index.html', 'tiktok-TikTok', 'us-TikTok', 'us-YouTube']);
  const us = await json(join(dir, 'out/us-YouTube/metrics.json'));
  assert.equal(us.report, { id: 'us-YouTube', title: 'US: YouTube' });
  assert.is(us.overview.videos, 2); // Eve, Monday before
  assert.is(us.creators.top.length, 1, 'the report overrides sections');
  assert.equal(await csvTitles(join(dir, 'out/all-YouTube/filtered.csv')), ['Early Monday', 'Eve', 'Monday before', 'New year']);
  const index = await readFile(join(dir, 'out/index.html'), 'utf8');
  for (const id of ids) assert.ok(index.includes(`href="${id}/report.html"`), id);

  const capped = await svreport(dir, ['build', '--config', 'batch.yaml', '--set', 'maxReports=1', '--format', 'json', '--out', 'capped', '--json']);
  assert.is(capped.code, 0, capped.stderr);
  assert.equal(JSON.parse(capped.stdout).reports.map((x: { id: string }) => x.id), ['all-TikTok', 'tiktok-TikTok', 'us-TikTok']);
});
batch.run();

// ---
const snapshots = suite('build: snapshots');
snapshots('two runs with SOURCE_DATE_EPOCH are byte-identical, index.html included', async () => {
  const dir = await workspace();
  const first = await svreport(dir, ['build', '--as-of', '2026-01-01', '--format', 'html,json,csv']);
  assert.is(first.code, 0, first.stderr);
  const a = await tree(join(dir, 'out'));
  assert.equal([...a.keys()].sort(), ['index.html', ...['filtered.csv', 'manifest.json', 'metrics.json', 'report.html'].map((f) => `report/2025-W52/${f}`)]);
  await cp(join(dir, 'out'), join(dir, 'elsewhere'), { recursive: true });
  await rm(join(dir, 'out'), { recursive: true });
  const second = await svreport(dir, ['build', '--as-of', '2026-01-01', '--format', 'html,json,csv']);
  assert.is(second.code, 0, second.stderr);
  const b = await tree(join(dir, 'out'));
  for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name)!), `${name} differs between runs`);
  // and a rebuild over an existing snapshot gives the same bytes again
  const third = await svreport(dir, ['build', '--as-of', '2026-01-01', '--format', 'html,json,csv']);
  assert.is(third.code, 0, third.stderr);
  const c = await tree(join(dir, 'out'));
  assert.equal([...c.keys()].sort(), [...a.keys()].sort());
  for (const [name, bytes] of a) assert.ok(bytes.equals(c.get(name)!), `${name} differs after a rebuild`);
  const manifest = JSON.parse(a.get('report/2025-W52/manifest.json')!.toString());
  assert.is(manifest.generatedAt, '2026-01-01T00:00:00Z');
  assert.equal(manifest.files.map((f: { name: string }) => f.name), ['filtered.csv', 'metrics.json', 'report.html']);
  assert.match(manifest.configHash, /^[0-9a-f]{64}$/);
  assert.match(manifest.input.sha256, /^[0-9a-f]{64}$/);
});
snapshots('two PDF runs with SOURCE_DATE_EPOCH have the same text and page images', async () => {
  if (!existsSync('/usr/bin/chromium') || !existsSync('/usr/bin/pdftoppm')) return; // needs a browser and poppler
  const dir = await workspace();
  const pages: Buffer[][] = [];
  for (const out of ['p1', 'p2']) {
    const r = await svreport(dir, ['build', '--as-of', '2026-01-01', '--format', 'pdf', '--out', out]);
    assert.is(r.code, 0, r.stderr);
    const pdf = join(dir, out, 'report/2025-W52/report.pdf');
    execFileSync('pdftoppm', ['-r', '24', '-png', pdf, join(dir, out, 'page')]);
    const pngs = (await readdir(join(dir, out))).filter((f) => f.endsWith('.png')).sort();
    pages.push([Buffer.from(execFileSync('pdftotext', [pdf, '-'])), ...(await Promise.all(pngs.map((f) => readFile(join(dir, out, f)))))]);
  }
  assert.ok(pages[0].length > 6, 'text and at least six pages');
  assert.is(pages[0].length, pages[1].length);
  pages[0].forEach((b, i) => assert.ok(b.equals(pages[1][i]), i === 0 ? 'the text differs' : `page ${i} differs`));
});
snapshots("a PDF run writes the same filtered.csv and manifest whether the CSV pass starts at once or after the first report's HTML", async () => {
  if (!existsSync('/usr/bin/chromium') && !process.env.PUPPETEER_EXECUTABLE_PATH) return; // needs a browser
  const dir = await workspace();
  const runs: Map<string, Buffer>[] = [];
  for (const [out, maxBytes] of [['after-html', '1000000000'], ['at-once', '0']]) {
    const r = await svreport(dir, ['build', '--as-of', '2026-01-01', '--format', 'pdf,csv', '--out', out], { SVREPORT_CSV_AFTER_HTML_MAX_BYTES: maxBytes });
    assert.is(r.code, 0, r.stderr);
    runs.push(await tree(join(dir, out)));
  }
  const [later, now] = runs;
  const csv = 'report/2025-W52/filtered.csv';
  assert.ok(later.get(csv)!.toString().trim().split('\n').length > 3, 'a header and rows');
  assert.ok(later.get(csv)!.equals(now.get(csv)!), 'filtered.csv differs');
  // the manifests, but for the PDF's own bytes (Chromium's PDF differs from print to print)
  const manifest = (files: Map<string, Buffer>) => {
    const m = JSON.parse(files.get('report/2025-W52/manifest.json')!.toString());
    m.files = m.files.filter((f: { name: string }) => f.name !== 'report.pdf');
    return m;
  };
  assert.equal(manifest(later), manifest(now));
  assert.equal(manifest(now).files.map((f: { name: string }) => f.name), ['filtered.csv']);
});
snapshots('a failed build (no browser for the PDF) leaves the earlier snapshot and index untouched', async () => {
  const dir = await workspace();
  const first = await svreport(dir, ['build', '--as-of', '2026-01-01']);
  assert.is(first.code, 0, first.stderr);
  const before = await tree(join(dir, 'out'));
  const failed = await svreport(dir, ['build', '--as-of', '2026-01-01', '--format', 'html,json,csv,pdf', '--json'], {
    SOURCE_DATE_EPOCH: '1767312000', // a later run: every file would differ
    PUPPETEER_EXECUTABLE_PATH: '/bin/false',
  });
  assert.is(failed.code, 4, failed.stderr);
  assert.match(failed.stderr, /svreport: error: .*browser/i);
  assert.is(JSON.parse(failed.stdout).exitCode, 4);
  const after = await tree(join(dir, 'out'));
  assert.equal([...after.keys()].sort(), [...before.keys()].sort(), 'no .partial-* file or folder is left');
  for (const [name, bytes] of before) assert.ok(bytes.equals(after.get(name)!), `${name} changed`);
});
snapshots('SIGTERM during the PDF stage: exit 143, browser gone, earlier snapshot intact', async () => {
  if (!existsSync('/usr/bin/chromium') && !process.env.PUPPETEER_EXECUTABLE_PATH) return; // needs a browser
  const dir = await workspace();
  const first = await svreport(dir, ['build', '--as-of', '2026-01-01']);
  assert.is(first.code, 0, first.stderr);
  const before = await tree(join(dir, 'out'));
  const privateTmp = join(dir, 'tmp'); // the browser profile goes here: its processes are ours to find
  await mkdir(privateTmp);
  const running = (pattern: string) => {
    try {
      return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim() !== '';
    } catch {
      return false;
    }
  };
  let sawBrowser = false;
  let group = ''; // the browser's process group: its helpers (renderers) carry no profile path
  const r = await svreport(dir, ['build', '--as-of', '2026-01-01', '--format', 'html,json,csv,pdf'], { SOURCE_DATE_EPOCH: '1767312000', TMPDIR: privateTmp }, (child, err) => {
    // the reports stage is over (the report went to the browser, whose profile lies in our
    // private TMPDIR): the PDF stage is under way, stop the run in the middle of it
    const poll = setInterval(() => {
      if (!/^svreport: reports /m.test(err()) || !running(privateTmp)) return;
      const pid = execFileSync('pgrep', ['-f', privateTmp], { encoding: 'utf8' }).trim().split('\n')[0];
      group = execFileSync('ps', ['-o', 'pgid=', '-p', pid], { encoding: 'utf8' }).trim();
      sawBrowser = true;
      clearInterval(poll);
      child.kill('SIGTERM');
    }, 10);
    child.on('close', () => clearInterval(poll));
  });
  assert.ok(sawBrowser, `the browser never started: ${r.stderr}`);
  assert.is(r.code, 143, r.stderr);
  assert.match(r.stderr, /interrupted by SIGTERM/);
  assert.not.match(r.stderr, /svreport: pdf /, 'stopped before the PDF stage ended');
  await new Promise((ok) => setTimeout(ok, 300));
  assert.not.ok(running(privateTmp), 'no browser process is left');
  // still running: exited helpers that the init process has not reaped yet (Z) do not count
  const inGroup = (() => {
    try {
      const pids = execFileSync('pgrep', ['-g', group], { encoding: 'utf8' }).split('\n').filter(Boolean);
      return pids.filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
        } catch {
          return false; // gone meanwhile
        }
      });
    } catch {
      return []; // pgrep found none
    }
  })();
  assert.equal(inGroup, [], `nor any helper of it (process group ${group})`);
  assert.equal((await readdir(privateTmp)).filter((f) => f.startsWith('svreport-')), [], 'the browser profile is removed');
  const after = await tree(join(dir, 'out'));
  assert.equal([...after.keys()].sort(), [...before.keys()].sort(), 'no .partial-* folder is left');
  for (const [name, bytes] of before) assert.ok(bytes.equals(after.get(name)!), `${name} changed`);
});
snapshots('index.html lists every snapshot under the output root, newest first', async () => {
  const dir = await workspace();
  assert.is((await svreport(dir, ['build', '--as-of', '2025-12-24', '--format', 'html'], { SOURCE_DATE_EPOCH: '1766534400' })).code, 0);
  assert.is((await svreport(dir, ['build', '--as-of', '2026-01-01', '--format', 'html'])).code, 0);
  const index = await readFile(join(dir, 'out/index.html'), 'utf8');
  const w52 = index.indexOf('report/2025-W52/report.html');
  const w51 = index.indexOf('report/2025-W51/report.html');
  assert.ok(w52 > 0 && w51 > w52, 'the newer week comes first');
  assert.match(index, /2 snapshot\(s\), newest first\. Updated /);
  assert.not.match(index, /<script|https?:/);
});
snapshots.run();

// ---
const cli = suite('cli: exit codes, --json, --quiet, init');
cli('--quiet prints nothing on success; the progress log has no terminal codes in a pipe', async () => {
  const dir = await workspace();
  const quiet = await svreport(dir, ['build', '--as-of', '2026-01-01', '--format', 'json', '--quiet']);
  assert.is(quiet.code, 0);
  assert.is(quiet.stderr + quiet.stdout, '');
  const loud = await svreport(dir, ['build', '--as-of', '2026-01-01', '--format', 'json']);
  assert.match(loud.stderr, /svreport: read +\d+\.\d\d s 9 usable row\(s\) of 9/);
  assert.match(loud.stderr, /svreport: done in/);
  assert.not.match(loud.stderr, /\r|\x1b\[/);
  assert.is(loud.stdout, '');
});
cli('errors are one sentence with the right exit code, and --json is still one JSON document', async () => {
  const dir = await workspace({ 'typo.yaml': 'input: { path: videos.csv }\ntimezon: UTC\n' });
  const typo = await svreport(dir, ['build', '--config', 'typo.yaml', '--json']);
  assert.is(typo.code, 2);
  assert.match(typo.stderr, /timezon/);
  assert.match(typo.stderr, /did you mean .*timezone/i);
  assert.not.match(typo.stderr, /\n\s+at /, 'no stack trace');
  const parsed = JSON.parse(typo.stdout);
  assert.is(parsed.ok, false);
  assert.is(parsed.exitCode, 2);

  const missing = await svreport(dir, ['build', '--input', 'nope.csv', '--json']);
  assert.is(missing.code, 3);
  assert.match(missing.stderr, /nope\.csv does not exist/);
  assert.is(JSON.parse(missing.stdout).exitCode, 3);

  const usage = await svreport(dir, ['build', '--format', 'docx']);
  assert.is(usage.code, 2);
  assert.match(usage.stderr, /--format/);
  const asOf = await svreport(dir, ['build', '--as-of', '2026-02-30']);
  assert.is(asOf.code, 2);
  assert.match(asOf.stderr, /--as-of/);
  // yargs' part of a message is English like the rest, whatever the locale
  // (run from the bundle, which has no yargs locale files, and from the sources, which have)
  for (const noBundle of ['0', '1']) {
    const german = await svreport(dir, ['build', '--verbose'], { LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', SVREPORT_NO_BUNDLE: noBundle });
    assert.is(german.code, 2);
    assert.is(german.stderr.trim(), 'svreport: error: Unknown argument: verbose (see svreport --help)');
  }
});
cli('init writes a commented starter config that refers to the schema and validates', async () => {
  const dir = await tempDir('svreport-cli-');
  const r = await svreport(dir, ['init', 'site']);
  assert.is(r.code, 0, r.stderr);
  const text = await readFile(join(dir, 'site/report.config.yaml'), 'utf8');
  assert.match(text, /^# yaml-language-server: \$schema=/);
  assert.is((await svreport(dir, ['init', 'site'])).code, 2, 'an existing file is not overwritten');
  await writeFile(join(dir, 'site/videos.csv'), VIDEOS);
  const v = await svreport(join(dir, 'site'), ['validate', '--input', 'videos.csv', '--json']);
  assert.is(v.code, 0, v.stderr);
  assert.is(JSON.parse(v.stdout).input.rowsUsable, 9);
});
cli.run();

// ---
const log = suite('createLogger');
log('on a terminal a \\r bar shows the stage and its steps, and is cleared before each line', async () => {
  const lines: string[] = [];
  let screen = '';
  let t = 0;
  const logger = createLogger({ quiet: false, write: (l) => lines.push(l), now: () => (t += 250), tty: { write: (s) => (screen += s), columns: 80 }, tickMs: 5 });
  await logger.stage('html', async (p) => {
    p.total(4);
    p.tick();
    p.tick();
    logger.info('halfway');
    await new Promise((ok) => setTimeout(ok, 20));
  });
  assert.match(screen, /\rsvreport: html +\[#{6}-{18}\] 1\/4/);
  assert.match(screen, /\[#{12}-{12}\] 2\/4/);
  assert.ok(screen.endsWith('\r\x1b[K'), 'the bar is cleared at the end of the stage');
  assert.is(lines[0], 'svreport: halfway');
  assert.match(lines[1], /^svreport: html +\d+\.\d\d s$/);
});
log('no bar without a terminal or with --quiet', async () => {
  let screen = '';
  const lines: string[] = [];
  const quiet = createLogger({ quiet: true, write: (l) => lines.push(l), now: () => 0, tty: { write: (s) => (screen += s) }, tickMs: 1 });
  await quiet.stage('read', async (p) => (p.total(2), p.tick(), new Promise((ok) => setTimeout(ok, 10))));
  const plain = createLogger({ quiet: false, write: (l) => lines.push(l), now: () => 0 });
  await plain.stage('read', async (p) => (p.total(2), p.tick()), () => '2 rows');
  assert.is(screen, '');
  assert.equal(lines, ['svreport: read       0.00 s 2 rows']);
});
log.run();

// ---
const docs = suite('docs/config.md');
docs('is generated from config/report.schema.json and up to date', async () => {
  const committed = await readFile(DOC_PATH, 'utf8').catch(() => '');
  assert.ok(committed === currentDoc(), 'docs/config.md is stale: run `node --import tsx scripts/config-doc.ts`');
  for (const key of ['input.path', 'period', 'compare', 'reports[].filters', 'splitBy', 'maxReports', 'output.dir', 'sections.segments[].by']) {
    assert.ok(committed.includes(`| \`${key}\` |`), key);
  }
});
docs.run();
