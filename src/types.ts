// Public types of short-video-report: the resolved configuration, the columnar dataset the
// reader builds, and the ReportModel that every output (HTML, PDF, metrics.json) renders.
// The ReportModel is the metrics.json contract of SPEC section 5: change it only additively.

// ---------------------------------------------------------------------------
// Concepts and column mapping

export const NUMERIC_CONCEPTS = ['views', 'likes', 'comments', 'shares', 'saves', 'duration', 'hour'] as const;
export const TEXT_CONCEPTS = ['platform', 'creator', 'title', 'category', 'country', 'hashtags'] as const;
export const CONCEPTS = [
  'views', 'likes', 'comments', 'shares', 'saves', 'duration', 'date', 'hour',
  'platform', 'creator', 'title', 'category', 'country', 'hashtags',
] as const;

export type NumericConcept = (typeof NUMERIC_CONCEPTS)[number];
export type TextConcept = (typeof TEXT_CONCEPTS)[number];
export type Concept = (typeof CONCEPTS)[number];

/** How a source column came to serve a concept. */
export type MatchKind = 'override' | 'exact' | 'pattern';

export interface ColumnMatch {
  concept: Concept;
  column: string; // the source header, as written
  index: number; // position in the header row
  how: MatchKind;
  candidate: string; // the candidate name (or override) that matched
}

export type ColumnMap = Partial<Record<Concept, ColumnMatch>>;

// ---------------------------------------------------------------------------
// Configuration (resolved; see src/config/normalize.ts for defaults and validation)

export type Aggregation = 'median' | 'mean' | 'sum';
export type Metric = 'views' | 'likes' | 'comments' | 'shares' | 'engagement_rate' | 'virality_score';
export type GrowthPeriod = 'day' | 'week' | 'month';
export type SegmentBy = 'platform' | 'country' | 'category' | 'duration_bucket' | 'performance_tier';
export type RankBy = 'views' | 'engagement_rate' | 'shares' | 'comments' | 'virality_score';
export type SplitBy = 'none' | 'creator' | 'platform' | 'country' | 'category';
export type OutputFormat = 'html' | 'pdf' | 'json' | 'csv';
export type RelativePeriod = 'last-week' | 'last-7-days' | 'last-month' | 'month-to-date' | 'all';

export type PeriodSpec =
  | { kind: 'all' }
  | { kind: 'absolute'; from: string | null; to: string | null } // ISO dates, inclusive
  | { kind: 'relative'; name: Exclude<RelativePeriod, 'all'> };

export type ThresholdSpec =
  | { kind: 'auto' } // q90 of scores in scope
  | { kind: 'value'; value: number }
  | { kind: 'top'; percent: number }; // "top 10%"

export interface Filters {
  platform: string[]; // empty = no filter
  country: string[];
  category: string[];
  creator: string[];
  minViews: number; // 0 = no filter
}

export interface ScoringConfig {
  weights: { views: number; shares: number; engagement: number };
  caps: { engagementRate: number; componentRate: number }; // 10 and 1 by default
  viralPotential: { medium: number; high: number }; // quantiles, 0.75 and 0.90
  tierQuantiles: [number, number, number, number]; // 0.5, 0.8, 0.95, 0.99
}

export interface SegmentSpec {
  by: SegmentBy;
  metric: Metric;
  aggregation: Aggregation;
}

export interface SectionsConfig {
  growth: { metrics: Metric[]; period: GrowthPeriod; aggregation: Partial<Record<Metric, Aggregation>> };
  creators: { rankBy: RankBy; top: number };
  content: { top: number }; // categories and hashtags shown
  virality: { top: number; bins: number };
  segments: SegmentSpec[];
  explorer: { previewRows: number };
  /** ids of the sections left out of the HTML, PDF and email (`<id>: false`); still computed into metrics.json */
  off: string[];
}

export interface ReportSpec {
  id: string;
  title: string;
  filters: Filters;
  sections: SectionsConfig;
  period: PeriodSpec;
  compare: 'none' | 'previous';
  virality: { threshold: ThresholdSpec };
  /** set for reports made by splitBy: the split column and value */
  split?: { by: Exclude<SplitBy, 'none'>; value: string };
  /** the shared `delivery`, with this report's own keys merged over it */
  delivery: DeliveryConfig;
}

/** The mail server as configured; the password is never here (it comes from the environment). */
export interface SmtpSettings {
  host: string;
  port: number; // 587 for starttls, 465 for tls, 25 for none by default
  security: 'starttls' | 'tls' | 'none';
  user: string | null;
  passwordEnv: string | null; // the environment variable holding the password
  tlsVerify: boolean; // false only when the config says `tlsVerify: false`
  ca: string | null; // absolute path of a PEM file of extra trusted authorities
}

export interface EmailDelivery {
  to: string[]; // each "address" or "Name <address>", checked
  cc: string[];
  bcc: string[];
  replyTo: string[];
  from: string;
  subject: string; // tokens {title} {report} {period} {date}
  attach: OutputFormat[]; // defaults to [pdf]
  maxBytes: number; // the encoded message; defaults to 10000000
  toBySplit: Record<string, string[]>; // split value -> its To recipients
  onEmpty: 'skip' | 'notice' | 'send';
  onStale: 'skip' | 'send';
  smtp: SmtpSettings | null; // null: SVREPORT_SMTP_URL must name the server
}

export interface DeliveryConfig {
  email: EmailDelivery | null; // null: no email delivery
}

export interface Config {
  configPath: string | null; // absolute, or null when built from flags only
  configDir: string; // relative paths in the config resolve against this
  title: string;
  input: {
    path: string; // absolute
    encoding: 'auto' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
    delimiter: 'auto' | ',' | ';' | '\t' | '|';
    maxRecordBytes: number; // guard against unterminated quotes and giant fields
  };
  columns: Partial<Record<Concept, string>>;
  dateFormat: 'auto' | 'DMY' | 'MDY';
  timezone: string; // IANA
  period: PeriodSpec;
  compare: 'none' | 'previous';
  filters: Filters;
  scoring: ScoringConfig;
  virality: { threshold: ThresholdSpec };
  sections: SectionsConfig;
  reports: ReportSpec[]; // always at least one (the shared settings as report "report")
  splitBy: SplitBy;
  maxReports: number;
  output: {
    dir: string;
    formats: OutputFormat[];
    /** snapshots kept per report id under the output root; null = all (the default) */
    keep: number | null;
    /** where readers find the published snapshot (linked from the email); tokens as in dir */
    publicUrl: string | null;
  };
  theme: 'light' | 'dark';
  pdf: { format: 'A4' | 'Letter'; landscape: boolean; timeoutMs: number; executablePath: string | null };
  delivery: DeliveryConfig;
}

// ---------------------------------------------------------------------------
// Columnar dataset (src/data). One entry per usable row; nothing per row is an object.

/** Dictionary-encoded text: codes[i] indexes values, -1 = missing. */
export interface TextColumn {
  codes: Int32Array;
  values: string[];
}

/** A list per row (hashtags), CSR layout: row i owns codes[offsets[i] .. offsets[i+1]). */
export interface ListColumn {
  offsets: Uint32Array; // length rows + 1
  codes: Int32Array;
  values: string[];
}

/** What the reader saw of each source column (all of them, not only mapped ones). */
export interface SourceColumnInfo {
  name: string;
  nonNull: number;
  nulls: number;
  numeric: number; // non-empty cells that parse as numbers
  type: 'integer' | 'float' | 'text' | 'date' | 'empty';
}

export interface DatasetSource {
  path: string; // the user's file, as messages name it
  /** the file actually scanned when it differs (the CSV made from a .csv.gz, .zip or .xlsx; see data/formats.ts) */
  readPath?: string;
  sha256: string;
  bytes: number;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  bom: boolean;
  delimiter: string;
  header: string[];
  rowsRead: number; // data records seen (blank lines not counted)
  rowsDropped: Record<string, number>; // reason -> rows
  dropExamples: Record<string, string[]>; // reason -> first few examples (row and cell)
  dateOrder: 'DMY' | 'MDY' | null; // decided for slash/dot dates
  columnInfo: SourceColumnInfo[];
  /**
   * A UTF-8 file with bytes that are not valid UTF-8: each invalid sequence became U+FFFD in its
   * cell. `sequences` replaced, the first data row with one (0 = the header), and per column the
   * cells holding U+FFFD and their first data rows. Absent when the file had no invalid byte.
   */
  invalidUtf8?: { sequences: number; firstRow: number; cells: Record<string, number>; rows: Record<string, number[]> };
}

export interface Dataset {
  rows: number; // usable rows
  source: DatasetSource;
  columns: ColumnMap;
  timezone: string;
  /** source record number (1 = first data record) of each usable row, for filtered.csv */
  recordNo: Uint32Array;
  /** raw numeric concepts, NaN = missing */
  num: Partial<Record<NumericConcept, Float64Array>>;
  /** text concepts (not hashtags) */
  text: Partial<Record<Exclude<TextConcept, 'hashtags'>, TextColumn>>;
  hashtags?: ListColumn;
  /** publish date in the configured time zone: local calendar day (days since 1970-01-01), NaN missing */
  day?: Float64Array;
  /** local minute of day 0..1439 when the date had a time of day, -1 otherwise */
  minuteOfDay?: Int16Array;
}

/** Per-row derived metrics (src/data/derive.ts); NaN = missing, -1 = missing for codes. */
export interface Derived {
  engagementRate: Float64Array;
  viralityScore: Float64Array; // (like/comment/share rates: componentRates() in derive.ts)
  durationBucket: Int8Array; // index into DURATION_BUCKETS, -1 missing
  hour: Int8Array; // 0..23, -1 missing
  weekday: Int8Array; // 0 = Monday .. 6 = Sunday, -1 missing
}

export const DURATION_BUCKETS = ['<9s', '9–18s', '18–36s', '36–60s', '1–2min', '2min+'] as const;
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const TIERS = ['Baseline', 'Strong', 'High', 'Top 5%', 'Top 1%', 'Unknown'] as const;
export const VIRAL_POTENTIAL = ['High', 'Medium', 'Low', 'Unknown'] as const;
export type Tier = (typeof TIERS)[number];
export type ViralPotential = (typeof VIRAL_POTENTIAL)[number];

/** The rows of one report: indices into the Dataset, ascending, plus scope-relative labels. */
export interface Scope {
  rows: Uint32Array;
  tier: Int8Array; // per scope row, index into TIERS
  viralPotential: Int8Array; // per scope row, index into VIRAL_POTENTIAL
  tierCuts: { q50: number | null; q80: number | null; q95: number | null; q99: number | null };
  scoreCuts: { medium: number | null; high: number | null };
  /** sorted values buildScope made anyway, reused by the sections (absent in hand-made scopes) */
  sorted?: { positiveViews: Float64Array | null; scores: Float64Array };
}

// ---------------------------------------------------------------------------
// ReportModel = metrics.json (SPEC section 5). Rates are fractions; missing figures are null.

export interface Availability {
  available: boolean;
  reason: string | null; // one line when not available
}

export interface Insight {
  section: string;
  kind: string;
  text: string;
  figures: Record<string, number | string | null>;
}

export interface TierSummary {
  tier: Tier;
  videos: number;
  minViews: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  maxViews: number | null;
  medianEngagementRate: number | null;
}

export interface Overview {
  videos: number;
  totalViews: number;
  averageViews: number | null;
  medianViews: number | null;
  p90Views: number | null;
  medianEngagementRate: number | null;
  p90EngagementRate: number | null;
  medianDurationSec: number | null;
  highViralPotentialShare: number | null;
  platforms: string[];
  tiers: TierSummary[];
  tiersByEngagement: { tier: Tier; medianEngagementRate: number | null }[];
  viralPotential: { label: ViralPotential; videos: number; share: number | null }[];
}

export interface GrowthPoint {
  period: string; // 2025-02-14 | 2025-W07 | 2025-02
  value: number | null;
  growthPct: number | null; // fraction: 0.25 = +25%
  videos: number;
}

export interface GrowthSeries {
  metric: Metric;
  period: GrowthPeriod;
  aggregation: Aggregation;
  points: GrowthPoint[];
  peak: { period: string; value: number } | null;
  averageGrowthPct: number | null;
  periodsAnalysed: number;
}

export interface Growth extends Availability {
  series: GrowthSeries[];
  hourSource: 'timestamp' | 'hour-column' | null;
  byHour: { hour: number; videos: number; medianViews: number | null }[];
  byWeekday: { weekday: string; videos: number; medianViews: number | null }[];
  heatmap: { weekday: string; hour: number; videos: number; medianViews: number | null }[];
}

export interface CreatorRow {
  creator: string;
  videos: number;
  views: number;
  medianViews: number | null;
  viewsIqr: number | null; // consistency: q3 - q1 of views per video
  medianEngagementRate: number | null;
  shares: number;
  comments: number;
  medianViralityScore: number | null;
  value: number | null; // the rankBy figure
}

export interface Creators extends Availability {
  rankBy: RankBy;
  top: CreatorRow[];
  creatorsInScope: number;
  topShareOfViews: number | null; // top 5 creators' share of total views
  mostConsistent: { creator: string; videos: number; medianViews: number | null; cv: number | null } | null;
  leaderboards: { rankBy: RankBy; top: CreatorRow[] }[];
  movement: { entered: string[]; left: string[] } | null; // with compare: previous
}

export interface GroupFigure {
  videos: number;
  medianViews: number | null;
}

export interface Content {
  durationBuckets: ({ bucket: string } & GroupFigure)[];
  categories: ({ category: string } & GroupFigure)[];
  hashtags: ({ hashtag: string } & GroupFigure)[];
  durationAvailable: Availability;
  categoriesAvailable: Availability;
  hashtagsAvailable: Availability;
}

export interface Candidate {
  title: string | null;
  creator: string | null;
  platform: string | null;
  views: number | null;
  engagementRate: number | null;
  viralityScore: number;
  durationSec: number | null;
  outlierMultiple: number | null; // views / creator's median views (creator with >= 5 videos)
}

export interface Virality extends Availability {
  threshold: number | null;
  thresholdRule: string; // "auto (q90)", "value", "top 10%"
  candidates: number;
  candidateShare: number | null;
  byPlatform: { platform: string; candidates: number; medianScore: number | null }[];
  histogram: { x0: number; x1: number; count: number }[];
  top: Candidate[];
  scatter: ScatterData;
}

/** Views vs engagement rate: points when few, else a binned density (log10 views x rate). */
export type ScatterData =
  | { kind: 'points'; points: { views: number; engagementRate: number; candidate: boolean }[] }
  | { kind: 'density'; bins: { logViews0: number; logViews1: number; rate0: number; rate1: number; count: number }[] };

export interface SegmentResult {
  by: SegmentBy;
  metric: Metric;
  aggregation: Aggregation;
  rows: { segment: string; videos: number; value: number | null }[];
  available: boolean;
  reason: string | null;
}

export interface DescribeRow {
  count: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  max: number | null;
}

export interface Explorer {
  rows: number;
  columns: number;
  memoryBytes: number;
  preview: { columns: string[]; rows: (string | number | null)[][] };
  describe: Record<string, DescribeRow>;
  columnInfo: SourceColumnInfo[];
  dataQuality: {
    mapping: { concept: Concept; column: string; how: MatchKind; candidate: string }[];
    unmapped: Concept[];
    rowsRead: number;
    rowsUsable: number;
    rowsDropped: Record<string, number>;
    encoding: string;
    delimiter: string;
    /** text cells in scope holding characters no installed font draws, shown as a placeholder */
    undrawable: UndrawableCells;
  };
}

export interface UndrawableCells {
  /** cells (of the title, creator, platform, category, country and hashtags columns) in scope */
  cells: number;
  /** characters in those cells, counted as often as they occur */
  characters: number;
  /** false when fontconfig could not be asked: only the characters no font can draw were counted */
  fontsChecked: boolean;
  /** the first few such cells in scope order: source column, record number, code points, text (cut) */
  examples: { column: string; row: number; codePoints: string[]; text: string }[];
}

export interface PeriodInfo {
  from: string | null; // ISO date, inclusive
  to: string | null;
  label: string; // 2025-W23, 2025-06, "2025-01-01 – 2025-08-31", "all dates"
}

export interface KpiChange {
  absolute: number | null;
  percent: number | null; // fraction
}

export interface Comparison {
  period: PeriodInfo;
  overview: Overview;
  changes: Record<string, KpiChange>;
  insights: Insight[];
}

/** The settings behind the figures, so the glossary and readers state the real cuts and weights. */
export interface Method {
  weights: ScoringConfig['weights'];
  caps: ScoringConfig['caps'];
  tierQuantiles: ScoringConfig['tierQuantiles'];
  tierCuts: Scope['tierCuts'];
  viralPotentialQuantiles: ScoringConfig['viralPotential'];
  scoreCuts: Scope['scoreCuts'];
}

export interface ReportModel {
  schemaVersion: string;
  generator: { name: string; version: string };
  generatedAt: string;
  report: { id: string; title: string };
  input: {
    path: string;
    sha256: string;
    rowsRead: number;
    rowsUsable: number;
    rowsDropped: Record<string, number>;
    /** cells where bytes that were not valid UTF-8 became U+FFFD (DatasetSource.invalidUtf8); absent when none */
    invalidUtf8?: DatasetSource['invalidUtf8'];
  };
  columns: Partial<Record<Concept, string>>;
  timezone: string;
  scope: { rows: number; filters: Filters & { period: PeriodInfo } };
  period: PeriodInfo;
  overview: Overview;
  growth: Growth;
  creators: Creators;
  content: Content;
  virality: Virality;
  segments: SegmentResult[];
  explorer: Explorer;
  insights: Insight[];
  comparison: Comparison | null;
  method: Method;
}
