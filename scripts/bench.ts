// `npm run bench`: the full build of generated 100k- and 1M-row seed-schema files, stage by stage
// (the CLI's own stage lines), with the process's wall time and peak RSS, rows/s, a batch of 10
// reports against 1, and pandas_peer.py on the same file in the same run when pandas is there.
// Data and results live in .bench/ (gitignored). Nothing here is asserted: it measures.
//
//   npm run bench [-- --sizes 100000,1000000] [--no-pandas] [--no-batch] [--no-one-thread] [--keep-output]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, '.bench');
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (opt('--sizes') ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0);
const PANDAS_PEER = resolve(root, '../shared/bench/pandas_peer.py');
const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';
const MAPPING = {
  views: 'views', likes: 'likes', comments: 'comments', shares: 'shares', duration: 'duration_sec', date: 'publish_date_approx',
  hour: 'upload_hour', platform: 'platform', creator: 'author_handle', title: 'title', category: 'category', country: 'country',
};
const FORMATS = 'html,pdf,json,csv';

interface Run {
  wallS: number;
  peakRssMB: number | null;
  stages: Record<string, number>;
  ok: boolean;
  stderrTail: string;
}

/** Runs a command under /usr/bin/time -v when present: wall time and the peak RSS of the process. */
function timed(cmd: string, argv: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const useTime = existsSync(TIME);
  const t0 = performance.now();
  const r = useTime
    ? spawnSync(TIME, ['-v', cmd, ...argv], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(cmd, argv, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallS = (performance.now() - t0) / 1000;
  const err = r.stderr ?? '';
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  const stages: Record<string, number> = {};
  for (const m of err.matchAll(/^svreport: (\w+)\s+([\d.]+) s/gm)) stages[m[1]] = (stages[m[1]] ?? 0) + Number(m[2]);
  // the reports stage names its parts: "reports 2.40 s 1 report(s): sections 1.50 s, html 0.90 s"
  for (const m of err.matchAll(/^svreport: reports .*: sections ([\d.]+) s, html ([\d.]+) s/gm)) {
    stages.sections = Number(m[1]);
    stages.html = Number(m[2]);
  }
  return { wallS, peakRssMB: rss ? Number(rss[1]) / 1024 : null, stages, ok: r.status === 0, stderrTail: err.split('\n').filter((l) => !/^\s/.test(l)).slice(-6).join('\n') };
}

function dataset(rows: number): string {
  const path = join(benchDir, `seed-${rows}.csv`);
  if (!existsSync(path)) {
    console.log(`generating ${rows.toLocaleString('en-US')} rows -> ${path}`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', String(rows), path, '1'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('the generator failed');
  }
  return path;
}

const baseConfig = readFileSync(join(root, 'report.config.yaml'), 'utf8');

function config(name: string, input: string, reports: number): string {
  let text = baseConfig
    .replace(/^(\s*path:\s*).*$/m, `$1${JSON.stringify(input)}`)
    .replace(/^(\s*dir:\s*).*$/m, `$1${JSON.stringify(join(benchDir, 'out', name, '{report}'))}`);
  if (reports > 1) {
    // the same data, different filters: growing minViews thresholds and platform subsets
    const platforms = [[], ['TikTok'], ['YouTube']];
    text += '\nreports:\n';
    for (let i = 0; i < reports; i++) {
      const p = platforms[i % 3];
      text += `  - id: r${i}\n    filters: { minViews: ${i * 1000}${p.length ? `, platform: [${p.join(', ')}]` : ''} }\n`;
    }
  }
  const path = join(benchDir, `${name}.yaml`);
  writeFileSync(path, text);
  return path;
}

function build(name: string, input: string, reports: number, env: NodeJS.ProcessEnv = {}): Run {
  rmSync(join(benchDir, 'out', name), { recursive: true, force: true });
  const cfg = config(name, input, reports);
  const run = timed(process.execPath, ['bin/svreport.js', 'build', '--config', cfg, '--format', FORMATS], { ...process.env, ...env });
  if (!run.ok) console.error(`svreport failed (${name}):\n${run.stderrTail}`);
  // the reports themselves are not kept: ten filtered.csv of a 1M-row file are gigabytes
  if (!args.includes('--keep-output')) rmSync(join(benchDir, 'out', name), { recursive: true, force: true });
  return run;
}

function pandasAvailable(): boolean {
  if (args.includes('--no-pandas') || !existsSync(PYTHON) || !existsSync(PANDAS_PEER)) return false;
  return spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
}

const fmt = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '-' : v.toFixed(d));

mkdirSync(benchDir, { recursive: true });
const results: Record<string, unknown> = { node: process.version, cpus: (await import('node:os')).cpus().length, at: new Date().toISOString(), sizes: {} };
const withPandas = pandasAvailable();
const STAGES = ['read', 'derive', 'reports', 'sections', 'html', 'pdf', 'csv', 'index'];

// one untimed build of the bundled sample first: the CLI's bundle and its V8 code cache are made
// by the first run after a change to the sources (see bin/bundle.mjs), which the timed runs should not pay
{
  const warm = timed(process.execPath, ['bin/svreport.js', 'build', '-i', 'data/sample.csv', '-o', join(benchDir, 'out', 'warm-up'), '-f', 'html,json', '-q']);
  rmSync(join(benchDir, 'out', 'warm-up'), { recursive: true, force: true });
  if (!warm.ok) console.error(`svreport failed (warm-up):\n${warm.stderrTail}`);
}

for (const rows of sizes) {
  const input = dataset(rows);
  const bytes = statSync(input).size;
  console.log(`\n== ${rows.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(0)} MB ==`);
  const full = build(`full-${rows}`, input, 1);
  const entry: Record<string, unknown> = { rows, csvMB: bytes / 1048576, full };
  const table = [['stage', 'seconds']];
  for (const s of STAGES) if (full.stages[s] !== undefined) table.push([s, fmt(full.stages[s])]);
  table.push(['whole process', fmt(full.wallS)]);
  table.push(['peak RSS (MB)', `${fmt(full.peakRssMB, 0)} (${fmt(full.peakRssMB === null ? null : (full.peakRssMB * 1048576) / bytes)}x the CSV)`]);
  table.push(['rows/s', Math.round(rows / full.wallS).toLocaleString('en-US')]);
  entry.rowsPerSec = rows / full.wallS;
  entry.rssRatio = full.peakRssMB === null ? null : (full.peakRssMB * 1048576) / bytes;

  // the same build on one thread (SVREPORT_THREADS=1): slower, but the least memory
  if (!args.includes('--no-one-thread')) {
    const lean = build(`one-thread-${rows}`, input, 1, { SVREPORT_THREADS: '1' });
    entry.oneThread = { wallS: lean.wallS, peakRssMB: lean.peakRssMB, rssRatio: lean.peakRssMB === null ? null : (lean.peakRssMB * 1048576) / bytes };
    table.push(['SVREPORT_THREADS=1', `${fmt(lean.wallS)} s, ${fmt(lean.peakRssMB, 0)} MB (${fmt(lean.peakRssMB === null ? null : (lean.peakRssMB * 1048576) / bytes)}x the CSV)`]);
  }

  if (withPandas) {
    const mapping = join(benchDir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify(MAPPING));
    const peer = timed(PYTHON, [PANDAS_PEER, input, mapping]);
    entry.pandas = { wallS: peer.wallS, peakRssMB: peer.peakRssMB, ok: peer.ok };
    entry.ratio = full.wallS / peer.wallS;
    table.push(['pandas_peer.py', `${fmt(peer.wallS)} s, ${fmt(peer.peakRssMB, 0)} MB`]);
    table.push(['svreport / pandas', `${fmt(full.wallS / peer.wallS)} (target <= 0.5)`]);
  }
  if (!args.includes('--no-batch')) {
    const one = build(`batch1-${rows}`, input, 1);
    const ten = build(`batch10-${rows}`, input, 10);
    const extra = (ten.wallS - one.wallS) / 9;
    entry.batch = { oneS: one.wallS, tenS: ten.wallS, perExtraReportS: extra, ten };
    table.push(['batch: 1 / 10 reports', `${fmt(one.wallS)} / ${fmt(ten.wallS)} s`]);
    table.push(['each extra report', `${fmt(extra)} s (target < 1)`]);
  }
  const w = Math.max(...table.map((r) => r[0].length));
  for (const [k, v] of table) console.log(`${k.padEnd(w)}  ${v}`);
  (results.sizes as Record<string, unknown>)[String(rows)] = entry;
}

const out = join(benchDir, 'results.json');
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
console.log(`\nresults: ${out}`);
