// A fully resolved Config/ReportSpec with the documented defaults, for tests of pure code
// that must not depend on the YAML loader. Override what a test needs with spread.
import type { Config, ReportSpec, SectionsConfig } from '../../src/types.ts';

export function testSections(over: Partial<SectionsConfig> = {}): SectionsConfig {
  return {
    growth: { metrics: ['views', 'engagement_rate'], period: 'week', aggregation: {} },
    creators: { rankBy: 'views', top: 15 },
    content: { top: 15 },
    virality: { top: 100, bins: 30 },
    segments: [{ by: 'platform', metric: 'engagement_rate', aggregation: 'median' }],
    explorer: { previewRows: 50 },
    ...over,
  };
}

export function testReport(over: Partial<ReportSpec> = {}): ReportSpec {
  return {
    id: 'report',
    title: 'Test report',
    filters: { platform: [], country: [], category: [], creator: [], minViews: 0 },
    sections: testSections(),
    period: { kind: 'all' },
    compare: 'none',
    virality: { threshold: { kind: 'auto' } },
    delivery: { email: null },
    ...over,
  };
}

export function testConfig(over: Partial<Config> = {}): Config {
  const report = testReport();
  return {
    configPath: null,
    configDir: '/tmp',
    title: report.title,
    input: { path: '/tmp/test.csv', encoding: 'auto', delimiter: 'auto', maxRecordBytes: 8 * 1024 * 1024 },
    columns: {},
    dateFormat: 'auto',
    timezone: 'UTC',
    period: { kind: 'all' },
    compare: 'none',
    filters: report.filters,
    scoring: {
      weights: { views: 0.3, shares: 0.4, engagement: 0.3 },
      caps: { engagementRate: 10, componentRate: 1 },
      viralPotential: { medium: 0.75, high: 0.9 },
      tierQuantiles: [0.5, 0.8, 0.95, 0.99],
    },
    virality: { threshold: { kind: 'auto' } },
    sections: report.sections,
    reports: [report],
    splitBy: 'none',
    maxReports: 50,
    output: { dir: 'out/{report}', formats: ['html', 'pdf', 'json', 'csv'], keep: null, publicUrl: null },
    theme: 'light',
    pdf: { format: 'A4', landscape: false, timeoutMs: 60000, executablePath: null },
    delivery: { email: null },
    ...over,
  };
}
