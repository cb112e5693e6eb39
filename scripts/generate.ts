// CLI for the sample generator: `node --import tsx scripts/generate.ts ROWS OUT.csv [SEED]`.
// Writes a deterministic 58-column seed-schema CSV (see src/sample/generate.ts) and reports
// rows, size and wall time on stderr; data/sample.csv is 3000 rows with the default seed.
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EXIT } from '../src/errors.ts';
import { writeSampleCsv } from '../src/sample/generate.ts';

const USAGE = 'usage: node --import tsx scripts/generate.ts ROWS OUT.csv [SEED]';

async function main(argv: string[]): Promise<number> {
  const [rowsArg, outPath, seedArg, ...extra] = argv;
  const rows = Number(rowsArg?.replace(/_/g, ''));
  const seed = seedArg === undefined ? undefined : Number(seedArg);
  const validSeed = seed === undefined || (Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff);
  if (!outPath || extra.length > 0 || !/^\d[\d_]*$/.test(rowsArg ?? '') || !Number.isSafeInteger(rows) || !validSeed) {
    console.error(USAGE);
    console.error('  ROWS: a whole number of rows (1_000_000 is fine); SEED: an integer 0..4294967295 (default 20250101)');
    return EXIT.usage;
  }
  await mkdir(dirname(outPath), { recursive: true });
  const started = performance.now();
  await writeSampleCsv(outPath, rows, seed);
  const seconds = (performance.now() - started) / 1000;
  const { size } = await stat(outPath);
  console.error(`wrote ${rows} rows, ${(size / 1e6).toFixed(2)} MB, to ${outPath} in ${seconds.toFixed(2)} s`);
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    console.error(`generate: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = EXIT.unexpected;
  },
);
