import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, readdir, writeFile, mkdir, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { StagedDir, abortAllSync, trackTempFile, outputRoot, replaceOutputRoot, resolveOutputDir, safeSegment, fileEntry } from '../src/output/snapshot.ts';
import { rename } from 'node:fs/promises';
import { escapeFormula } from '../src/output/csv.ts';
import { ReportError } from '../src/errors.ts';
import { tempDir } from './helpers/tmp.ts';

const tmp = () => tempDir('svreport-snap-');

/** A snapshot folder as svreport writes it: the files and a manifest of ours listing them. */
async function ownSnapshot(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const manifest = {
    generator: { name: 'short-video-report', version: '0' },
    generatedAt: '2026-01-01T00:00:00Z',
    report: { id: 'r', title: 'R' },
    files: Object.keys(files).map((name) => ({ name, bytes: files[name].length, sha256: '' })),
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

// ---
const esc = suite('escapeFormula');
esc('formula starters get a leading quote; numbers and plain text do not', () => {
  assert.is(escapeFormula('=HYPERLINK("http://x")'), `'=HYPERLINK("http://x")`);
  assert.is(escapeFormula('+cmd|/c calc'), `'+cmd|/c calc`);
  assert.is(escapeFormula('-2+3'), `'-2+3`);
  assert.is(escapeFormula('@SUM(A1)'), `'@SUM(A1)`);
  assert.is(escapeFormula('\tx'), `'\tx`);
  assert.is(escapeFormula('\rx'), `'\rx`);
  assert.is(escapeFormula('-12.5'), '-12.5');
  assert.is(escapeFormula('+44'), '+44');
  assert.is(escapeFormula('-1e5'), '-1e5');
  assert.is(escapeFormula('hello = world'), 'hello = world');
  assert.is(escapeFormula(''), '');
});
esc.run();

// ---
const dir = suite('resolveOutputDir');
dir('tokens are replaced by safe path segments', () => {
  assert.is(resolveOutputDir('out/{report}/{period}', { report: 'tiktok', period: '2025-W07', date: '2025-02-17' }), 'out/tiktok/2025-W07');
  assert.is(resolveOutputDir('out/{report}', { report: '../../etc', period: '', date: '' }), 'out/etc');
  assert.is(resolveOutputDir('out/{date}', { report: '', period: '', date: '2025-02-17' }), 'out/2025-02-17');
});
dir.run();

// ---
const seg = suite('safeSegment');
seg('keeps letters of any script, drops separators and dots at the ends', () => {
  assert.is(safeSegment('Café Ölçü'), 'Café-Ölçü');
  assert.is(safeSegment('a/b\\c'), 'a-b-c');
  assert.is(safeSegment('..'), 'untitled');
  assert.is(safeSegment('2025-01-01 – 2025-02-01'), '2025-01-01-2025-02-01');
});
seg.run();

// ---
const root = suite('outputRoot');
root('the folder before the first token', () => {
  assert.is(outputRoot('out/{report}'), 'out');
  assert.is(outputRoot('out/weekly-{period}/{report}'), 'out');
  assert.is(outputRoot('{report}'), '.');
  assert.is(outputRoot('reports/latest'), 'reports/latest');
  assert.is(replaceOutputRoot('out/{report}', '/tmp/x'), '/tmp/x/{report}');
  assert.is(replaceOutputRoot('out/weekly-{period}/{report}', 'arch'), 'arch/weekly-{period}/{report}');
});
root.run();

// ---
const staged = suite('StagedDir');
staged('commit swaps the new folder in and removes the old one', async () => {
  const base = await tmp();
  const target = join(base, 'r');
  await ownSnapshot(target, { 'old.txt': 'old' });
  const s = await StagedDir.create(target);
  await s.write('report.html', 'new');
  assert.equal(await readdir(target), ['manifest.json', 'old.txt'], 'nothing visible before commit');
  assert.is(await s.commit(), null, 'no warning');
  assert.equal(await readdir(target), ['report.html']);
  assert.equal((await readdir(base)).sort(), ['r'], 'no staging or old folder left');
});
staged('abort leaves the previous snapshot untouched and no partial folder', async () => {
  const base = await tmp();
  const target = join(base, 'r');
  await ownSnapshot(target, { 'report.html': 'good' });
  const s = await StagedDir.create(target);
  await s.write('report.html', 'half');
  await s.abort();
  assert.is(await readFile(join(target, 'report.html'), 'utf8'), 'good');
  assert.equal(await readdir(base), ['r']);
});
staged('a file where the folder should be is an error naming it', async () => {
  const base = await tmp();
  await writeFile(join(base, 'r'), 'x');
  try {
    await StagedDir.create(join(base, 'r'));
    assert.unreachable();
  } catch (err) {
    assert.instance(err, ReportError);
    assert.match((err as Error).message, /Cannot write the output .*r/);
  }
});
staged('a read-only parent is a clear error', async () => {
  if (process.getuid?.() === 0) return; // root writes anywhere; covered by the CLI tests with a file in the way
  const base = await tmp();
  await chmod(base, 0o500);
  try {
    await StagedDir.create(join(base, 'r'));
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /permission denied/);
  }
});
staged('abortAllSync (a signal) removes every staged folder and temporary file, committed ones stay', async () => {
  const base = await tmp();
  const done = await StagedDir.create(join(base, 'done'));
  await done.write('report.html', 'committed');
  await done.commit();
  const a = await StagedDir.create(join(base, 'a'));
  const b = await StagedDir.create(join(base, 'b'));
  await a.write('report.html', 'half');
  await b.write('metrics.json', '{');
  const tmpFile = join(base, 'index.html.partial-1');
  await writeFile(tmpFile, 'half');
  trackTempFile(tmpFile);
  assert.is(abortAllSync(), 2);
  assert.equal((await readdir(base)).sort(), ['done']);
  assert.is(await readFile(join(base, 'done/report.html'), 'utf8'), 'committed');
  assert.is(abortAllSync(), 0, 'nothing left to clean');
});
staged('abortAllSync puts the previous snapshot back when a swap was stopped between its renames', async () => {
  const base = await tmp();
  const target = join(base, 'r');
  await ownSnapshot(target, { 'report.html': 'good' });
  const s = await StagedDir.create(target);
  await s.write('report.html', 'new');
  // the first rename of commit() (target -> .r.old-<random>) happened, the second did not
  await rename(target, s.old);
  abortAllSync();
  assert.equal(await readdir(base), ['r']);
  assert.equal((await readdir(target)).sort(), ['manifest.json', 'report.html']);
  assert.is(await readFile(join(target, 'report.html'), 'utf8'), 'good');
});
staged.run();

// ---
const fe = suite('fileEntry');
fe('size and sha256 of a file (sha256 of "abc" is the FIPS 180-2 test vector)', async () => {
  const base = await tmp();
  await writeFile(join(base, 'a.txt'), 'abc');
  assert.equal(await fileEntry(base, 'a.txt'), {
    name: 'a.txt',
    bytes: 3,
    sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  });
});
fe.run();
