// Where the package's files are, whether the code runs from the TypeScript sources (tsx) or from
// the bundle bin/bundle.mjs makes in node_modules/.cache/svreport/<key>/ (which defines
// __SVREPORT_BUNDLE__): templates and package.json are found from the package root, and a worker
// thread runs its .ts module or its bundled .mjs next to the CLI's.
import { fileURLToPath } from 'node:url';

declare const __SVREPORT_BUNDLE__: boolean | undefined;

/** True when running from the bundle (no TypeScript loader in this process or its workers). */
export const BUNDLED = typeof __SVREPORT_BUNDLE__ !== 'undefined' && __SVREPORT_BUNDLE__;

/** The package's root folder (package.json, templates/), with a trailing separator. */
export const PACKAGE_ROOT = fileURLToPath(new URL(BUNDLED ? '../../../../' : '../', import.meta.url));

const WORKER_SOURCES = { 'read-worker': './data/read-worker.ts', 'csv-worker': './output/csv-worker.ts' } as const;

/** The module a worker thread runs (it calls serveWorker). */
export function workerModule(name: keyof typeof WORKER_SOURCES): URL {
  return new URL(BUNDLED ? `./${name}.mjs` : WORKER_SOURCES[name], import.meta.url);
}
