// Golden test: the whole metrics.json of a fixed fixture (test/fixtures/golden) compared with
// a reviewed copy. After a deliberate change, regenerate with UPDATE_GOLDEN=1 npm test and
// review the diff of test/fixtures/golden/metrics.json before committing it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/load.ts';
import { readDataset, readOptionsFromConfig } from '../src/data/read.ts';
import { deriveMetrics } from '../src/data/derive.ts';
import { buildReportModel, computeReportModel, planReport } from '../src/model.ts';
import { SECTIONS } from '../src/sections/registry.ts';
import { toJson } from '../src/output/json.ts';
import { GlyphCoverage } from '../src/output/fonts.ts';

const DIR = resolve('test/fixtures/golden');
const golden = suite('golden metrics.json');

async function goldenInput() {
  const config = await loadConfig({ configPath: join(DIR, 'config.yaml'), cwd: DIR });
  const dataset = await readDataset(readOptionsFromConfig(config));
  const derived = deriveMetrics(dataset, config.scoring);
  return {
    dataset,
    derived,
    config,
    report: config.reports[0],
    clock: { generatedAt: '2025-04-01T00:00:00Z', runDay: Date.UTC(2025, 3, 1) / 864e5 },
    tool: { name: 'short-video-report', version: '0.0.0-golden' },
    inputPath: 'input.csv',
    glyphs: new GlyphCoverage(null), // the Unicode rules alone: the same figures whatever fonts this machine has
  };
}

golden('the fixture builds exactly the reviewed metrics.json', async () => {
  const { model } = buildReportModel(await goldenInput());
  const json = toJson(model);
  const path = join(DIR, 'metrics.json');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, json);
  assert.fixture(json, readFileSync(path, 'utf8'));
});

golden('section by section (the run pauses between them for the prints): the same model', async () => {
  const input = await goldenInput();
  let pauses = 0;
  const { model } = await computeReportModel(input, planReport(input), async () => {
    pauses++;
    await new Promise((resolve) => setImmediate(resolve)); // what the run does: other work happens meanwhile
  });
  assert.is(pauses, 9, 'after the scope, after each of the seven sections and before the previous period');
  assert.is(pauses, SECTIONS.length + 2);
  assert.fixture(toJson(model), readFileSync(join(DIR, 'metrics.json'), 'utf8'));
});

golden.run();
