// bin/bundle.mjs: the CLI and its worker threads run from an esbuild bundle of src/, cached by a
// hash of the sources; and the bundled CLI (with its bundled workers) writes what the sources do.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuiltin } from 'node:module';
import { tempDir } from './helpers/tmp.ts';
// @ts-expect-error plain JavaScript module without types
import { bundleKey, cliBundle, loadBundle } from '../bin/bundle.mjs';

const ROOT = resolve('.');
const BIN = join(ROOT, 'bin/svreport.js');

/** A package with the three entry points; cli.ts reports where paths.ts (the real one) looks. */
function miniPackage(dir: string): string {
  mkdirSync(join(dir, 'src/data'), { recursive: true });
  mkdirSync(join(dir, 'src/output'), { recursive: true });
  cpSync(join(ROOT, 'src/paths.ts'), join(dir, 'src/paths.ts'));
  writeFileSync(
    join(dir, 'src/cli.ts'),
    "import { BUNDLED, PACKAGE_ROOT, workerModule } from './paths.ts';\n" +
      'export const run = () => ({ bundled: BUNDLED, root: PACKAGE_ROOT, csvWorker: workerModule(\'csv-worker\').href,\n' +
      '  strict: function (this: unknown) { return this; }.call(undefined) === undefined });\n',
  );
  writeFileSync(join(dir, 'src/data/read-worker.ts'), 'export const part: number = 1;\n');
  writeFileSync(join(dir, 'src/output/csv-worker.ts'), 'export const pass: number = 2;\n');
  return dir;
}

const b = suite('bundle');

b('the key follows the contents of src/ and templates/, not file times', async () => {
  const root = miniPackage(await tempDir('bundle-key-'));
  const key = bundleKey(root);
  assert.match(key, /^[0-9a-f]{16}$/);
  utimesSync(join(root, 'src/cli.ts'), new Date(0), new Date(0));
  assert.is(bundleKey(root), key, 'touching a file changes nothing');
  writeFileSync(join(root, 'src/data/read-worker.ts'), 'export const part: number = 3;\n');
  assert.is.not(bundleKey(root), key, 'a changed source makes a new bundle');
  writeFileSync(join(root, 'src/new.ts'), '');
  const withNew = bundleKey(root);
  writeFileSync(join(root, 'src/new2.ts'), '');
  assert.is.not(bundleKey(root), withNew, 'so does a new file');
  const withoutTemplates = bundleKey(root);
  mkdirSync(join(root, 'templates'));
  writeFileSync(join(root, 'templates/layout.hbs'), '<p>{{title}}</p>\n');
  const withTemplate = bundleKey(root);
  assert.is.not(withTemplate, withoutTemplates, 'a template is precompiled into the bundle');
  writeFileSync(join(root, 'templates/layout.hbs'), '<p>{{title}}!</p>\n');
  assert.is.not(bundleKey(root), withTemplate, 'a changed template makes a new bundle');
});

b('the key follows the installed versions of the bundled packages, hoisted or not, and not of puppeteer', async () => {
  const parent = await tempDir('bundle-deps-');
  const root = miniPackage(join(parent, 'node_modules/short-video-report'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { vega: '^6.0.0', yaml: '^2.0.0', puppeteer: '^24.0.0' } }));
  const install = (dir: string, name: string, version: string) => {
    mkdirSync(join(dir, 'node_modules', name), { recursive: true });
    writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  };
  install(root, 'vega', '6.0.0'); // nested in the package's own node_modules
  install(parent, 'yaml', '2.0.0'); // hoisted into the project's
  install(parent, 'puppeteer', '24.0.0');
  const key = bundleKey(root);
  install(root, 'vega', '6.0.1');
  const vega = bundleKey(root);
  assert.is.not(vega, key, 'an updated package beside the sources');
  install(parent, 'yaml', '2.0.1');
  const yaml = bundleKey(root);
  assert.is.not(yaml, vega, 'an updated hoisted package');
  writeFileSync(join(parent, 'node_modules/.package-lock.json'), '{"packages":{"node_modules/vega-scenegraph":{"version":"6.0.1"}}}');
  const tree = bundleKey(root);
  assert.is.not(tree, yaml, "npm's record of the tree (a dependency's dependency moved)");
  install(parent, 'puppeteer', '24.1.0');
  assert.is(bundleKey(root), tree, 'puppeteer is loaded from node_modules: its version is not part of the key');
});

b('built once into node_modules/.cache/svreport/<key>; the bundle finds the package root and its workers', async () => {
  const root = miniPackage(await tempDir('bundle-build-'));
  const built: string[] = [];
  const stale = join(root, 'node_modules/.cache/svreport/0000000000000000');
  const recent = join(root, 'node_modules/.cache/svreport/1111111111111111');
  mkdirSync(stale, { recursive: true });
  mkdirSync(recent, { recursive: true });
  utimesSync(stale, new Date(Date.now() - 3 * 86400e3), new Date(Date.now() - 3 * 86400e3));
  const entry: string = await cliBundle({ root, onBuild: (dir: string) => built.push(dir) });
  const dir = join(root, 'node_modules/.cache/svreport', bundleKey(root));
  assert.equal(built, [dir]);
  assert.is(entry, join(dir, 'cli.cjs'));
  for (const f of ['cli.cjs', 'read-worker.mjs', 'csv-worker.mjs']) assert.ok(existsSync(join(dir, f)), f);
  assert.match(readFileSync(entry, 'utf8'), /^const __svreportTemplates = null;$/m, 'no templates/, nothing precompiled');
  assert.not.ok(existsSync(stale), 'a bundle nothing used for days is removed');
  assert.ok(existsSync(recent), 'a recent one may belong to a running CLI: kept');

  const { run } = loadBundle(entry, { writeCacheAfter: () => false });
  const seen = run();
  assert.is(seen.bundled, true);
  assert.is(seen.root, join(root, '/'));
  assert.is(fileURLToPath(seen.csvWorker), join(dir, 'csv-worker.mjs'));
  assert.is(seen.strict, true, 'strict mode, as the ES modules of the sources');

  assert.is(await cliBundle({ root, onBuild: (d: string) => built.push(d) }), entry);
  assert.is(built.length, 1, 'the second call reuses the bundle');
});

b("V8's code cache: written after a successful build, taken when it matches, replaced when V8 refuses it", async () => {
  const entry: string | null = await cliBundle();
  assert.ok(entry);
  const cache = `${entry}.v8cache`;
  const out = await tempDir('bundle-cache-');
  const cli = (args: string[], status = 0) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
    assert.is(r.status, status, r.stderr);
    return r;
  };
  const build = (dir: string) => {
    const r = cli(['build', '-i', 'data/sample.csv', '-o', join(out, dir), '-f', 'html,json', '-q']);
    assert.is(r.stderr, '', 'nothing on stderr (no warning from Node either)');
    return readFileSync(join(out, dir, 'report/report.html'), 'utf8');
  };
  rmSync(cache, { force: true });
  assert.match(cli(['--version']).stdout, /\d+\.\d+\.\d+/);
  assert.not.ok(existsSync(cache), '--version runs a few functions: no cache from it');
  cli(['build', '-i', join(out, 'missing.csv'), '-o', join(out, 'failed'), '-q'], 3);
  assert.not.ok(existsSync(cache), 'nor from a failed build');
  cli(['validate', '-i', 'data/sample.csv', '-q']);
  assert.not.ok(existsSync(cache), 'nor from validate');
  const first = build('first');
  assert.ok(existsSync(cache), 'a build writes it');
  const old = Math.floor(Date.now() / 1000) - 3600; // whole seconds: mtimeMs is a float
  utimesSync(cache, old, old);
  const cached = build('cached');
  assert.is(Math.round(statSync(cache).mtimeMs / 1000), old, 'V8 took it: not written again');
  assert.ok(cached === first, 'the same report with the cache');
  writeFileSync(cache, Buffer.alloc(4096, 7));
  const refused = build('refused');
  assert.ok(refused === first, 'the same report when V8 refuses the cache');
  assert.ok(statSync(cache).size > 100_000, 'a refused cache is replaced');
  assert.not.ok(readdirSync(dirname(cache)).some((f) => f.endsWith('.tmp')), 'no temporary file left');
});

b('sources that do not build: null, so bin/svreport.js falls back to tsx', async () => {
  const root = miniPackage(await tempDir('bundle-broken-'));
  writeFileSync(join(root, 'src/cli.ts'), 'export const run = (;\n');
  assert.is(await cliBundle({ root }), null);
});

b('the bundled CLI and its bundled worker threads write what the sources write on one thread', async () => {
  const out = await tempDir('bundle-cli-');
  const run = (env: Record<string, string>, dir: string) => {
    const r = spawnSync(process.execPath, [BIN, 'build', '-i', 'data/sample.csv', '-o', join(out, dir), '-f', 'html,json,csv', '-q'], {
      cwd: ROOT,
      env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600', ...env },
      encoding: 'utf8',
    });
    assert.is(r.status, 0, r.stderr);
    return {
      json: readFileSync(join(out, dir, 'report/metrics.json'), 'utf8'),
      html: readFileSync(join(out, dir, 'report/report.html'), 'utf8'),
      csv: readFileSync(join(out, dir, 'report/filtered.csv')),
    };
  };
  // every file is "large": the read splits across a worker and filtered.csv is written on one
  const bundled = run({ SVREPORT_PARALLEL_MIN_BYTES: '1', SVREPORT_CSV_WORKER_MIN_BYTES: '1' }, 'bundled');
  const sources = run({ SVREPORT_NO_BUNDLE: '1', SVREPORT_THREADS: '1' }, 'sources');
  assert.ok(bundled.csv.length > 100_000);
  assert.ok(bundled.csv.equals(sources.csv), 'filtered.csv byte for byte');
  assert.is(bundled.json, sources.json);
  // the bundle's templates were precompiled when it was made, the sources compile them now
  assert.ok(bundled.html.length > 100_000);
  assert.ok(bundled.html === sources.html, 'report.html differs');
});

b('the real bundle holds the packages but puppeteer, which only the runs that print load', async () => {
  const entry: string | null = await cliBundle();
  assert.ok(entry, 'the CLI bundles');
  const code = readFileSync(entry!, 'utf8');
  assert.not.match(code, /\bimport\(/, 'no import(): the bundle runs in node:vm without a module loader');
  assert.match(code, /^const __svreportTemplates = \{\n[^]*?^"layout\.hbs": \{"0":function/m, 'the templates, precompiled');
  const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  assert.ok(required.includes('node:fs'));
  assert.equal(required.filter((m) => !isBuiltin(m)), [], 'no package is loaded from node_modules');
  for (const inlined of ['vega-lite', 'vega-scenegraph', 'handlebars', 'yargs', 'yaml', 'luxon']) {
    assert.ok(code.includes(`// node_modules/${inlined}/`), `${inlined} is in the bundle`);
  }
  // a process where loading puppeteer fails: runs that print nothing do not notice
  const dir = await tempDir('bundle-no-puppeteer-');
  const refuse = join(dir, 'refuse-puppeteer.cjs');
  writeFileSync(
    refuse,
    "const Module = require('node:module');\n" +
      'const resolve = Module._resolveFilename;\n' +
      "Module._resolveFilename = function (request, ...rest) { if (request === 'puppeteer') throw new Error('puppeteer was loaded'); return resolve.call(this, request, ...rest); };\n",
  );
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--require', refuse, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
  assert.is(run(['--version']).status, 0);
  const validate = run(['validate', '-i', 'data/sample.csv', '--json']);
  assert.is(validate.status, 0, validate.stderr);
  const html = run(['build', '-i', 'data/sample.csv', '-o', join(dir, 'out'), '-f', 'html,json', '-q']);
  assert.is(html.status, 0, html.stderr);
  const pdf = run(['build', '-i', 'data/sample.csv', '-o', join(dir, 'out-pdf'), '-f', 'pdf', '-q']);
  assert.is.not(pdf.status, 0, 'the hook does refuse puppeteer to a run that prints');
  assert.match(pdf.stderr, /puppeteer was loaded/);
});

b.run();
