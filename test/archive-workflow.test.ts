// The GitHub Actions recipe: it parses, builds with --send between restoring and keeping the
// archive, and its two git steps, run here as written against a local bare "origin", start the
// reports branch, restore it on the next run and commit only what svreport left visible.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { tempDir } from './helpers/tmp.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
interface Step { name?: string; uses?: string; id?: string; if?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> }
const workflow = parse(readFileSync(join(ROOT, '.github/workflows/weekly-report.yml'), 'utf8'));
const steps: Step[] = workflow.jobs.report.steps;
const step = (re: RegExp) => {
  const found = steps.filter((s) => re.test(s.name ?? ''));
  assert.is(found.length, 1, String(re));
  return found[0];
};

// ---
const recipe = suite('weekly-report.yml');
recipe('restores the archive, builds and sends, keeps the archive even after a failure, uploads', () => {
  assert.equal(workflow.on.schedule, [{ cron: '0 6 * * 1' }]);
  assert.is(workflow.permissions.contents, 'write');
  const names = steps.map((s) => s.name ?? s.uses);
  const at = (re: RegExp) => names.findIndex((n) => re.test(n ?? ''));
  assert.ok(at(/^Restore the archive/) < at(/^Build/) && at(/^Build/) < at(/^Keep the archive/) && at(/^Keep the archive/) < at(/^Upload/));
  const build = step(/^Build/);
  assert.match(build.run!, /npx svreport build --config report\.config\.yaml --out out/);
  assert.match(build.run!, /send=\(--send\)/);
  assert.is(build.env!.SMTP_PASSWORD, '${{ secrets.SMTP_PASSWORD }}');
  assert.is(build.env!.SVREPORT_SMTP_URL, '${{ secrets.SVREPORT_SMTP_URL }}');
  assert.not.match(JSON.stringify(workflow), /password:|smtp:\/\/[^"]*:[^"]*@/i); // no secret written into the recipe
  assert.is(step(/^Keep the archive/).if, "always() && steps.restore.outcome == 'success'");
  assert.is(step(/^Upload/).if, 'always()');
});
recipe.run();

// ---
const git = suite('weekly-report.yml: the archive on the reports branch');
const env = { ...process.env, HOME: '', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', RUN: '7' };
const sh = (cwd: string, script: string) => {
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8' });
  assert.is(r.status, 0, `${script}\n${r.stdout}${r.stderr}`);
  return r.stdout;
};
const gitOut = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' });

git('the first run starts the branch, the next restores it, hidden staging stays out', async () => {
  const base = await tempDir('svreport-wf-');
  env.HOME = base;
  const origin = join(base, 'origin.git');
  gitOut(base, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  const seed = join(base, 'seed');
  gitOut(base, 'init', '--quiet', '--initial-branch=main', seed);
  await writeFile(join(seed, 'report.config.yaml'), 'input: { path: data/videos.csv }\n');
  gitOut(seed, 'add', '.');
  gitOut(seed, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'project');
  gitOut(seed, 'push', '--quiet', origin, 'main');
  const checkout = async (name: string) => {
    gitOut(base, 'clone', '--quiet', '--depth=1', `file://${origin}`, name);
    return join(base, name);
  };
  const restore = step(/^Restore the archive/).run!;
  const keep = step(/^Keep the archive/).run!;

  // week 1: no reports branch yet
  const one = await checkout('run1');
  sh(one, restore);
  assert.ok(!existsSync(join(one, 'out/report.config.yaml')), 'the archive does not start with the project files');
  await mkdir(join(one, 'out/report/2025-W49'), { recursive: true });
  await writeFile(join(one, 'out/report/2025-W49/manifest.json'), '{}');
  await writeFile(join(one, 'out/index.html'), 'w49');
  await mkdir(join(one, 'out/report/.2025-W50.partial-ab12'), { recursive: true });
  await writeFile(join(one, 'out/report/.2025-W50.partial-ab12/report.html'), 'half');
  await writeFile(join(one, 'out/.svreport.lock'), '1');
  sh(one, keep);
  const tree = () => gitOut(base, '--git-dir', origin, 'ls-tree', '-r', '--name-only', 'reports').trim().split('\n');
  assert.equal(tree(), ['index.html', 'report/2025-W49/manifest.json']);

  // week 2: restored, one more snapshot
  const two = await checkout('run2');
  sh(two, restore);
  assert.is(readFileSync(join(two, 'out/index.html'), 'utf8'), 'w49');
  await mkdir(join(two, 'out/report/2025-W50'), { recursive: true });
  await writeFile(join(two, 'out/report/2025-W50/manifest.json'), '{}');
  await writeFile(join(two, 'out/index.html'), 'w50');
  sh(two, keep);
  assert.equal(tree(), ['index.html', 'report/2025-W49/manifest.json', 'report/2025-W50/manifest.json']);
  assert.is(gitOut(base, '--git-dir', origin, 'rev-list', '--count', 'reports').trim(), '2');
  assert.is(gitOut(base, '--git-dir', origin, 'log', '-1', '--format=%s', 'reports').trim(), 'Weekly reports, run 7');

  // a run that changed nothing (a failed build) commits nothing
  const three = await checkout('run3');
  sh(three, restore);
  assert.match(sh(three, keep), /The archive is unchanged\./);
  assert.is(gitOut(base, '--git-dir', origin, 'rev-list', '--count', 'reports').trim(), '2');
  assert.is(gitOut(base, '--git-dir', origin, 'rev-list', '--count', 'main').trim(), '1', 'main is untouched');
});
git.run();
