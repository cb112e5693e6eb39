// Public types of short-video-report: the resolved configuration, the columnar dataset the
// reader builds, and the ReportModel that every output (HTML, PDF, metrics.json) renders.
// The ReportModel is the metrics.json contract of SPEC section 5: change it only additively.

// ---------------------------------------------------------------------------
// Concepts and column mapping

export const NUMERIC_CONCEPTS = ['views', 'likes', 'comments', 'shares', 'saves', 'duration', 'hour'] as const;
export const TEXT_CONCEPTS = ['platform', 'creator', 'title', 'category', 'country', 'hashtags'] as const;
export const CONCEPTS = [
  'views', 'likes', 'comments', 'shares', 'saves', 'duration', 'date', 'hour', 'time',
  'platform', 'creator', 'title', 'category', 'country', 'hashtags',
] as const;

/**
 * Concepts of the rows themselves rather than of the report (SPEC 2 "Concept id", "Export time"):
 * detected after every report concept, on the columns those left, and never listed among the
 * report's concepts (the explorer's mapping, validate's concept table).
 */
export const ROW_CONCEPTS = ['id', 'exportedAt'] as const;
export type RowConcept = (typeof ROW_CONCEPTS)[number];
/** Every concept detection and `columns:` know. */
export type DetectedConcept = Concept | RowConcept;

export type NumericConcept = (typeof NUMERIC_CONCEPTS)[number];
export type TextConcept = (typeof TEXT_CONCEPTS)[number];
export type Concept = (typeof CONCEPTS)[number];

/** How a source column came to serve a concept. */
export type MatchKind = 'override' | 'exact' | 'pattern';

export interface ColumnMatch {
  concept: DetectedConcept;
  column: string; // the source header, as written
  index: number; // position in the header row
  how: MatchKind;
  candidate: string; // the candidate name (or override) that matched
}

export type ColumnMap = Partial<Record<DetectedConcept, ColumnMatch>>;

/** One line of `validate`'s explanation of the mapping: why a column serves a concept, or was skipped. */
export interface DetectionReason {
  concept: DetectedConcept;
  column: string;
  chosen: boolean;
  why: string; // "French for views", "7 of 7,225 sampled cells filled; `plays` chosen"
  text: string; // the whole line: "`vues`: French for views", "`views` skipped: 7 of 7,225 ..."
}

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
  /** BCP 47, canonical (`locale`, en-US by default): the words, numbers and dates of its HTML, PDF and email */
  locale: string;
  filters: Filters;
  sections: SectionsConfig;
  period: PeriodSpec;
  compare: 'none' | 'previous';
  virality: { threshold: ThresholdSpec };
  /** set for reports made by splitBy: the split column and value */
  split?: { by: Exclude<SplitBy, 'none'>; value: string };
  /** the shared `delivery`, with this report's own keys merged over it */
  delivery: DeliveryConfig;
  /** logo, accent and footer; absent when neither the shared settings nor the entry set any */
  branding?: BrandingSpec;
}

/** `branding:` as configured (SPEC 10); the logo is read and checked when a build starts (src/output/branding.ts). */
export interface BrandingSpec {
  logo: string | null; // absolute path
  accent: string | null; // `#rrggbb`, lower case
  footer: string | null; // one line, printed on every PDF page
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
    /** every input entry in config order (one for a single path); `path` above is the first one's */
    entries: InputEntry[];
    /** rows with the same video id: keep the last in read order, or keep them all */
    dedupe: 'last' | 'none';
  };
  columns: Partial<Record<DetectedConcept, string>>;
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
  /** the shared `locale` (en-US by default): the archive page's; each report has its own in ReportSpec */
  locale: string;
  theme: 'light' | 'dark';
  pdf: { format: 'A4' | 'Letter'; landscape: boolean; timeoutMs: number; executablePath: string | null };
  delivery: DeliveryConfig;
}

/** One entry of `input` (SPEC 5a): a file or a glob pattern, with what applies to its files. */
export interface InputEntry {
  /** as written in the config or on the command line (for messages) */
  pattern: string;
  /** absolute: the path, or the pattern resolved against its folder */
  path: string;
  /** the platform of every row of its files that has none */
  platform: string | null;
  /** the sheet of an .xlsx file (name or 1-based number); null = the first */
  sheet: string | number | null;
  /** this entry's own `columns:`, merged over the shared one */
  columns: Partial<Record<DetectedConcept, string>>;
}

/** metrics.json's entry of an input file: the InputFile and the concepts its columns serve. */
export type InputFileJson = InputFile & { columns: Partial<Record<DetectedConcept, string>> };

/** One input file of a run (SPEC 2 "Several inputs"), in read order. */
export interface InputFile {
  path: string;              // as messages name it (the display path)
  sha256: string;            // of the file as given (the .xlsx/.zip/.gz itself, not a converted copy)
  rowsRead: number;          // data records seen
  rowsUsable: number;        // rows kept from this file, before merging by id
  exportedAt: string;        // ISO 8601 instant in UTC, e.g. "2025-06-08T00:00:00.000Z"
  exportedAtFrom: 'name' | 'column' | 'mtime';
  platform: string | null;   // the entry's `platform:` when given
}

/**
 * Every usable row of every input file BEFORE merging rows by id (one row per video per export).
 * Present when the input has an `id` column (in at least one file); what Momentum (SPEC 6b) reads.
 */
export interface ExportHistory {
  files: InputFile[];        // same array as Dataset.inputs
  rows: number;
  file: Uint16Array;         // per history row: index into files
  id: TextColumn;            // per history row: the video id (code -1 = no id)
  num: Partial<Record<'views' | 'likes' | 'comments' | 'shares', Float64Array>>; // NaN = missing
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
  /** column detection's explanation (validate) and its warnings (log, validate); absent when not read from a CSV */
  detection?: { reasons: DetectionReason[]; warnings: string[] };
  /**
   * Cells of mapped number and date columns that held a word instead of a value (no digit:
   * `unknown`, `hidden`, `#VALUE!`) and were read as missing, per column; the row is kept.
   * Empty cells and the usual marks (`N/A`, `-`, `null`) are plain missing values, not counted.
   * Absent when none.
   */
  missing?: Record<string, number>;
  /** Cells of mapped number and date columns with digits that cannot be read (`12a4`), read as missing: per column, with the first few. Absent when none. */
  unreadable?: Record<string, { cells: number; examples: string[] }>;
  /**
   * A broken export repaired (SPEC 2): records wrapped whole in one pair of quotes unwrapped,
   * title lines above the header skipped (records; blank lines are not counted), times of day
   * in the hour column read as their hour, date-only cells joined with the time column.
   * Absent when nothing was repaired.
   */
  repairs?: { unwrappedRecords: number; skippedTitleLines: number; hourFromTimeOfDay: number; timeJoined: number };
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
  /** the input files, in read order (one entry for a single file) */
  inputs?: InputFile[];
  /** per usable row (after merging by id): the video id; absent when no file has an id column */
  videoId?: TextColumn;
  /** rows before merging by id; absent when no file has an id column */
  history?: ExportHistory;
  /** several files: per usable row, its file (index into inputs); recordNo is then that file's record */
  fileIndex?: Uint16Array;
  /** per input file (read order): the concepts its columns serve and its own source (filtered.csv re-reads it) */
  inputDetails?: { columns: Partial<Record<DetectedConcept, string>>; source: DatasetSource }[];
  /** rows merged into a later row of the same video id (input.dedupe: last); 0 when none */
  mergedRows?: number;
  /** the latest export time found in the `exportedAt` column (ms since epoch, UTC); absent without one */
  exportedAtMax?: number;
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

/** Counts gained in a period (SPEC 6b): sums over the videos with both counts; null when no export has the count. */
export interface MomentumGains {
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  /** (likes + comments + shares gained) / views gained; null when no view was gained */
  engagementRate: number | null;
}

/** The gains of one period, from the exports around it (SPEC 6b). */
export interface MomentumPeriod {
  from: string; // local date, inclusive
  to: string;
  label: string;
  /** the exports the gains come from: `start` ones at or before the start of `from`, `end` ones after it, by the end of `to` */
  exports: { file: string; exportedAt: string; role: 'start' | 'end' }[];
  /** gained by every video in scope seen in an `end` export (and with a baseline) */
  gained: MomentumGains;
  /** gained by the videos published in the period (their baseline is 0) */
  gainedByNew: MomentumGains;
  videos: {
    withGain: number;
    /** published in the period */
    new: number;
    /** published before `from` (or with no publish date) and in no `start` export: no gain */
    withoutBaseline: number;
    /** videos with a gain left out of a count's sum because that count is missing in one of their two exports */
    missing: { views: number; likes: number; comments: number; shares: number };
  };
}

export interface Momentum extends MomentumPeriod {
  top: { id: string; title: string | null; creator: string | null; platform: string | null; viewsGained: number; new: boolean }[];
  creators: { creator: string; videos: number; viewsGained: number }[];
  byPlatform: { platform: string; videos: number; viewsGained: number }[];
  /** with `compare: previous`: the same gains for the period before (null when its exports do not surround it) */
  previous: MomentumPeriod | null;
}

/**
 * Why a section's figures are null (Momentum without exports around the period), for its one line
 * in the report. Kept on the model under a symbol: JSON.stringify skips symbol keys, so metrics.json
 * keeps its contract (`momentum: null`).
 */
export const UNAVAILABLE: unique symbol = Symbol('why a section has no figures');

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
    /** cells read as missing because they held a word (DatasetSource.missing); absent when none */
    missing?: DatasetSource['missing'];
    /** cells read as missing because they could not be read (DatasetSource.unreadable); absent when none */
    unreadable?: DatasetSource['unreadable'];
    /** broken-export repairs (DatasetSource.repairs); absent when none */
    repairs?: DatasetSource['repairs'];
    /** rows merged into a later row of the same video (one row per video); present with several files or an id column */
    mergedRows?: number;
    /** every input file in read order; present with several files or an id column */
    files?: InputFileJson[];
  };
  columns: Partial<Record<DetectedConcept, string>>;
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
  /** what each video gained in the period (SPEC 6b); null without two or more exports of the same videos around it */
  momentum: Momentum | null;
  [UNAVAILABLE]?: Record<string, string>;
}
