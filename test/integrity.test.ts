// What svreport may replace (issue 19, items 1-6 and 13): the real CLI in fake project folders
// made here. A write target that is the project folder or a parent of it, or a folder holding
// a user's file, is refused with every file left in place; a failed render commits nothing;
// runs into one folder are serialised by a lock; what a killed run left is recovered.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { chmod, mkdir, readFile, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveBrowserExecutable } from '../src/output/browser.ts';
import { tempDir } from './helpers/tmp.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const BIN = join(ROOT, 'bin/svreport.js');
const CHILD_TIMEOUT_MS = 90_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function svreport(cwd: string, args: string[], env: Record<string, string> = {}, onStart?: (child: ChildProcess, err: () => string) => void, timeoutMs = CHILD_TIMEOUT_MS): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`svreport ${args.join(' ')} did not finish within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
    onStart?.(child, () => stderr);
  });
}

const HEADER = 'title,creator,platform,views,likes,comments,shares,publish_date,duration_sec';
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => `Video ${i},c${i % 5},${i % 2 ? 'TikTok' : 'YouTube'},${1000 + ((i * 7) % 5000)},${50 + (i % 90)},${i % 13},${i % 7},2025-01-${String(1 + (i % 28)).padStart(2, '0')},${10 + (i % 50)}`);
const CSV = [HEADER, ...rows(40)].join('\n') + '\n';

/** A project folder: the CSV, a config, a .git folder and a user's notes (the only entry of its parent). */
async function project(config: string, csv = CSV): Promise<string> {
  const dir = join(await tempDir('svreport-integrity-'), 'project'); // in a folder of its own: its parent is ours to watch
  await mkdir(dir);
  await writeFile(join(dir, 'videos.csv'), csv);
  await writeFile(join(dir, 'report.config.yaml'), `input: { path: videos.csv }\n${config}`);
  await mkdir(join(dir, '.git/objects'), { recursive: true });
  await writeFile(join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
  await writeFile(join(dir, 'notes.md'), 'my notes\n');
  return dir;
}

/** Every entry under `dir` (relative path -> bytes, folders as ''), hidden ones included. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(e.parentPath, e.name);
    out.set(path.slice(dir.length + 1), e.isFile() ? readFileSync(path).toString('base64') : e.isDirectory() ? '' : 'other');
  }
  return out;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The snapshot's manifest lists exactly its other files, with their sizes and sha256. */
function assertManifestMatches(dir: string): void {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const names = readdirSync(dir).filter((f) => f !== 'manifest.json').sort();
  assert.equal(m.files.map((f: { name: string }) => f.name).sort(), names, `files of ${dir}`);
  for (const f of m.files) {
    const bytes = readFileSync(join(dir, f.name));
    assert.is(bytes.length, f.bytes, `${f.name} size`);
    assert.is(sha256(bytes), f.sha256, `${f.name} sha256`);
  }
}

/** This process's pid namespace, as svreport records it beside the host name ('' off Linux). */
const PIDNS = (() => {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
})();

/** The pid of a process that has exited (and was reaped). */
const deadPid = (): number => spawnSync(process.execPath, ['-e', ''], { env: {} }).pid;

const oneError = (r: Run) => r.stderr.split('\n').filter((l) => l.startsWith('svreport: error: '));

// ---
const paths = suite('integrity: write targets that would replace the user\'s folders');
paths('output: {dir: "."} is refused (exit 2, output.dir named) and every file stays', async () => {
  const dir = await project('output: { dir: "." }\n');
  const before = tree(dir);
  const r = await svreport(dir, ['build', '--format', 'html,json,csv']);
  assert.is(r.code, 2, r.stderr);
  assert.equal(oneError(r).length, 1, r.stderr);
  assert.match(r.stderr, /output\.dir points to .*, which is the working directory/);
  assert.equal(tree(dir), before, 'nothing added, changed or removed');
});
paths('output.dir: public with --out .. is refused (exit 2, --out named), the parent and the project untouched', async () => {
  const dir = await project('output: { dir: public }\n');
  const parent = resolve(dir, '..');
  const beforeProject = tree(dir);
  const beforeParent = readdirSync(parent).sort();
  assert.equal(beforeParent, ['project']);
  const r = await svreport(dir, ['build', '--format', 'json', '--out', '..']);
  assert.is(r.code, 2, r.stderr);
  assert.match(oneError(r)[0], /--out points to .*, which is a parent of the working directory/);
  assert.equal(tree(dir), beforeProject);
  assert.equal(readdirSync(parent).sort(), beforeParent);
});
paths('a config elsewhere: its folder, and the input\'s folder, are refused too', async () => {
  const dir = await project('output: { dir: "{report}" }\n'); // the root is the config's folder
  const before = tree(dir);
  const elsewhere = await tempDir('svreport-integrity-cwd-');
  const r = await svreport(elsewhere, ['build', '--config', join(dir, 'report.config.yaml'), '--format', 'json']);
  assert.is(r.code, 2, r.stderr);
  assert.match(oneError(r)[0], /output\.dir points to .*, which is the config's folder/);
  const input = await svreport(elsewhere, ['build', '--config', join(dir, 'report.config.yaml'), '--format', 'json', '--out', join(dir, '..')]);
  assert.is(input.code, 2, input.stderr);
  assert.match(oneError(input)[0], /--out points to .*, which is a parent of (the working directory|the config's folder)/);
  assert.equal(tree(dir), before);
  assert.equal(readdirSync(elsewhere), []);
});
paths('a symlink that leads to the project folder or its parent is seen through', async () => {
  const dir = await project('output: { dir: "mirror" }\n');
  await symlink('.', join(dir, 'mirror'));
  await symlink('..', join(dir, 'up'));
  const before = tree(dir);
  const same = await svreport(dir, ['build', '--format', 'json']);
  assert.is(same.code, 2, same.stderr);
  assert.match(oneError(same)[0], /output\.dir points to .*mirror, which is the working directory/);
  const up = await svreport(dir, ['build', '--format', 'json', '--set', 'output.dir=up/{report}']);
  assert.is(up.code, 2, up.stderr);
  assert.match(oneError(up)[0], /output\.dir points to .*up, which is a parent of the working directory/);
  assert.equal(tree(dir), before);
});

const foreign = suite('integrity: a folder in the way that svreport did not write');
foreign('a user\'s folder where a report goes is refused, naming it and the file (exit 2), nothing changed', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n');
  await mkdir(join(dir, 'out/report'), { recursive: true });
  await writeFile(join(dir, 'out/report/thesis.docx'), 'years of work');
  const before = tree(dir);
  const r = await svreport(dir, ['build', '--format', 'html,json,csv']);
  assert.is(r.code, 2, r.stderr);
  assert.match(oneError(r)[0], /Refusing to replace .*out\/report: it holds "thesis\.docx" and no manifest\.json written by svreport; .*nothing was changed/);
  assert.equal(tree(dir), before, 'no staging folder, lock or index left');
});
foreign('a file added inside a snapshot stops the next run; the snapshot and the file stay', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n');
  assert.is((await svreport(dir, ['build', '--format', 'html,json,csv'])).code, 0);
  await writeFile(join(dir, 'out/report/comments.txt'), 'feedback for the team');
  const before = tree(dir);
  const r = await svreport(dir, ['build', '--format', 'html,json,csv'], { SOURCE_DATE_EPOCH: '1767312000' });
  assert.is(r.code, 2, r.stderr);
  assert.match(oneError(r)[0], /Refusing to replace .*out\/report: it holds "comments\.txt", which svreport did not write/);
  assert.equal(tree(dir), before);
  // an empty folder holds nothing to lose: it is replaced
  const empty = await project('output: { dir: "out/{report}" }\n');
  await mkdir(join(empty, 'out/report'), { recursive: true });
  assert.is((await svreport(empty, ['build', '--format', 'json'])).code, 0);
  assertManifestMatches(join(empty, 'out/report'));
});
foreign('output.dir without a token: the snapshot is the output root, its index.html is ours', async () => {
  const dir = await project('output: { dir: public }\n');
  for (let i = 0; i < 2; i++) {
    const r = await svreport(dir, ['build', '--format', 'html,json']);
    assert.is(r.code, 0, r.stderr);
  }
  assert.equal(readdirSync(join(dir, 'public')).sort(), ['index.html', 'manifest.json', 'metrics.json', 'report.html']);
  assert.not.ok(readdirSync(dir).some((f) => f.startsWith('.public')), 'no lock or staging folder left beside it');
});

// ---
const render = suite('integrity: a run that fails to render commits nothing');
render('no browser (PUPPETEER_EXECUTABLE_PATH or pdf.executablePath wrong): exit 4, the earlier snapshot byte for byte', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n');
  assert.is((await svreport(dir, ['build', '--format', 'html,json,csv'])).code, 0);
  const before = tree(dir);
  for (const [env, args] of [
    [{ PUPPETEER_EXECUTABLE_PATH: join(dir, 'no-chrome') }, []],
    [{ PUPPETEER_EXECUTABLE_PATH: '' }, ['--set', `pdf.executablePath=${join(dir, 'no-chrome')}`]],
  ] as [Record<string, string>, string[]][]) {
    const r = await svreport(dir, ['build', '--format', 'html,pdf,json,csv', '--json', ...args], { SOURCE_DATE_EPOCH: '1767312000', ...env });
    assert.is(r.code, 4, r.stderr);
    assert.match(oneError(r)[0], /no-chrome", which does not exist\. No snapshot was written or replaced\.$/);
    assert.not.match(r.stderr, /wrote /);
    const json = JSON.parse(r.stdout);
    assert.is(json.exitCode, 4);
    assert.equal(tree(dir), before);
  }
});
render('a browser that dies soon after launch while a child holds its pipe: exit 4 at once, not after 30 s', async () => {
  if (process.platform !== 'linux') return; // found through /proc while it starts; elsewhere the 30 s launch timeout stays the bound
  const dir = await project('output: { dir: "out/{report}" }\n');
  assert.is((await svreport(dir, ['build', '--format', 'html,json,csv'])).code, 0);
  const before = tree(join(dir, 'out'));
  const fake = join(dir, 'dying-browser');
  const marker = `svreport-held-pipe-${process.pid}-${Date.now()}`;
  // a "browser" that leaves a child holding the pipe puppeteer talks over, then dies
  await writeFile(fake, `#!/bin/sh\nsh -c 'sleep 60; : ${marker}' &\nsleep 0.9\nexit 1\n`);
  await chmod(fake, 0o755);
  const r = await svreport(dir, ['build', '--format', 'html,pdf,json,csv'], { PUPPETEER_EXECUTABLE_PATH: fake }, undefined, 20_000);
  assert.is(r.code, 4, r.stderr);
  assert.match(oneError(r)[0], /The browser at ".*dying-browser" (exited while starting|did not start)/);
  assert.equal(tree(join(dir, 'out')), before);
  await new Promise((ok) => setTimeout(ok, 200));
  assert.is(spawnSync('pgrep', ['-f', marker]).status, 1, 'the child holding the pipe is gone too');
});
render('a browser killed after its launch while a child holds its pipe: exit 4 at once, not at the 60 s print timeout', async () => {
  let chromium: string;
  try {
    chromium = resolveBrowserExecutable({ env: {} }).path;
  } catch {
    return; // needs a browser
  }
  const dir = await project('output: { dir: "out/{report}" }\n', [HEADER, ...rows(3000)].join('\n') + '\n');
  const tmp = join(dir, 'tmp');
  await mkdir(tmp);
  const wrapper = join(dir, 'browser-with-helper');
  const marker = `svreport-held-pipe-${process.pid}-${Date.now()}`;
  await writeFile(wrapper, `#!/bin/sh\nsh -c 'sleep 60; : ${marker}' &\nexec ${JSON.stringify(chromium)} "$@"\n`);
  await chmod(wrapper, 0o755);
  let killed = false;
  const r = await svreport(dir, ['build', '--format', 'html,pdf'], { PUPPETEER_EXECUTABLE_PATH: wrapper, TMPDIR: tmp }, (child) => {
    const poll = setInterval(() => {
      // the browser itself (exec'd by the wrapper) carries the profile under our TMPDIR
      const pids = spawnSync('pgrep', ['-f', `user-data-dir=${tmp}/svreport-chrome-`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
      if (pids.length === 0) return;
      clearInterval(poll);
      setTimeout(() => {
        for (const pid of pids) {
          try {
            process.kill(pid, 'SIGKILL');
            killed = true;
          } catch {
            // gone already
          }
        }
      }, 300);
    }, 20);
    child.on('close', () => clearInterval(poll));
  }, 25_000);
  assert.ok(killed, r.stderr);
  assert.is(r.code, 4, r.stderr);
  assert.match(oneError(r)[0], /browser/i);
  assert.not.ok(existsSync(join(dir, 'out/report')), 'nothing committed');
  await new Promise((ok) => setTimeout(ok, 200));
  assert.is(spawnSync('pgrep', ['-f', marker]).status, 1, 'the child holding the pipe is gone too');
  assert.equal(readdirSync(tmp), [], 'the profile is removed');
});
render('a bad TMPDIR: exit 4 naming the folder, not "unexpected error"', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n');
  const r = await svreport(dir, ['build', '--format', 'pdf,json'], { TMPDIR: join(dir, 'no-such-tmp'), PUPPETEER_EXECUTABLE_PATH: '/bin/false' });
  assert.is(r.code, 4, r.stderr);
  assert.not.match(r.stderr, /unexpected error/);
  assert.match(oneError(r)[0], /Cannot create the browser's profile folder in the temporary folder .*no-such-tmp \(TMPDIR\): a folder on its path does not exist\./);
});
render('a full disk: one sentence naming the output, not "unexpected error"', async () => {
  if (process.getuid?.() !== 0) return; // mounting a small file system needs root
  const dir = await project('output: { dir: "out/{report}" }\n', [HEADER, ...rows(4000)].join('\n') + '\n');
  const small = join(dir, 'small');
  await mkdir(small);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]).status !== 0) return; // no mount here
  try {
    // the report's own files, then the filtered.csv pass (a worker writing at offsets)
    for (const [formats, file] of [['html,json,csv', /small\/report\/(report\.html|metrics\.json)/], ['csv', /small\/report\/filtered\.csv/]] as const) {
      const r = await svreport(dir, ['build', '--format', formats, '--out', small]);
      assert.is(r.code, 1, r.stderr);
      assert.not.match(r.stderr, /unexpected error/);
      assert.match(oneError(r)[0], /^svreport: error: Cannot write the output .*: the disk is full\.$/);
      assert.match(oneError(r)[0], file);
      assert.equal(readdirSync(small), [], 'no staging folder or lock left');
    }
  } finally {
    spawnSync('umount', [small]);
  }
});

// ---
const lock = suite('integrity: one run at a time per output root');
lock('two runs into one folder at once: both succeed one after the other, the manifest matches the files', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n', [HEADER, ...rows(3000)].join('\n') + '\n');
  const [a, b] = await Promise.all([
    svreport(dir, ['build', '--format', 'html,json,csv']),
    svreport(dir, ['build', '--format', 'html,json,csv'], { SOURCE_DATE_EPOCH: '1767312000' }),
  ]);
  assert.is(a.code, 0, a.stderr);
  assert.is(b.code, 0, b.stderr);
  assertManifestMatches(join(dir, 'out/report'));
  assert.equal(readdirSync(join(dir, 'out')).sort(), ['index.html', 'report'], 'no lock or staging folder left');
});
lock('two runs at once without waiting: one succeeds, the other names the lock and its holder or ran after it', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n', [HEADER, ...rows(3000)].join('\n') + '\n');
  const runs = await Promise.all([0, 1].map((i) => svreport(dir, ['build', '--format', 'html,json,csv'], { SVREPORT_LOCK_WAIT_MS: '0', SOURCE_DATE_EPOCH: String(1767225600 + i) })));
  assert.ok(runs.some((r) => r.code === 0), runs.map((r) => r.stderr).join('\n'));
  for (const r of runs) {
    if (r.code === 0) continue;
    assert.is(r.code, 1, r.stderr);
    assert.match(oneError(r)[0], /Another svreport run holds the lock .*out\/\.svreport\.lock \(process \d+ on .*\) and did not release it within 0 s/);
  }
  assertManifestMatches(join(dir, 'out/report'));
});
lock('a held lock: the run waits for it (bounded), then stops naming the lock and its holder', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n');
  await mkdir(join(dir, 'out'));
  const lockPath = join(dir, 'out/.svreport.lock');
  const holder = { generator: 'short-video-report', host: hostname(), pid: process.pid, token: 'abcdef0123456789', createdAt: '2026-01-01T00:00:00.000Z' };
  await writeFile(lockPath, JSON.stringify(holder));
  const refused = await svreport(dir, ['build', '--format', 'json'], { SVREPORT_LOCK_WAIT_MS: '300' });
  assert.is(refused.code, 1, refused.stderr);
  assert.match(oneError(refused)[0], new RegExp(`holds the lock .*\\.svreport\\.lock \\(process ${process.pid} on .*, since 2026-01-01T00:00:00\\.000Z\\)`));
  assert.equal(readdirSync(join(dir, 'out')), ['.svreport.lock'], 'nothing written, the lock left to its holder');
  // released while the next run waits: it goes on
  const waiting = svreport(dir, ['build', '--format', 'json'], { SVREPORT_LOCK_WAIT_MS: '60000' });
  setTimeout(() => void unlink(lockPath), 1500);
  const r = await waiting;
  assert.is(r.code, 0, r.stderr);
  assertManifestMatches(join(dir, 'out/report'));
});
lock('the lock of a run that is gone is taken over: a dead pid on this host at once, another host\'s once stale', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n');
  await mkdir(join(dir, 'out'));
  const lockPath = join(dir, 'out/.svreport.lock');
  const dead = deadPid();
  const write = (host: string, pid: number) =>
    writeFile(lockPath, JSON.stringify({ generator: 'short-video-report', host, pid, pidns: PIDNS, token: '0123456789abcdef', createdAt: '2026-01-01T00:00:00.000Z' }));
  await write(hostname(), dead);
  const r1 = await svreport(dir, ['build', '--format', 'json'], { SVREPORT_LOCK_WAIT_MS: '0' });
  assert.is(r1.code, 0, r1.stderr);
  await write('another-container', 12345);
  const fresh = await svreport(dir, ['build', '--format', 'json'], { SVREPORT_LOCK_WAIT_MS: '0' });
  assert.is(fresh.code, 1, 'another host\'s fresh lock is respected');
  const old = new Date(Date.now() - 10 * 60_000);
  await utimes(lockPath, old, old);
  const r2 = await svreport(dir, ['build', '--format', 'json'], { SVREPORT_LOCK_WAIT_MS: '0' });
  assert.is(r2.code, 0, r2.stderr);
  assert.equal(readdirSync(join(dir, 'out')).sort(), ['report']);
});

// ---
const recover = suite('integrity: what a killed run left is recovered by the next');

/** Writes an own snapshot of `files` into `dir` (as a run of svreport left it). */
async function ownSnapshot(dir: string, files: Record<string, string>, id = 'report'): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const manifest = {
    generator: { name: 'short-video-report', version: '0' },
    generatedAt: '2025-12-01T00:00:00Z',
    report: { id, title: id },
    period: { from: null, to: null, label: 'old' },
    files: Object.entries(files).map(([name, text]) => ({ name, bytes: Buffer.byteLength(text), sha256: sha256(Buffer.from(text)) })),
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
}
const marker = (pid: number) => JSON.stringify({ generator: 'short-video-report', host: hostname(), pid, pidns: PIDNS, token: 'fedcba9876543210', createdAt: new Date().toISOString() });

recover('leftovers on disk: an old copy whose target is missing comes back, committed copies and marked staging folders of dead runs go, the rest stays', async () => {
  const dir = await project('output: { dir: "out/{report}/{period}" }\nperiod: { from: "2025-01-01", to: "2025-01-31" }\n');
  const reportDir = join(dir, 'out/report');
  // a swap of 2025-W01 stopped between its renames: only the old copy is left
  await ownSnapshot(join(reportDir, '.2024-12.old-0a1b2c3d4e5f6071'), { 'metrics.json': '{"old":1}' });
  // a swap that completed, but its old copy was not removed yet
  await ownSnapshot(join(reportDir, '2024-11'), { 'metrics.json': '{"new":1}' });
  await ownSnapshot(join(reportDir, '.2024-11.old-1111111111111111'), { 'metrics.json': '{"older":1}' });
  // a staging folder with our marker, and one killed after its marker went (a whole snapshot)
  await mkdir(join(reportDir, '.2024-10.partial-2222222222222222'));
  await writeFile(join(reportDir, '.2024-10.partial-2222222222222222/.svreport-staging'), marker(999_999));
  await writeFile(join(reportDir, '.2024-10.partial-2222222222222222/report.html'), 'half');
  await ownSnapshot(join(reportDir, '.2024-09.partial-3333333333333333'), { 'metrics.json': '{}' });
  // the staging folder of a run that is still running (here: this test process): left alone
  await mkdir(join(reportDir, '.2024-06.partial-6666666666666666'));
  await writeFile(join(reportDir, '.2024-06.partial-6666666666666666/.svreport-staging'), marker(process.pid));
  // look-alikes svreport cannot prove it made: left alone
  await mkdir(join(reportDir, '.2024-08.partial-4444444444444444'));
  await writeFile(join(reportDir, '.2024-08.partial-4444444444444444/mine.txt'), 'user');
  await mkdir(join(reportDir, '.2024-07.old-5555555555555555'));
  await writeFile(join(reportDir, '.2024-07.old-5555555555555555/mine.txt'), 'user');

  const r = await svreport(dir, ['build', '--format', 'json', '--json']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(readdirSync(reportDir).sort(), [
    '.2024-06.partial-6666666666666666', '.2024-07.old-5555555555555555', '.2024-08.partial-4444444444444444', '2024-11', '2024-12', '2025-01',
  ]);
  assert.is(await readFile(join(reportDir, '2024-12/metrics.json'), 'utf8'), '{"old":1}', 'the old copy is back, byte for byte');
  assert.is(await readFile(join(reportDir, '2024-11/metrics.json'), 'utf8'), '{"new":1}');
  const warnings: string[] = JSON.parse(r.stdout).warnings;
  assert.ok(warnings.some((w) => /^Restored .*2024-12 from .*\.2024-12\.old-0a1b2c3d4e5f6071, left by an interrupted run\.$/.test(w)), warnings.join('\n'));
  assert.is(warnings.filter((w) => /^Removed /.test(w)).length, 3, warnings.join('\n'));
});
recover('orphaned browser profiles of dead runs are removed; a live run\'s, another pid namespace\'s and unmarked ones stay', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n');
  const tmp = join(dir, 'tmp');
  const dead = deadPid();
  for (const [name, pid] of [['svreport-chrome-dead', dead], ['svreport-chrome-live', process.pid], ['svreport-chrome-unmarked', 0]] as const) {
    await mkdir(join(tmp, name, 'Default'), { recursive: true });
    if (pid) await writeFile(join(tmp, name, '.svreport-profile'), marker(pid));
  }
  // the same dead pid in another container's pid namespace may be a live run there
  await mkdir(join(tmp, 'svreport-chrome-otherns'));
  await writeFile(join(tmp, 'svreport-chrome-otherns/.svreport-profile'), marker(dead).replace(JSON.stringify(PIDNS), '"pid:[1]"'));
  const r = await svreport(dir, ['build', '--format', 'pdf,json'], { TMPDIR: tmp, PUPPETEER_EXECUTABLE_PATH: '/bin/false' });
  assert.is(r.code, 4, r.stderr); // /bin/false is no browser, but the profiles were swept before it was started
  assert.equal(readdirSync(tmp).sort(), ['svreport-chrome-live', 'svreport-chrome-otherns', 'svreport-chrome-unmarked']);
});
recover('a real run killed with SIGKILL mid-way: the next run cleans up and writes a snapshot whose manifest matches', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n', [HEADER, ...rows(20_000)].join('\n') + '\n');
  assert.is((await svreport(dir, ['build', '--format', 'html,json,csv'])).code, 0);
  const before = tree(join(dir, 'out/report'));
  const killed = await svreport(dir, ['build', '--format', 'html,json,csv'], { SOURCE_DATE_EPOCH: '1767312000' }, (child, err) => {
    const poll = setInterval(() => {
      // staged: a hidden folder beside the snapshot
      const staged = existsSync(join(dir, 'out')) && readdirSync(join(dir, 'out')).some((f) => f.startsWith('.report.partial-'));
      if (!staged && !/svreport: reports/.test(err())) return;
      clearInterval(poll);
      child.kill('SIGKILL');
    }, 5);
    child.on('close', () => clearInterval(poll));
  });
  assert.is(killed.code, null, 'killed');
  assert.equal(tree(join(dir, 'out/report')), before, 'the earlier snapshot is intact');
  const left = readdirSync(join(dir, 'out')).filter((f) => f.startsWith('.'));
  assert.ok(left.includes('.svreport.lock'), `the killed run left its lock: ${left}`);
  assert.ok(left.some((f) => /^\.report\.partial-[0-9a-f]{16}$/.test(f)), `and its staging folder: ${left}`);
  const r = await svreport(dir, ['build', '--format', 'html,json,csv'], { SVREPORT_LOCK_WAIT_MS: '0' });
  assert.is(r.code, 0, r.stderr);
  assert.equal(readdirSync(join(dir, 'out')).sort(), ['index.html', 'report']);
  assertManifestMatches(join(dir, 'out/report'));
});
recover('SIGQUIT, SIGUSR2 and SIGALRM mid-run: exit 128 + the signal, no staging folder or lock left, the snapshot intact', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n', [HEADER, ...rows(20_000)].join('\n') + '\n');
  assert.is((await svreport(dir, ['build', '--format', 'html,json,csv'])).code, 0);
  const before = tree(join(dir, 'out'));
  for (const [signal, code] of [['SIGQUIT', 131], ['SIGUSR2', 140], ['SIGALRM', 142]] as const) {
    let sent = false;
    const r = await svreport(dir, ['build', '--format', 'html,json,csv'], { SOURCE_DATE_EPOCH: '1767312000' }, (child) => {
      const poll = setInterval(() => {
        if (!readdirSync(join(dir, 'out')).some((f) => f.startsWith('.report.partial-'))) return;
        clearInterval(poll);
        sent = child.kill(signal);
      }, 5);
      child.on('close', () => clearInterval(poll));
    });
    assert.ok(sent, `${signal} was sent while the folder was staged: ${r.stderr}`);
    assert.is(r.code, code, r.stderr);
    assert.match(r.stderr, new RegExp(`interrupted by ${signal}; 1 unfinished snapshot\\(s\\) discarded`));
    assert.equal(tree(join(dir, 'out')), before, `${signal}: no staging folder or lock left`);
  }
});

// ---
const after = suite('integrity: failures after the commit are warnings');
after('an index.html that cannot be written: exit 0, the reports in --json, a warning, no temporary file', async () => {
  const dir = await project('output: { dir: "out/{report}" }\n');
  await mkdir(join(dir, 'out/index.html/x'), { recursive: true }); // a folder where the index goes
  const r = await svreport(dir, ['build', '--format', 'html,json', '--json']);
  assert.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.is(json.ok, true);
  assert.is(json.reports.length, 1);
  assert.is(json.index, null);
  assert.ok(json.warnings.some((w: string) => /archive index in .*out could not be \(a folder is in the way\)/.test(w)), json.warnings.join('\n'));
  assert.match(r.stderr, /svreport: warning: The reports were written, but the archive index/);
  assert.equal(readdirSync(join(dir, 'out')).sort(), ['index.html', 'report'], 'no index.html.partial-* left');
  assertManifestMatches(join(dir, 'out/report'));
});
after('an old snapshot that cannot be removed: exit 0 with a warning; the next run removes it', async () => {
  if (process.getuid?.() !== 0 || spawnSync('chattr', ['--help']).error) return; // chattr +i needs root
  const dir = await project('output: { dir: "out/{report}" }\n');
  assert.is((await svreport(dir, ['build', '--format', 'json'])).code, 0);
  const pinned = join(dir, 'out/report/metrics.json');
  if (spawnSync('chattr', ['+i', pinned]).status !== 0) return; // no immutable files on this file system
  let oldCopy = '';
  try {
    const r = await svreport(dir, ['build', '--format', 'json', '--json'], { SOURCE_DATE_EPOCH: '1767312000' });
    assert.is(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.is(json.reports.length, 1);
    assert.ok(json.warnings.some((w: string) => /previous snapshot was replaced, but its copy .*\.report\.old-[0-9a-f]+ could not be removed/.test(w)), json.warnings.join('\n'));
    oldCopy = readdirSync(join(dir, 'out')).find((f) => f.startsWith('.report.old-'))!;
    assert.ok(oldCopy, 'the copy is still there');
    assertManifestMatches(join(dir, 'out/report'));
  } finally {
    spawnSync('chattr', ['-i', oldCopy ? join(dir, 'out', oldCopy, 'metrics.json') : pinned]);
  }
  const next = await svreport(dir, ['build', '--format', 'json']);
  assert.is(next.code, 0, next.stderr);
  assert.equal(readdirSync(join(dir, 'out')).sort(), ['report']);
});

paths.run();
foreign.run();
render.run();
lock.run();
recover.run();
after.run();
