// The CLI runs from one esbuild bundle of src/ and of the packages it uses (plus one per worker
// thread, and its Handlebars templates precompiled), made on first use and cached in
// node_modules/.cache/svreport/<key>, where <key> hashes every file under src/ and templates/,
// this file, and the installed versions of the bundled packages: any change to them or an
// `npm install` that changes a package makes a new bundle. Against tsx's loader this saves
// ~0.3 s of start-up and ~40 MB per worker thread (no loader thread, no per-module transform);
// against loading the packages from node_modules, another ~0.1 s (vega and vega-lite alone are
// some 60 modules to resolve and load); precompiled templates ~40 ms. Plain JavaScript: it runs
// before anything can load TypeScript.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Packages loaded from node_modules, not bundled: puppeteer (its config loader would pull the
 * TypeScript compiler and a PAC-script engine into the bundle, 14 MB, and it finds the browsers
 * it downloaded through its own files) and the tools that make or replace the bundle.
 */
export const EXTERNAL = ['puppeteer', 'puppeteer-core', 'tsx', 'esbuild'];
/** Entry points: src/paths.ts finds the workers by these names next to cli.mjs. */
export const ENTRIES = { cli: 'src/cli.ts', 'read-worker': 'src/data/read-worker.ts', 'csv-worker': 'src/output/csv-worker.ts' };
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
 * The file URL of the bundled CLI, building it first when the sources changed; null when it
 * cannot be built (no esbuild, a read-only install): the caller runs the sources through tsx.
 */
export async function cliBundle({ root = ROOT, onBuild } = {}) {
  try {
    const cache = join(root, 'node_modules', '.cache', 'svreport');
    const dir = join(cache, bundleKey(root));
    const entry = join(dir, 'cli.mjs');
    if (!existsSync(entry)) {
      onBuild?.(dir);
      await build(root, cache, dir);
    }
    return pathToFileURL(entry).href;
  } catch {
    return null;
  }
}

async function build(root, cache, dir) {
  const { build: esbuild } = await import('esbuild');
  mkdirSync(cache, { recursive: true });
  // built aside and renamed into place: a process that finds cli.mjs finds every entry
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    await esbuild({
      absWorkingDir: root,
      entryPoints: ENTRIES,
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: EXTERNAL,
      // CommonJS packages (handlebars, papaparse, ...) call require() for Node's built-ins
      banner: { js: "import { createRequire as __svreportRequire } from 'node:module'; const require = __svreportRequire(import.meta.url);" },
      define: { __SVREPORT_BUNDLE__: 'true' },
      legalComments: 'none',
      logLevel: 'silent',
    });
    await precompileTemplates(root, tmp);
    try {
      renameSync(tmp, dir);
    } catch (err) {
      if (!existsSync(join(dir, 'cli.mjs'))) throw err; // another process won the race: use its bundle
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  prune(cache, dir);
}

/** The options of every template: TEMPLATE_OPTIONS in src/output/html.ts (the bundle test compares HTML made both ways). */
const TEMPLATE_OPTIONS = { strict: false, noEscape: false, preventIndent: true };

/**
 * templates.mjs beside the CLI: every file under templates/ precompiled by Handlebars, keyed by
 * its path there (html.ts takes them instead of compiling the templates in every run).
 */
async function precompileTemplates(root, outDir) {
  const dir = join(root, 'templates');
  if (!existsSync(dir)) return;
  const { default: Handlebars } = await import('handlebars');
  const entries = sourceFiles(dir).map((file) => {
    const key = file.slice(dir.length + 1).split(sep).join('/');
    return `  ${JSON.stringify(key)}: ${Handlebars.precompile(readFileSync(file, 'utf8'), TEMPLATE_OPTIONS)},`;
  });
  writeFileSync(join(outDir, 'templates.mjs'), `// Made by bin/bundle.mjs from templates/\nexport default {\n${entries.join('\n')}\n};\n`);
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
