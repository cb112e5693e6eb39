// The CLI runs from one esbuild bundle of src/ (plus one per worker thread), made on first use
// and cached in node_modules/.cache/svreport/<key>, where <key> hashes every file under src/:
// any change to the sources makes a new bundle. Against tsx's loader this saves ~0.3 s of
// start-up and ~40 MB per worker thread (no loader thread, no per-module transform); packages
// stay external (node_modules). Plain JavaScript: it runs before anything can load TypeScript.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bump when the bundle's options change: old caches are then not reused. */
const FORMAT = 'svreport-bundle-1';
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
  const hash = createHash('sha256').update(FORMAT);
  for (const file of sourceFiles(join(root, 'src'))) hash.update(`\0${file.slice(root.length)}\0`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
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
      packages: 'external',
      define: { __SVREPORT_BUNDLE__: 'true' },
      legalComments: 'none',
      logLevel: 'silent',
    });
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
