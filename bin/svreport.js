#!/usr/bin/env node
// Runs the CLI from a bundle of the TypeScript sources, made and cached on first use (see
// bundle.mjs). With --debug, SVREPORT_NO_BUNDLE=1, or when no bundle can be made, the sources
// run through tsx's loader instead (stack traces then name the .ts lines).
import { cliBundle, loadBundle } from './bundle.mjs';

const useSources = process.env.SVREPORT_NO_BUNDLE === '1' || process.argv.includes('--debug');
const bundle = useSources ? null : await cliBundle();
if (bundle) {
  const { run } = loadBundle(bundle);
  await run();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { run } = await import('../src/cli.ts');
  await run();
}
