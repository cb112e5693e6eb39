// buildReports with its effects swapped (BuildEffects): a printer and a CSV pass that record what
// the build asks of them, around the real staging and the real CSV pass. Checks the order of the
// stages as the build starts, feeds and awaits them, and the abort order when the PDF fails.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReports, defaultBuildEffects, type BuildEffects } from '../src/build.ts';
import { loadConfig } from '../src/config/load.ts';
import { makeClock } from '../src/periods.ts';
import { ReportError, EXIT } from '../src/errors.ts';
import { CsvPass } from '../src/output/csv-pass.ts';
import type { Printer } from '../src/output/print.ts';
import type { Logger } from '../src/log.ts';
import type { OutputFormat } from '../src/types.ts';
import { weeklyConfig, weeklyCsv } from './helpers/archive.ts';
import { tempDir } from './helpers/tmp.ts';

const FORMATS: OutputFormat[] = ['html', 'pdf', 'json', 'csv'];

/** Effects that log every call into `events`; `finish` decides how the PDF stage ends. */
function recording(events: string[], finish: () => Promise<void>): BuildEffects {
  const log: Logger = {
    info: () => {},
    warn: () => {},
    stage: (name, run) => {
      events.push(`stage:${name}`);
      return run({ total: () => {}, tick: () => {} });
    },
  };
  const real = defaultBuildEffects(log, {});
  const printer: Printer = {
    failure: null,
    start: () => (events.push('printer.start'), null),
    add: (job) => void events.push(`print ${job.model.report.id}`),
    finish: async () => {
      events.push('printer.finish');
      await finish();
      return { unavailable: null, warnings: [] };
    },
    abort: async () => void events.push('printer.abort'),
    close: async () => void events.push('printer.close'),
  };
  return {
    log,
    printer: () => printer,
    csvPass: (job) => {
      events.push(`csv.create (${job.targets.length} files)`);
      const pass = new CsvPass(job);
      return {
        start: () => (events.push('csv.start'), pass.start()),
        get done() {
          events.push('csv.done');
          return pass.done;
        },
        abort: () => (events.push('csv.abort'), pass.abort()),
      };
    },
    snapshots: {
      stage: (dir, opts) => (events.push(`stage ${dir.split('/').slice(-2, -1)[0]}`), real.snapshots.stage(dir, opts)),
    },
  };
}

async function fixture() {
  const dir = await tempDir('svr-effects-');
  await writeFile(join(dir, 'videos.csv'), weeklyCsv());
  await writeFile(join(dir, 'report.config.yaml'), weeklyConfig());
  const config = await loadConfig({ configPath: 'report.config.yaml', cwd: dir });
  config.output.dir = join(dir, config.output.dir);
  const opts = {
    config, formats: FORMATS, clock: makeClock({ asOf: '2025-12-15', now: 0, timezone: 'UTC' }),
    tool: { name: 'svreport', version: 'test' }, inputDisplayPath: 'videos.csv', cwd: dir,
  };
  return { dir, opts };
}

const b = suite('buildReports (effects swapped)');

b('stages in order: browser first, the CSV pass waits for the first HTML, awaited after the PDF, before the commit', async () => {
  const { dir, opts } = await fixture();
  const events: string[] = [];
  const result = await buildReports(opts, recording(events, async () => {}));
  assert.equal(events, [
    'printer.start', // 0. the browser boots while the data is read
    'stage:read',
    'stage:derive',
    'stage all', // 4. both folders staged
    'stage tiktok',
    'csv.create (2 files)', // 5. one pass for both reports (a small file: it waits)
    'stage:reports',
    'print all', // 6. the first HTML goes to the browser, then the pass may begin
    'csv.start',
    'print tiktok',
    'csv.start',
    'stage:pdf', // 7. what is left to print, then the browser goes
    'printer.finish',
    'printer.close',
    'csv.start', // (no report made HTML: a no-op here)
    'csv.done', // awaited before the manifests
    'stage:index', // 9.
    'printer.close',
  ]);
  assert.equal(result.reports.map((r) => r.id), ['all', 'tiktok']);
  // the real pass wrote the file and the manifest lists it: week 2 (2025-12-08..14) has 2 videos
  const csv = await readFile(join(dir, 'out/all/2025-W50/filtered.csv'), 'utf8');
  assert.is(csv.trimEnd().split('\n').length, 1 + 2);
  const manifest = JSON.parse(await readFile(join(dir, 'out/all/2025-W50/manifest.json'), 'utf8'));
  assert.ok(JSON.stringify(manifest).includes('filtered.csv'));
});

b('a failed PDF stage: the CSV pass is aborted, then the prints, and no folder is left behind', async () => {
  const { dir, opts } = await fixture();
  const events: string[] = [];
  const err = await buildReports(opts, recording(events, async () => {
    throw new ReportError(EXIT.render, 'Report "all": the PDF has 1 page(s), fewer than its 6 sections.');
  })).then(() => null, (e) => e);
  assert.instance(err, ReportError);
  assert.is(err.exitCode, EXIT.render);
  assert.is(err.message, 'Report "all": the PDF has 1 page(s), fewer than its 6 sections. No snapshot was written or replaced.');
  assert.equal(events.slice(events.indexOf('printer.finish')), ['printer.finish', 'csv.abort', 'printer.abort', 'printer.close']);
  assert.not.ok(events.includes('csv.done'), 'the commit was never reached');
  // the staged folders are gone and nothing was committed: each report's folder is empty
  for (const id of ['all', 'tiktok']) assert.equal(await readdir(join(dir, 'out', id)), [], id);
});

b.run();
