// A fully resolved Config/ReportSpec for tests of pure code that must not depend on the YAML
// loader: the normalizer's own defaults (a config that names only its input), so they cannot
// drift from the product's, plus three choices of the tests below. Override with spread.
import type { Config, ReportSpec, SectionsConfig } from '../../src/types.ts';
import { normalizeConfig } from '../../src/config/normalize.ts';

/** What the tests choose differently from the defaults: a title, one segment view, a roomier record limit. */
const TEST_TITLE = 'Test report';
const TEST_SEGMENTS: SectionsConfig['segments'] = [{ by: 'platform', metric: 'engagement_rate', aggregation: 'median' }];
const TEST_MAX_RECORD_BYTES = 8 * 1024 * 1024;

const defaults = (): Config => normalizeConfig({ input: { path: '/tmp/test.csv' } }, { configPath: null, configDir: '/tmp' });

export function testSections(over: Partial<SectionsConfig> = {}): SectionsConfig {
  return { ...defaults().sections, segments: TEST_SEGMENTS.map((s) => ({ ...s })), ...over };
}

export function testReport(over: Partial<ReportSpec> = {}): ReportSpec {
  return { ...defaults().reports[0], title: TEST_TITLE, sections: testSections(), ...over };
}

export function testConfig(over: Partial<Config> = {}): Config {
  const config = defaults();
  const report = testReport();
  return {
    ...config,
    title: report.title,
    input: { ...config.input, maxRecordBytes: TEST_MAX_RECORD_BYTES },
    filters: report.filters,
    sections: report.sections,
    reports: [report],
    ...over,
  };
}
