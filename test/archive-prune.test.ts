// output.keep: the pure choice of what to prune (hand-made lists), the removal that only ever
// deletes a wholly-own snapshot, the config key, and the real CLI over six weeks with keep: 2.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { choosePrunable, pruneSnapshots, removeOwnSnapshot, type Prunable } from '../src/output/prune.ts';
import { WALK_LIMITS } from '../src/output/archive.ts';
import { normalizeConfig } from '../src/config/normalize.ts';
import { ReportError } from '../src/errors.ts';
import { tempDir } from './helpers/tmp.ts';
import { AS_OF, WEEKS, folder, manifestText, svreport, weeklyConfig, weeklyCsv } from './helpers/archive.ts';

const snap = (key: string, href: string, to: string | null, generatedAt = '2026-01-01T00:00:00Z'): Prunable => ({
  key, href, dir: `/out/${href}`, period: { to }, generatedAt,
});
const hrefs = (list: Prunable[]) => list.map((s) => s.href);

// ---
const choose = suite('choosePrunable');
choose('keeps the newest `keep` of each report by period end; the rest in folder order', () => {
  const list = [
    snap('a', 'a/w1', '2025-12-07'), snap('a', 'a/w3', '2025-12-21'), snap('a', 'a/w2', '2025-12-14'), snap('a', 'a/w4', '2025-12-28'),
    snap('b', 'b/w1', '2025-12-07'), snap('b', 'b/w2', '2025-12-14'),
  ];
  // a: w4 w3 kept, w2 w1 go; b: both kept (2 <= keep)
  assert.equal(hrefs(choosePrunable(list, 2, new Set())), ['a/w1', 'a/w2']);
  assert.equal(hrefs(choosePrunable(list, 1, new Set())), ['a/w1', 'a/w2', 'a/w3', 'b/w1']);
  assert.equal(hrefs(choosePrunable(list, 4, new Set())), []);
});
choose('same period end: the later generatedAt is newer; a missing date or time is oldest', () => {
  const list = [
    snap('a', 'a/x', '2025-12-14', '2026-01-02T10:00:00Z'),
    snap('a', 'a/y', '2025-12-14', '2026-01-02T10:00:00.500Z'), // later by half a second (text order would say otherwise)
    snap('a', 'a/z', null, '2027-01-01T00:00:00Z'), // no period end: older than any dated one
    snap('a', 'a/v', '2025-12-14', ''), // no time: older than x and y
  ];
  assert.equal(hrefs(choosePrunable(list, 1, new Set())), ['a/v', 'a/x', 'a/z']);
  assert.equal(hrefs(choosePrunable(list, 2, new Set())), ['a/v', 'a/z']);
  assert.equal(hrefs(choosePrunable(list, 3, new Set())), ['a/z']);
});
choose('what this run just wrote is never pruned, even a backfilled older week', () => {
  const list = [snap('a', 'a/w1', '2025-12-07'), snap('a', 'a/w2', '2025-12-14'), snap('a', 'a/w3', '2025-12-21')];
  assert.equal(hrefs(choosePrunable(list, 2, new Set(['/out/a/w1']))), []);
  assert.equal(hrefs(choosePrunable(list, 1, new Set(['/out/a/w1']))), ['a/w2']);
});
choose('ties are broken by folder, so the choice never depends on input order', () => {
  const one = [snap('a', 'a/p', '2025-12-14'), snap('a', 'a/q', '2025-12-14'), snap('a', 'a/r', '2025-12-14')];
  const two = [one[2], one[0], one[1]];
  assert.equal(hrefs(choosePrunable(one, 1, new Set())), ['a/q', 'a/r']);
  assert.equal(hrefs(choosePrunable(two, 1, new Set())), ['a/q', 'a/r']);
});
choose.run();

// ---
const remove = suite('removeOwnSnapshot');
remove('removes a wholly-own snapshot: its listed files, the manifest, the folder', async () => {
  const root = await tempDir('svreport-prune-');
  const dir = await folder(join(root, 'r/w1'), {
    'manifest.json': manifestText({ files: [{ name: 'report.html', bytes: 1, sha256: '0' }, { name: 'metrics.json', bytes: 1, sha256: '0' }] }),
    'report.html': 'x',
    'delivery.json': '{}', // written after the commit, so not in the manifest
  });
  assert.is(await removeOwnSnapshot(dir), null); // metrics.json listed but gone already: fine
  assert.not.ok(existsSync(dir));
  assert.equal(await readdir(join(root, 'r')), []);
});
remove('keeps a snapshot holding a user file, a foreign manifest or none, each with the reason', async () => {
  const root = await tempDir('svreport-prune-');
  const withNotes = await folder(join(root, 'notes'), { 'manifest.json': manifestText(), 'report.html': 'x', 'my-notes.txt': 'mine' });
  const sub = await folder(join(root, 'sub'), { 'manifest.json': manifestText(), 'report.html': 'x' });
  await mkdir(join(sub, 'nested'));
  const foreign = await folder(join(root, 'foreign'), { 'manifest.json': manifestText({ generator: { name: 'other-tool', version: '1' } }), 'report.html': 'x' });
  const bare = await folder(join(root, 'bare'), { 'report.html': 'x' });
  assert.is(await removeOwnSnapshot(withNotes), 'it holds "my-notes.txt", which svreport did not write');
  assert.is(await removeOwnSnapshot(sub), 'it holds "nested", which svreport did not write');
  assert.is(await removeOwnSnapshot(foreign), 'it has no manifest.json written by svreport');
  assert.is(await removeOwnSnapshot(bare), 'it has no manifest.json written by svreport');
  for (const d of [withNotes, sub, foreign, bare]) assert.ok(existsSync(join(d, 'report.html')), d);
  assert.is(await readFile(join(withNotes, 'my-notes.txt'), 'utf8'), 'mine');
});
remove.run();

// ---
const prune = suite('pruneSnapshots');
prune('removes nothing, with a warning, when the walk could not see the whole output root', async () => {
  const root = await tempDir('svreport-prune-');
  for (const w of ['2025-12-07', '2025-12-14', '2025-12-21']) {
    await folder(join(root, 'r', w), { 'manifest.json': manifestText({ period: { from: null, to: w, label: w } }), 'report.html': 'x' });
  }
  // more folders than the walk visits: the newest snapshots could be among those not seen
  for (let i = 0; i < WALK_LIMITS.folders; i++) await mkdir(join(root, `a${String(i).padStart(5, '0')}`));
  const r = await pruneSnapshots(root, 1, []);
  assert.equal(r.removed, []);
  assert.match(r.warnings.join('\n'), /^output\.keep was not applied: .* holds more folders than the archive walk looks at\.$/);
  assert.is((await readdir(join(root, 'r'))).length, 3);
});
prune('never throws: an output root that is a file gives no removal and no error', async () => {
  const root = await tempDir('svreport-prune-');
  await writeFile(join(root, 'file'), 'x');
  assert.equal(await pruneSnapshots(join(root, 'file'), 1, []), { removed: [], warnings: [] });
  assert.equal(await pruneSnapshots(join(root, 'missing'), 1, []), { removed: [], warnings: [] });
});
prune.run();

// ---
const key = suite('output.keep (config)');
const ctx = { configPath: '/p/report.config.yaml', configDir: '/p' };
key('absent: keep every snapshot; a whole number >= 1 is taken', () => {
  assert.is(normalizeConfig({ input: { path: 'a.csv' } }, ctx).output.keep, null);
  assert.is(normalizeConfig({ input: { path: 'a.csv' }, output: { keep: 2 } }, ctx).output.keep, 2);
  assert.is(normalizeConfig({ input: { path: 'a.csv' }, output: { keep: null } }, ctx).output.keep, null);
});
key('0, a fraction, a text or a huge number is a config error naming output.keep', () => {
  for (const bad of [0, 1.5, 'two', -1, 1e9]) {
    try {
      normalizeConfig({ input: { path: 'a.csv' }, output: { keep: bad } }, ctx);
      assert.unreachable(`keep: ${bad}`);
    } catch (err) {
      assert.instance(err, ReportError);
      assert.is((err as ReportError).exitCode, 2);
      assert.match([(err as ReportError).message, ...(err as ReportError).problems].join('\n'), /`output\.keep` must be a whole number from 1 to 100000 \(got /);
    }
  }
});
key.run();

// ---
const cli = suite('output.keep through the CLI');
cli('six weekly runs with keep: 2 leave the two newest weeks, a foreign folder and a snapshot with a user file', async () => {
  const dir = await tempDir('svreport-keep-');
  await writeFile(join(dir, 'videos.csv'), weeklyCsv());
  await writeFile(join(dir, 'report.config.yaml'), weeklyConfig(', keep: 2'));
  const runs = [];
  for (let i = 0; i < 6; i++) {
    runs.push(svreport(dir, ['build', '--as-of', AS_OF[i], '--json']));
    assert.is(runs[i].code, 0, runs[i].stderr);
    if (i === 0) {
      // after week 1: a user's file inside the "all" snapshot, and folders that are not snapshots
      await writeFile(join(dir, 'out/all', WEEKS[0], 'my-notes.txt'), 'mine');
      await folder(join(dir, 'out/all/drafts'), { 'manifest.json': manifestText({ generator: { name: 'other-tool', version: '1' }, report: { id: 'all', title: 'x' } }), 'draft.txt': 'd' });
      await folder(join(dir, 'out/photos'), { 'cat.jpg': 'meow' });
    }
  }
  // all: W52 W01 W02 -> the two newest stay, W49 stays for the user's file, W50 W51 W52 went
  assert.equal((await readdir(join(dir, 'out/all'))).sort(), [WEEKS[0], WEEKS[4], WEEKS[5], 'drafts'].sort());
  assert.equal((await readdir(join(dir, 'out/tiktok'))).sort(), [WEEKS[4], WEEKS[5]]);
  assert.equal((await readdir(join(dir, 'out'))).sort(), ['all', 'index.html', 'photos', 'tiktok']);
  assert.equal((await readdir(join(dir, 'out/all', WEEKS[0]))).sort(), ['manifest.json', 'metrics.json', 'my-notes.txt', 'report.html']);
  assert.is(await readFile(join(dir, 'out/all', WEEKS[0], 'my-notes.txt'), 'utf8'), 'mine');
  assert.is(await readFile(join(dir, 'out/all/drafts/draft.txt'), 'utf8'), 'd');
  assert.is(await readFile(join(dir, 'out/photos/cat.jpg'), 'utf8'), 'meow');
  // the kept one is named in every run's warnings from the third on (when it first fell out of the newest 2)
  const kept = `output.keep: kept ${join(dir, 'out/all', WEEKS[0])} (older than the 2 newest of report "all") because it holds "my-notes.txt", which svreport did not write.`;
  const warned = runs.map((r) => JSON.parse(r.stdout).warnings.includes(kept));
  assert.equal(warned, [false, false, true, true, true, true]);
  assert.match(runs[5].stderr, /svreport: prune +\d+\.\d\d s 2 older snapshot\(s\) removed \(output\.keep: 2\)/);
  // the archive page lists what is left: the two newest weeks of each report and the kept one
  const index = await readFile(join(dir, 'out/index.html'), 'utf8');
  const linked = [...index.matchAll(/href="([^"#]+)\/report\.html"/g)].map((m) => m[1]).sort();
  assert.equal(linked, [`all/${WEEKS[0]}`, `all/${WEEKS[4]}`, `all/${WEEKS[5]}`, `tiktok/${WEEKS[4]}`, `tiktok/${WEEKS[5]}`]);

  // a backfill of an old week keeps what it built; the next regular run prunes it
  const backfill = svreport(dir, ['build', '--as-of', AS_OF[1], '--json']);
  assert.is(backfill.code, 0, backfill.stderr);
  assert.equal((await readdir(join(dir, 'out/tiktok'))).sort(), [WEEKS[1], WEEKS[4], WEEKS[5]]);
  assert.is(svreport(dir, ['build', '--as-of', AS_OF[5]]).code, 0);
  assert.equal((await readdir(join(dir, 'out/tiktok'))).sort(), [WEEKS[4], WEEKS[5]]);
});
cli('without output.keep every week stays', async () => {
  const dir = await tempDir('svreport-keep-');
  await writeFile(join(dir, 'videos.csv'), weeklyCsv());
  await writeFile(join(dir, 'report.config.yaml'), weeklyConfig());
  for (let i = 0; i < 3; i++) {
    const r = svreport(dir, ['build', '--as-of', AS_OF[i]]);
    assert.is(r.code, 0, r.stderr);
    assert.not.match(r.stderr, /prune/);
  }
  assert.equal((await readdir(join(dir, 'out/all'))).sort(), WEEKS.slice(0, 3));
});
cli.run();
