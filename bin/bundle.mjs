// The CLI runs from one esbuild bundle of src/ and of the packages it uses (plus one per worker
// thread, and its Handlebars templates precompiled), made on first use and cached in
// node_modules/.cache/svreport/<key>, where <key> hashes every file under src/ and templates/,
// this file, and the installed versions of the bundled packages: any change to them or an
// `npm install` that changes a package makes a new bundle. Against tsx's loader this saves
// ~0.3 s of start-up and ~40 MB per worker thread (no loader thread, no per-module transform);
// against loading the packages from node_modules, another ~0.1 s (vega and vega-lite alone are
// some 60 modules to resolve and load); precompiled templates ~40 ms. Plain JavaScript: it runs
// before anything can load TypeScript.
//
// The CLI's bundle is CommonJS (cli.cjs), compiled through node:vm with V8's code cache
// (cli.cjs.v8cache beside it, written at the end of the first successful `build`): V8 then takes
// the bytecode of every function that build ran instead of compiling the 3 MB again, top level
// and lazily, in every run (~50 ms of the main thread a build; Node 20 has no compile cache of
// its own for ES modules). The worker threads' bundles stay ES modules.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * Packages loaded from node_modules, not bundled: puppeteer (its config loader would pull the
 * TypeScript compiler and a PAC-script engine into the bundle, 14 MB, and it finds the browsers
 * it downloaded through its own files) and the tools that make or replace the bundle.
 */
export const EXTERNAL = ['puppeteer', 'puppeteer-core', 'tsx', 'esbuild'];
/** Entry points: src/paths.ts finds the workers by these names next to cli.cjs. */
export const CLI_ENTRY = { cli: 'src/cli.ts' };
export const WORKER_ENTRIES = { 'read-worker': 'src/data/read-worker.ts', 'csv-worker': 'src/output/csv-worker.ts' };
/** Bundles of older sources are removed once they have not been touched for this long. */
const PRUNE_AFTER_MS = 24 * 3600 * 1000;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

/** The cache key of the current sources (contents, not times: a checkout that keeps sizes still changes it). */
export function bundleKey(root = ROOT) {
  // this file's own text first: a change to how bundles are made makes new ones
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)));
  for (const dir of ['src', 'templates']) {
    const files = existsSync(join(root, dir)) ? sourceFiles(join(root, dir)) : [];
    for (const file of files) hash.update(`\0${file.slice(root.length)}\0`).update(readFileSync(file));
  }
  for (const file of installedPackageFiles(root)) hash.update(`\0${file}\0`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The files that tell which versions of the bundled packages are installed: each dependency's
 * package.json where Node resolves it (the package's own node_modules, or a parent's once
 * hoisted), and npm's record of the whole tree in each of those node_modules
 * (.package-lock.json: it changes when `npm install` moves any package, a dependency's
 * dependency too).
 */
function installedPackageFiles(root) {
  const manifest = join(root, 'package.json');
  const { dependencies = {} } = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : {};
  const files = new Set();
  for (const name of Object.keys(dependencies).sort()) {
    if (EXTERNAL.includes(name)) continue;
    for (let dir = root; ; dir = dirname(dir)) {
      const installed = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(installed)) {
        const tree = join(dir, 'node_modules', '.package-lock.json');
        if (existsSync(tree)) files.add(tree);
        files.add(installed);
        break;
      }
      if (dirname(dir) === dir) break;
    }
  }
  return [...files];
}

/**
 * The path of the bundled CLI (cli.cjs), building it first when the sources changed; null when
 * it cannot be built (no esbuild, a read-only install): the caller runs the sources through tsx.
 */
export async function cliBundle({ root = ROOT, onBuild } = {}) {
  try {
    const cache = join(root, 'node_modules', '.cache', 'svreport');
    const dir = join(cache, bundleKey(root));
    const entry = join(dir, 'cli.cjs');
    if (!existsSync(entry)) {
      onBuild?.(dir);
      await build(root, cache, dir);
    }
    return entry;
  } catch {
    return null;
  }
}

/**
 * Runs the bundled CLI's module (a CommonJS file) and returns its exports. V8 takes the code
 * cache beside it when it matches (same source, V8 version and flags); without one, or when V8
 * refused it, the cache is written when the process ends after a successful `build` (the CLI's
 * completedBuild(): a build runs nearly every function of the bundle, `--version` or a failed run
 * a few), to a temporary name and renamed into place. A read-only install runs without it.
 */
export function loadBundle(file, { writeCacheAfter = (code, exports) => code === 0 && exports.completedBuild?.() === true } = {}) {
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // "use strict": the same semantics as the ES module the sources are (line numbers unchanged)
  const wrapped = `(function (exports, require, module, __filename, __dirname) { "use strict"; ${readFileSync(file, 'utf8')}\n})`;
  // no importModuleDynamically: the bundle has no import() (Node 20 warns that the loader it would take is experimental)
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const module = { exports: {} };
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', (code) => {
      if (!writeCacheAfter(code, module.exports)) return;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        rmSync(tmp, { force: true });
      }
    });
  }
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

async function build(root, cache, dir) {
  const { build: esbuild } = await import('esbuild');
  mkdirSync(cache, { recursive: true });
  // built aside and renamed into place: a process that finds cli.cjs finds every entry
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    outdir: tmp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    legalComments: 'none',
    logLevel: 'silent',
  };
  try {
    await esbuild({
      ...common,
      entryPoints: WORKER_ENTRIES,
      outExtension: { '.js': '.mjs' },
      format: 'esm',
      // CommonJS packages (handlebars, papaparse, ...) call require() for Node's built-ins
      banner: { js: "import { createRequire as __svreportRequire } from 'node:module'; const require = __svreportRequire(import.meta.url);" },
      define: { __SVREPORT_BUNDLE__: 'true' },
    });
    await esbuild({
      ...common,
      entryPoints: CLI_ENTRY,
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      banner: {
        js:
          "const __svreportUrl = require('node:url').pathToFileURL(__filename).href;\n" +
          `const __svreportTemplates = ${(await precompiledTemplates(root)) ?? 'null'};`,
      },
      define: { __SVREPORT_BUNDLE__: 'true', 'import.meta.url': '__svreportUrl' },
      plugins: [vegaCanvasWithoutNode],
    });
    try {
      renameSync(tmp, dir);
    } catch (err) {
      if (!existsSync(join(dir, 'cli.cjs'))) throw err; // another process won the race: use its bundle
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  prune(cache, dir);
}

/**
 * vega-canvas's Node build awaits import('canvas') at its top level, which CommonJS cannot; its
 * browser build, beside it, is the same without node-canvas (which this package never installs,
 * so the Node build finds none either): the CLI's bundle takes that one.
 */
const vegaCanvasWithoutNode = {
  name: 'vega-canvas-without-node',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'inner' });
      if (found.errors.length || !found.path.endsWith('vega-canvas.node.js')) return found;
      return { path: found.path.replace(/vega-canvas\.node\.js$/, 'vega-canvas.browser.js') };
    });
  },
};

/** The options of every template: TEMPLATE_OPTIONS in src/output/html.ts (the bundle test compares HTML made both ways). */
const TEMPLATE_OPTIONS = { strict: false, noEscape: false, preventIndent: true };

/**
 * Every file under templates/ precompiled by Handlebars, keyed by its path there, as the source
 * of an object literal (null without templates/): it opens the CLI's bundle as
 * `__svreportTemplates`, which html.ts takes instead of compiling the templates in every run.
 */
async function precompiledTemplates(root) {
  const dir = join(root, 'templates');
  if (!existsSync(dir)) return null;
  const { default: Handlebars } = await import('handlebars');
  const entries = sourceFiles(dir).map((file) => {
    const key = file.slice(dir.length + 1).split(sep).join('/');
    return `${JSON.stringify(key)}: ${Handlebars.precompile(readFileSync(file, 'utf8'), TEMPLATE_OPTIONS)}`;
  });
  return `{\n${entries.join(',\n')}\n}`;
}

/** Removes bundles of other sources that nothing has used for a day (a running CLI may still need its own). */
function prune(cache, keep) {
  const now = Date.now();
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (path === keep) continue;
    try {
      if (now - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}
