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
import { buildReportModel } from '../src/model.ts';
import { toJson } from '../src/output/json.ts';

const DIR = resolve('test/fixtures/golden');
const golden = suite('golden metrics.json');

golden('the fixture builds exactly the reviewed metrics.json', async () => {
  const config = await loadConfig({ configPath: join(DIR, 'config.yaml'), cwd: DIR });
  const dataset = await readDataset(readOptionsFromConfig(config));
  const derived = deriveMetrics(dataset, config.scoring);
  const { model } = buildReportModel({
    dataset,
    derived,
    config,
    report: config.reports[0],
    clock: { generatedAt: '2025-04-01T00:00:00Z', runDay: Date.UTC(2025, 3, 1) / 864e5 },
    tool: { name: 'short-video-report', version: '0.0.0-golden' },
    inputPath: 'input.csv',
  });
  const json = toJson(model);
  const path = join(DIR, 'metrics.json');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, json);
  assert.fixture(json, readFileSync(path, 'utf8'));
});

golden.run();
