// End to end: the real CLI on the bundled sample (data/sample.csv) writes every format, and
// what it wrote is checked as a reader would: the PDF's pages and text, the HTML's safety,
// metrics.json against the contract and figures recomputed here by a plain independent loop.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseString } from 'fast-csv';
import { tempDir } from './helpers/tmp.ts';

const run = promisify(execFile);
const ROOT = resolve('.'); // npm test runs from the project root
const BIN = join(ROOT, 'bin/svreport.js');
let hasPdfTools = false;

let out = '';
let stderr = '';
const e2e = suite('svreport build on the bundled sample');

e2e.before(async () => {
  hasPdfTools = await run('pdftotext', ['-v']).then(() => true, () => false);
  const dir = await tempDir('svreport-e2e-');
  await writeFile(join(dir, 'report.config.yaml'), (await readFile(join(ROOT, 'report.config.yaml'), 'utf8')).replace('path: data/sample.csv', `path: ${join(ROOT, 'data/sample.csv')}`));
  const r = await run('node', [BIN, 'build', '--out', join(dir, 'out')], { cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: '1756684800' }, timeout: 180_000 });
  stderr = r.stderr;
  out = join(dir, 'out', 'report');
});

e2e('writes every file of a report, and the archive index', async () => {
  assert.equal((await readdir(out)).sort(), ['filtered.csv', 'manifest.json', 'metrics.json', 'report.html', 'report.pdf']);
  assert.match(stderr, /svreport: read .* 3,000 usable row\(s\) of 3,000/);
  const index = await readFile(join(out, '..', 'index.html'), 'utf8');
  assert.match(index, /href="report\/report\.html"/);
});

e2e('metrics.json: the SPEC section 5 keys, fractions, no NaN', async () => {
  const text = await readFile(join(out, 'metrics.json'), 'utf8');
  assert.not.match(text, /NaN|Infinity/);
  const m = JSON.parse(text);
  for (const key of ['schemaVersion', 'generator', 'generatedAt', 'report', 'input', 'columns', 'scope', 'overview', 'growth', 'creators', 'content', 'virality', 'segments', 'explorer', 'insights', 'period', 'comparison']) {
    assert.ok(key in m, key);
  }
  assert.is(m.generatedAt, '2025-09-01T00:00:00Z'); // SOURCE_DATE_EPOCH 1756684800
  assert.is(m.input.rowsRead, 3000);
  assert.ok(m.overview.medianEngagementRate > 0 && m.overview.medianEngagementRate < 1, 'a fraction');
  for (const k of ['videos', 'totalViews', 'averageViews', 'medianViews', 'p90Views', 'medianEngagementRate', 'p90EngagementRate', 'medianDurationSec', 'highViralPotentialShare', 'platforms', 'tiers', 'viralPotential']) {
    assert.ok(k in m.overview, `overview.${k}`);
  }
  assert.ok(m.growth.series.length >= 2 && m.growth.byHour.length === 24 && m.growth.byWeekday.length === 7);
  assert.ok(m.creators.top.length === 15 && m.content.hashtags.length > 0 && m.virality.top.length > 0);
  assert.is(m.segments.length, 5);
  assert.ok(Object.keys(m.explorer.describe).includes('views'));
  assert.ok(m.insights.length >= 5);
});

e2e('headline figures agree with an independent recomputation from filtered.csv', async () => {
  const m = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8'));
  const rows: Record<string, string>[] = [];
  await new Promise<void>((res, rej) =>
    parseString(readFileSync(join(out, 'filtered.csv'), 'utf8'), { headers: true })
      .on('data', (r) => rows.push(r))
      .on('end', () => res())
      .on('error', rej),
  );
  assert.is(rows.length, m.overview.videos);
  // plain loop, no shared code: total views, and the median engagement rate by sorting
  let total = 0;
  const rates: number[] = [];
  for (const r of rows) {
    const v = Number(r.views);
    total += v || 0;
    if (v > 0) rates.push(Math.min(((Number(r.likes) || 0) + (Number(r.comments) || 0) + (Number(r.shares) || 0)) / v, 10));
  }
  rates.sort((a, b) => a - b);
  const h = (rates.length - 1) * 0.5;
  const median = rates[Math.floor(h)] + (h - Math.floor(h)) * (rates[Math.ceil(h)] - rates[Math.floor(h)]);
  assert.is(m.overview.totalViews, total);
  assert.ok(Math.abs(m.overview.medianEngagementRate - median) < 1e-15);
});

e2e('report.html is self-contained and has every section', async () => {
  const html = await readFile(join(out, 'report.html'), 'utf8');
  assert.ok(html.length < 3 * 1024 * 1024, `${html.length} bytes`);
  assert.not.match(html, /<script/i);
  assert.not.match(html, /(?:src|href)\s*=\s*["']?(?:https?:|file:|\/\/)/i);
  assert.match(html, /^<!doctype html>\s*<html[^>]*>\s*<head>\s*<meta http-equiv="Content-Security-Policy"/i);
  for (const t of ['Overview', 'Growth &amp; timing', 'Creators &amp; content', 'Virality lab', 'Segment comparison', 'Data explorer', 'How these numbers are computed', 'Key findings']) {
    assert.ok(html.includes(t), t);
  }
  assert.ok((html.match(/<svg/g) ?? []).length >= 15, 'charts as inline SVG');
});

e2e('report.pdf: pages, section titles, header and footer, non-Latin titles', async () => {
  if (!hasPdfTools) return console.log('skipped: poppler-utils not installed');
  const pdf = join(out, 'report.pdf');
  const info = (await run('pdfinfo', [pdf])).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  assert.ok(pages >= 6, `${pages} pages`);
  const text = (await run('pdftotext', ['-layout', pdf, '-'], { maxBuffer: 64 << 20 })).stdout;
  for (const t of ['Overview', 'Growth & timing', 'Creators & content', 'Virality lab', 'Segment comparison', 'Data explorer', 'Key findings']) {
    assert.ok(text.includes(t), t);
  }
  assert.ok(text.includes(`page 1 of ${pages}`) && text.includes(`page ${pages} of ${pages}`), 'footer');
  assert.ok(text.split('\f').filter((p) => p.includes('Short-video performance report')).length >= pages, 'header on every page');
  // the sample's candidates include titles in these scripts (see src/sample/generate.ts)
  const m = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8'));
  const nonLatin = (m.virality.top as { title: string }[]).map((c) => c.title).find((t) => /[\u0600-\u06ff\u0900-\u097f\u4e00-\u9fff\u0e00-\u0e7f]/.test(t ?? ''));
  assert.ok(nonLatin, 'the sample has a non-Latin candidate title');
  const word = nonLatin!.split(/\s+/).find((w) => /[\u0600-\u06ff\u0900-\u097f\u4e00-\u9fff\u0e00-\u0e7f]/.test(w))!;
  assert.ok(text.replace(/\s+/g, '').includes(word.replace(/\s+/g, '')) || text.includes(word), `PDF text has ${word}`);
});

e2e('manifest.json lists every file with its sha256', async () => {
  const man = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
  assert.equal(man.files.map((f: { name: string }) => f.name), ['filtered.csv', 'metrics.json', 'report.html', 'report.pdf']);
  assert.match(man.input.sha256, /^[0-9a-f]{64}$/);
  // filtered.csv is hashed while it is written: the manifest must match the bytes on disk
  for (const f of man.files as { name: string; bytes: number; sha256: string }[]) {
    const bytes = readFileSync(join(out, f.name));
    assert.is(f.bytes, bytes.length, f.name);
    assert.is(f.sha256, createHash('sha256').update(bytes).digest('hex'), f.name);
  }
  assert.match(man.configHash, /^[0-9a-f]{64}$/);
});

e2e.run();
