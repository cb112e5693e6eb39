// What the archive step may write over or remove: an index.html the user wrote stays (a warning,
// the reports still built), one an earlier svreport wrote is replaced; the temporary file of a
// killed `send` inside a snapshot is svreport's own and goes with the snapshot, a look-alike is not.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { notOwnSnapshot, isAfterCommitTemp } from '../src/output/owned.ts';
import { removeOwnSnapshot } from '../src/output/prune.ts';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';
import { folder, manifestText } from './helpers/archive.ts';

const CSV = ['title,creator,platform,views,likes,comments,shares,publish_date',
  ...Array.from({ length: 12 }, (_, i) => `Video ${i},c${i % 3},TikTok,${1000 + i * 10},${10 + i},${i},${i % 4},2025-01-${String(1 + i).padStart(2, '0')}`)].join('\n') + '\n';

async function project(): Promise<string> {
  const dir = await tempDir('svreport-ownership-');
  await writeFile(join(dir, 'videos.csv'), CSV);
  await writeFile(join(dir, 'report.config.yaml'), 'input: { path: videos.csv }\noutput: { dir: "out/{report}" }\n');
  return dir;
}

const index = suite('writeIndex: only its own index.html');
index("a user's index.html is left byte for byte: exit 0, the report built, a warning naming it", async () => {
  const dir = await project();
  await mkdir(join(dir, 'out'));
  const mine = '<!doctype html><title>My landing page</title>\n';
  await writeFile(join(dir, 'out/index.html'), mine);
  const r = await runCli(['build', '--format', 'html,json', '--json'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
  assert.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.is(json.reports.length, 1);
  assert.is(json.index, null);
  assert.ok(json.warnings.some((w: string) => /index\.html was not written by svreport/.test(w)), json.warnings.join('\n'));
  assert.is(await readFile(join(dir, 'out/index.html'), 'utf8'), mine);
  assert.equal((await readdir(join(dir, 'out'))).sort(), ['index.html', 'report']);
});
index('an index.html of its own (this version, and the head earlier versions wrote) is replaced', async () => {
  const dir = await project();
  const first = await runCli(['build', '--format', 'html,json'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
  assert.is(first.code, 0, first.stderr);
  const page = await readFile(join(dir, 'out/index.html'), 'utf8');
  assert.match(page, '<meta name="generator" content="short-video-report">');
  // the page of an earlier version: the same head without the generator tag
  await writeFile(join(dir, 'out/index.html'), page.replace('<meta name="generator" content="short-video-report">\n', '').replace('</main>', '<p>old</p></main>'));
  const second = await runCli(['build', '--format', 'html,json'], dir, { SOURCE_DATE_EPOCH: '1767312000' });
  assert.is(second.code, 0, second.stderr);
  const now = await readFile(join(dir, 'out/index.html'), 'utf8');
  assert.not.match(now, '<p>old</p>');
  assert.match(now, '<meta name="generator" content="short-video-report">');
});
index.run();

// ---
const temp = suite("a killed send's delivery.json.partial-<token>");
temp('isAfterCommitTemp: the exact temporary names of after-commit files, nothing else', () => {
  assert.ok(isAfterCommitTemp('.delivery.json.partial-0123456789abcdef'));
  assert.not.ok(isAfterCommitTemp('.delivery.json.partial-123')); // not a token of ours
  assert.not.ok(isAfterCommitTemp('.delivery.json.partial-0123456789ABCDEF'));
  assert.not.ok(isAfterCommitTemp('.notes.txt.partial-0123456789abcdef'));
  assert.not.ok(isAfterCommitTemp('delivery.json.partial-0123456789abcdef'));
});
temp('a snapshot holding one is still wholly ours, and pruning removes it with the snapshot', async () => {
  const root = await tempDir('svreport-ownership-');
  const dir = await folder(join(root, 'all/2025-W01'), {
    'manifest.json': manifestText({ files: [{ name: 'metrics.json', bytes: 3, sha256: '0'.repeat(64) }] }),
    'metrics.json': '{}\n',
    '.delivery.json.partial-0123456789abcdef': '{"status":',
  });
  assert.is(await notOwnSnapshot(dir), null);
  assert.is(await removeOwnSnapshot(dir), null);
  assert.equal(await readdir(join(root, 'all')), []);
});
temp('a look-alike name is a foreign file: the snapshot is neither replaced nor pruned', async () => {
  const root = await tempDir('svreport-ownership-');
  const dir = await folder(join(root, 'all/2025-W01'), {
    'manifest.json': manifestText({ files: [{ name: 'metrics.json', bytes: 3, sha256: '0'.repeat(64) }] }),
    'metrics.json': '{}\n',
    '.delivery.json.partial-mine': 'user data',
  });
  assert.match(String(await notOwnSnapshot(dir)), '".delivery.json.partial-mine", which svreport did not write');
  assert.ok(await removeOwnSnapshot(dir));
  assert.is(await readFile(join(dir, '.delivery.json.partial-mine'), 'utf8'), 'user data');
});
temp.run();
