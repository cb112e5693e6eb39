// Segments take a metric's values from vocabulary.ts's metricValues, as growth does: a rate
// comparison needs the views column its rate is per (the reader refuses an input without views,
// so only a hand-made dataset shows this).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StatsScratch } from '../../../src/stats/group.ts';
import { computeSegments } from '../../../src/sections/segments/compute.ts';
import { deriveMetrics } from '../../../src/data/derive.ts';
import { buildScope } from '../../../src/data/scope.ts';
import { makeDataset } from '../../helpers/dataset.ts';
import { testConfig, testReport, testSections } from '../../helpers/config.ts';

const s = suite('computeSegments: metric values');
s('engagement rate without a views column: unavailable, naming the views column', () => {
  const ds = makeDataset({ platform: ['A', 'B'], likes: [1, 2] });
  const config = testConfig();
  const derived = deriveMetrics(ds, config.scoring);
  const report = testReport({ sections: testSections({ segments: [{ by: 'platform', metric: 'engagement_rate', aggregation: 'median' }, { by: 'platform', metric: 'likes', aggregation: 'sum' }] }) });
  const [rate, likes] = computeSegments({ dataset: ds, derived, scope: buildScope(ds, derived, Uint32Array.of(0, 1), config.scoring), report, config, scratch: new StatsScratch() });
  assert.is(rate.available, false);
  assert.is(rate.reason, 'No views column in the input.');
  assert.equal(likes.rows, [{ segment: 'B', videos: 1, value: 2 }, { segment: 'A', videos: 1, value: 1 }]);
});

s.run();
