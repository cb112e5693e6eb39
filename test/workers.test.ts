// src/workers/spawn.ts: a TypeScript module on a worker thread, one answer back, errors intact.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prestartWorker, runWorker } from '../src/workers/spawn.ts';
import { tuningFromEnv } from '../src/tuning.ts';
import { ReportError, EXIT } from '../src/errors.ts';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDataset } from '../src/data/read.ts';
import { csvWaitsForFirstHtml, writeFilteredCsvs } from '../src/output/csv.ts';
import { tempDir } from './helpers/tmp.ts';
import { readOptions } from './helpers/read.ts';
import { rejection } from './helpers/reject.ts';

const ECHO = pathToFileURL(resolve('test/fixtures/workers/echo.ts'));
const w = suite('worker threads');

w('runs a TypeScript module and returns its answer; transferred buffers move, not copy', async () => {
  const numbers = Float64Array.from([1, 2.5, -3]);
  const run = runWorker<{ doubled: number; numbers: Float64Array; received: number }>(ECHO, { n: 21, numbers }, { transfer: [numbers.buffer] });
  const out = await run.result;
  assert.is(out.doubled, 42);
  assert.equal(Array.from(out.numbers), [2, 5, -6]);
  assert.is(out.received, 3);
  assert.is(numbers.length, 0, 'the input buffer was moved to the worker');
  await run.terminate();
});

w('a ReportError thrown in the worker arrives as the same ReportError (exit code, message, details)', async () => {
  const err = await rejection(runWorker(ECHO, { fail: 'report' }).result);
  assert.instance(err, ReportError);
  assert.is((err as ReportError).exitCode, EXIT.input);
  assert.is((err as ReportError).message, 'data row 7 is broken');
  assert.equal((err as ReportError).problems, ['detail one']);
});

w('any other error arrives as an Error with its text', async () => {
  const err = await rejection(runWorker(ECHO, { fail: 'plain' }).result);
  assert.instance(err, Error);
  assert.not.instance(err, ReportError);
  assert.match(String((err as Error).message), /something unexpected/);
});

w('a prestarted worker waits for its input (buffers transferred with it); one never given any is stopped cleanly', async () => {
  const run = prestartWorker<{ doubled: number; numbers: Float64Array; received: number }>(ECHO);
  await new Promise((r) => setTimeout(r, 50)); // it is up and waiting
  const numbers = Float64Array.from([4, -1]);
  run.send({ n: 5, numbers }, [numbers.buffer]);
  const out = await run.result;
  assert.is(out.doubled, 10);
  assert.equal(Array.from(out.numbers), [8, -2]);
  assert.is(numbers.length, 0, 'moved, not copied');
  await run.terminate();

  const idle = prestartWorker(ECHO);
  await idle.terminate();
  const err = await rejection(idle.result);
  assert.match(String((err as Error).message), /exited .* before it answered/);
});
w('SVREPORT_THREADS=1 turns workers off', () => {
  assert.is(tuningFromEnv({ SVREPORT_THREADS: '1' }).threads, false);
  assert.is(tuningFromEnv({}).threads, true);
});

w("filtered.csv from the worker thread is byte-identical to the main thread's, with the same sums", async () => {
  const dir = await tempDir('svreport-workers-');
  const src = join(dir, 'in.csv');
  const rows = ['title,views,author_handle,notes'];
  for (let i = 0; i < 300; i++) rows.push(`"Clip, ${i} 🎬",${i * 10},@maker${i % 7},${i % 5 === 0 ? '=SUM(A1)' : 'ok'}`);
  await writeFile(src, rows.join('\r\n') + '\r\n');
  const ds = await readDataset(readOptions(src));
  const even = Uint32Array.from({ length: ds.rows }, (_, i) => i).filter((i) => i % 2 === 0);
  const all = Uint32Array.from({ length: ds.rows }, (_, i) => i);
  const sums: Record<string, unknown> = {};
  for (const thread of ['main', 'worker'] as const) {
    sums[thread] = await writeFilteredCsvs(ds, [{ path: join(dir, `${thread}-all.csv`), rows: all }, { path: join(dir, `${thread}-even.csv`), rows: even }], 1 << 20, { thread });
  }
  assert.equal(sums.worker, sums.main);
  for (const name of ['all', 'even']) {
    const a = await readFile(join(dir, `main-${name}.csv`));
    const b = await readFile(join(dir, `worker-${name}.csv`));
    assert.ok(a.equals(b), `${name}.csv differs`);
    assert.is((sums.main as { sha256: string }[])[name === 'all' ? 0 : 1].sha256, createHash('sha256').update(a).digest('hex'));
  }
  assert.match((await readFile(join(dir, 'worker-all.csv'), 'utf8')).split('\n')[1], /^"Clip, 0 🎬",0,'@maker0,'=SUM\(A1\)$/);
});

w("filtered.csv waits for the first report's HTML only when a PDF is printed and the source is small", () => {
  const max = 64 << 20;
  assert.ok(csvWaitsForFirstHtml(48e6, ['html', 'pdf', 'json', 'csv'], max), 'the pass runs beside the print');
  assert.ok(csvWaitsForFirstHtml(1000, ['pdf', 'csv'], max));
  assert.not.ok(csvWaitsForFirstHtml(481e6, ['html', 'pdf', 'json', 'csv'], max), 'a large pass starts at once: it outlasts the reports');
  assert.not.ok(csvWaitsForFirstHtml(1000, ['html', 'json', 'csv'], max), 'without a print there is nothing to run beside');
  assert.not.ok(csvWaitsForFirstHtml(max, ['pdf', 'csv'], max));
});

w('filtered.csv over many 1 MiB write buffers holds exactly the kept lines and their sums, on both threads', async () => {
  const dir = await tempDir('svreport-workers-');
  const src = join(dir, 'big.csv');
  // canonical lines (nothing to quote or defuse), so each output is its kept source lines as is
  const lines = Array.from({ length: 80_000 }, (_, i) => `clip number ${i} ${'x'.repeat(i % 120)},${i * 3},maker${i % 13}`);
  await writeFile(src, ['title,views,author_handle', ...lines].join('\n') + '\n');
  const ds = await readDataset(readOptions(src));
  assert.is(ds.rows, 80_000);
  const all = Uint32Array.from({ length: ds.rows }, (_, i) => i);
  const third = all.filter((i) => i % 3 === 0);
  const expected = [lines, lines.filter((_, i) => i % 3 === 0)].map((kept) => Buffer.from(['title,views,author_handle', ...kept].join('\n') + '\n'));
  assert.ok(expected[0].length > 5 * (1 << 20), 'several 1 MiB buffers per file');
  for (const thread of ['main', 'worker'] as const) {
    const paths = [join(dir, `${thread}-all.csv`), join(dir, `${thread}-third.csv`)];
    const sums = await writeFilteredCsvs(ds, [{ path: paths[0], rows: all }, { path: paths[1], rows: third }], 1 << 20, { thread });
    for (let k = 0; k < 2; k++) {
      const got = await readFile(paths[k]);
      assert.ok(got.equals(expected[k]), `${thread} ${paths[k]}`);
      assert.equal(sums[k], { bytes: expected[k].length, sha256: createHash('sha256').update(expected[k]).digest('hex') });
    }
  }
});

w("an aborted signal stops the worker's CSV pass: the promise rejects instead of running to the end", async () => {
  const dir = await tempDir('svreport-workers-');
  const src = join(dir, 'in.csv');
  await writeFile(src, ['title,views', ...Array.from({ length: 2000 }, (_, i) => `t${i},${i}`)].join('\n'));
  const ds = await readDataset(readOptions(src));
  const stop = new AbortController();
  const done = writeFilteredCsvs(ds, [{ path: join(dir, 'out.csv'), rows: Uint32Array.from({ length: ds.rows }, (_, i) => i) }], 1 << 20, { thread: 'worker', signal: stop.signal });
  stop.abort();
  const err = await rejection(done);
  assert.match(String((err as Error).message), /worker thread exited|stopped/);
});

w.run();
