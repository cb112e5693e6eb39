// Configuration: unknown (the parsed YAML, after --set and --input) -> Config. Pure. Every field
// is read as `unknown`; small normalizeX functions coerce it, default it or record a problem with
// its key path, and every problem is thrown at once in one ReportError (exit 2).
// Defaults live in the DEFAULT_* values below; the valid keys come from config/report.schema.json.
import { isAbsolute, resolve } from 'node:path';
import { IANAZone } from 'luxon';
import { EXIT, ReportError } from '../errors.ts';
import { CONCEPTS, ROW_CONCEPTS } from '../types.ts';
import { parseMailbox } from '../delivery/address.ts';
import { keysByPath, mappingForm, readSchema } from './schema.ts';
import { canonicalLocale, DEFAULT_LOCALE } from '../i18n/locale.ts';
import { METRICS as VOCABULARY_METRICS, AGGREGATION_LABEL, RANK_BYS, SEGMENT_BY_LABEL } from '../vocabulary.ts';
import type {
  Aggregation, BrandingSpec, Config, DetectedConcept, InputEntry, DeliveryConfig, EmailDelivery, Filters, GrowthPeriod, Metric, OutputFormat, PeriodSpec, RankBy,
  ReportSpec, ScoringConfig, SectionsConfig, SegmentBy, SegmentSpec, SmtpSettings, SplitBy, ThresholdSpec,
} from '../types.ts';

export interface NormalizeContext {
  configPath: string | null; // absolute, or null when built from flags only
  configDir: string; // relative paths resolve against this
  /** how messages name the file (e.g. relative to the working directory); configPath by default */
  displayPath?: string;
}

// ---------------------------------------------------------------------------
// The keys valid at each path (unknown keys are errors), derived from config/report.schema.json:
// a key is added to the schema, and a normalizer reads it (test/config-schema.test.ts checks both)

export const KEYS = keysByPath(readSchema());

// the choices the report has words for (src/vocabulary.ts), in its order
export const METRICS = Object.keys(VOCABULARY_METRICS) as Metric[];
export const AGGREGATIONS = Object.keys(AGGREGATION_LABEL) as Aggregation[];
export const RANK_BY: readonly RankBy[] = RANK_BYS;
export const SEGMENT_BY = Object.keys(SEGMENT_BY_LABEL) as SegmentBy[];
export const GROWTH_PERIODS: readonly GrowthPeriod[] = ['day', 'week', 'month'];
export const SPLIT_BY: readonly SplitBy[] = ['none', 'creator', 'platform', 'country', 'category'];
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['html', 'pdf', 'json', 'csv'];
export const PERIOD_NAMES = ['all', 'last-week', 'last-7-days', 'last-month', 'month-to-date'] as const;
export const OUTPUT_TOKENS = ['report', 'period', 'date'] as const;
export const REPORT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const SUBJECT_TOKENS = ['title', 'report', 'period', 'periodDates', 'date'] as const;
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// ---------------------------------------------------------------------------
// Defaults (fresh objects each time, so no two reports share a mutable array)

export const DEFAULT_TITLE = 'Short-video report';
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024; // fast-csv slows quadratically inside one record

export const defaultFilters = (): Filters => ({ platform: [], country: [], category: [], creator: [], minViews: 0 });

export const defaultScoring = (): ScoringConfig => ({
  weights: { views: 0.3, shares: 0.4, engagement: 0.3 },
  caps: { engagementRate: 10, componentRate: 1 },
  viralPotential: { medium: 0.75, high: 0.9 },
  tierQuantiles: [0.5, 0.8, 0.95, 0.99],
});

export const defaultSegments = (): SegmentSpec[] => [
  { by: 'platform', metric: 'engagement_rate', aggregation: 'median' },
  { by: 'country', metric: 'views', aggregation: 'median' },
  { by: 'category', metric: 'virality_score', aggregation: 'median' },
  { by: 'duration_bucket', metric: 'views', aggregation: 'median' },
  { by: 'performance_tier', metric: 'engagement_rate', aggregation: 'median' },
];

export const defaultSections = (): SectionsConfig => ({
  growth: { metrics: ['views', 'engagement_rate'], period: 'week', aggregation: {} }, // aggregation: sum for counts, mean for rates
  creators: { rankBy: 'views', top: 15 },
  content: { top: 15 },
  virality: { top: 100, bins: 30 },
  segments: defaultSegments(),
  explorer: { previewRows: 50 },
  off: [],
});

// ---------------------------------------------------------------------------
// Problems and small readers

type Obj = Record<string, unknown>;

/** A plain mapping (YAML map after toJS, or one made by --set); not a list, Date or Buffer. */
export function isRecord(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Own property only: `__proto__`, `constructor` and friends never come from the prototype. */
const get = (o: Obj | undefined, key: string): unknown => (o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined);

const absent = (v: unknown): v is null | undefined => v === undefined || v === null;

/** `a.b`, `a[0]`, `columns["Total views"]` */
export function keyPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const part = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (!parent) return part;
  return part.startsWith('"') ? `${parent}[${part}]` : `${parent}.${part}`;
}

/** How a wrong value is shown in a message: strings quoted and shortened, containers by kind. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest valid name: edit distance ≤ 2 (and under half the word, so "YMD" is not "DMY"), else a prefix match. */
export function didYouMean(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d <= 2 && 2 * d < w.length && d < bestDistance) [best, bestDistance] = [c, d];
  }
  if (best !== null) return best;
  if (w.length < 2) return null;
  return candidates.find((c) => c.toLowerCase().startsWith(w) || w.startsWith(c.toLowerCase())) ?? null;
}

const list = (options: readonly string[]) =>
  options.length <= 2 ? options.join(' or ') : `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;

class Problems {
  readonly lines: string[] = [];
  /** `path` must ... (got x) */
  at(path: string, text: string): void {
    this.lines.push(`\`${path}\` ${text}`);
  }
  line(text: string): void {
    this.lines.push(text);
  }
}

interface NumberRule {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
}

function numberRuleText(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const lo = rule.min === undefined ? null : `${rule.minExclusive ? '>' : '≥'} ${rule.min}`;
  const hi = rule.max === undefined ? null : `${rule.maxExclusive ? '<' : '≤'} ${rule.max}`;
  if (lo && hi && !rule.minExclusive && !rule.maxExclusive) return `${kind} from ${rule.min} to ${rule.max}`;
  if (lo && hi) return `${kind} ${lo} and ${hi}`;
  return lo ? `${kind} ${lo}` : hi ? `${kind} ${hi}` : kind;
}

function fitsRule(n: number, rule: NumberRule): boolean {
  if (!Number.isFinite(n)) return false;
  if (rule.integer && !Number.isInteger(n)) return false;
  if (rule.min !== undefined && (rule.minExclusive ? n <= rule.min : n < rule.min)) return false;
  if (rule.max !== undefined && (rule.maxExclusive ? n >= rule.max : n > rule.max)) return false;
  return true;
}

/** Reads values of one configuration, recording problems instead of throwing. */
class Reader {
  constructor(readonly problems: Problems) {}

  /** A mapping whose keys must be among `keys`; undefined when absent or wrong (a problem then). */
  map(v: unknown, path: string, keys: readonly string[], what = 'a mapping of keys'): Obj | undefined {
    if (absent(v)) return undefined;
    if (!isRecord(v)) {
      this.problems.at(path, `must be ${what} (got ${describeValue(v)})`);
      return undefined;
    }
    for (const key of Object.keys(v)) {
      if (keys.includes(key)) continue;
      const suggestion = didYouMean(key, keys);
      const where = keyPath(path, key);
      this.problems.line(
        suggestion
          ? `unknown key \`${where}\` — did you mean \`${suggestion}\`?`
          : `unknown key \`${where}\` (valid${path ? ` under \`${path}\`` : ''}: ${keys.filter((k) => k !== '$schema').join(', ')})`,
      );
    }
    return v;
  }

  string(v: unknown, path: string, dflt: string, opts: { allowEmpty?: boolean } = {}): string {
    if (absent(v)) return dflt;
    if (typeof v === 'string' && (opts.allowEmpty || v.trim() !== '')) return v.trim();
    this.problems.at(path, `must be ${opts.allowEmpty ? 'a string' : 'a non-empty string'} (got ${describeValue(v)})`);
    return dflt;
  }

  number(v: unknown, path: string, dflt: number, rule: NumberRule): number {
    if (absent(v)) return dflt;
    if (typeof v === 'number' && fitsRule(v, rule)) return v;
    this.problems.at(path, `must be ${numberRuleText(rule)} (got ${describeValue(v)})`);
    return dflt;
  }

  boolean(v: unknown, path: string, dflt: boolean): boolean {
    if (absent(v)) return dflt;
    if (typeof v === 'boolean') return v;
    this.problems.at(path, `must be true or false (got ${describeValue(v)})`);
    return dflt;
  }

  /** One of `options`, matched without regard to case; `aliases` maps other spellings (upper case) to options. */
  oneOf<T extends string>(v: unknown, path: string, options: readonly T[], dflt: T, aliases: Record<string, T> = {}): T {
    if (absent(v)) return dflt;
    const found = this.match(v, options, aliases);
    if (found !== null) return found;
    this.problems.at(path, `must be ${list(options)} (got ${describeValue(v)})${this.suggest(v, options)}`);
    return dflt;
  }

  match<T extends string>(v: unknown, options: readonly T[], aliases: Record<string, T> = {}): T | null {
    if (typeof v !== 'string') return null;
    const key = v.trim().toUpperCase();
    return options.find((o) => o.toUpperCase() === key) ?? (Object.hasOwn(aliases, key) ? aliases[key] : null);
  }

  suggest(v: unknown, options: readonly string[]): string {
    const s = typeof v === 'string' ? didYouMean(v.trim(), options) : null;
    return s ? ` — did you mean \`${s}\`?` : '';
  }

  /** A list of strings; a single string (or number) is accepted as a one-item list. Duplicates dropped. */
  stringList(v: unknown, path: string, dflt: readonly string[]): string[] {
    if (absent(v)) return [...dflt];
    const items = Array.isArray(v) ? v : [v];
    const out: string[] = [];
    items.forEach((item, i) => {
      const where = Array.isArray(v) ? keyPath(path, i) : path;
      if (typeof item === 'number' && Number.isFinite(item)) item = String(item);
      if (typeof item !== 'string') return this.problems.at(where, `must be a string (got ${describeValue(item)})`);
      const s = item.trim();
      if (s && !out.includes(s)) out.push(s);
    });
    return out;
  }

  /** A list of options (a single option accepted); duplicates dropped. */
  enumList<T extends string>(v: unknown, path: string, options: readonly T[], dflt: readonly T[], opts: { nonEmpty?: boolean } = {}): T[] {
    if (absent(v)) return [...dflt];
    const items = Array.isArray(v) ? v : [v];
    const out: T[] = [];
    let ok = true;
    items.forEach((item, i) => {
      const found = this.match(item, options);
      if (found === null) {
        ok = false;
        const where = Array.isArray(v) ? keyPath(path, i) : path;
        this.problems.at(where, `must be ${list(options)} (got ${describeValue(item)})${this.suggest(item, options)}`);
      } else if (!out.includes(found)) out.push(found);
    });
    if (!ok) return [...dflt];
    if (opts.nonEmpty && out.length === 0) {
      this.problems.at(path, `must list at least one of ${list(options)}`);
      return [...dflt];
    }
    return out;
  }
}

// ---------------------------------------------------------------------------
// normalizeX: one per part of the file

/** The keys of an entry of `input` ({ path, platform, sheet, columns }), from the schema. */
const ENTRY_KEYS = Object.keys(mappingForm(readSchema(), { $ref: '#/$defs/inputEntry' })?.properties ?? {});

/**
 * `input`: a mapping { path, platform, sheet, columns, encoding, ... } whose path is a string or a
 * list, or a list of paths and entries { path, platform, sheet, columns }. Each path may be a glob
 * (expanded when the build reads, src/data/inputs.ts); `path` is the first entry's.
 */
function normalizeInput(v: unknown, r: Reader, ctx: NormalizeContext, rootOk: boolean): Config['input'] {
  // `input: exports/*.csv` is the path alone, like `input: { path: exports/*.csv }`
  const listForm = Array.isArray(v) || typeof v === 'string';
  const m = listForm ? undefined : r.map(v, 'input', KEYS.input);
  const rawPath = listForm ? v : get(m, 'path');
  // what the mapping form sets for every entry of its path list
  const shared: Omit<InputEntry, 'pattern' | 'path'> = {
    platform: optionalText(get(m, 'platform'), 'input.platform', r),
    sheet: normalizeSheet(get(m, 'sheet'), 'input.sheet', r),
    columns: normalizeColumns(get(m, 'columns'), r, 'input.columns'),
  };
  const entries: InputEntry[] = [];
  const where = Array.isArray(v) ? 'input' : 'input.path';
  // "required" would only repeat a problem already reported for `input` or the whole file
  if (absent(rawPath) && rootOk && (absent(v) || m)) r.problems.at('input.path', 'is required: the CSV to report on (or pass --input CSV)');
  else if (Array.isArray(rawPath)) {
    if (rawPath.length === 0) r.problems.at(where, 'must list at least one path or pattern');
    rawPath.forEach((item, i) => {
      const entry = normalizeEntry(item, keyPath(where, i), r, ctx, shared);
      if (entry) entries.push(entry);
    });
  } else if (!absent(rawPath)) {
    const path = r.string(rawPath, typeof v === 'string' ? 'input' : 'input.path', '');
    if (path) entries.push({ pattern: path, path: resolve(ctx.configDir, path), ...shared });
  }
  return {
    path: entries[0]?.path ?? '',
    encoding: r.oneOf(get(m, 'encoding'), 'input.encoding', ['auto', 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const, 'auto', {
      UTF8: 'utf-8', 'UTF-16-LE': 'utf-16le', 'UTF-16-BE': 'utf-16be', CP1252: 'windows-1252', LATIN1: 'windows-1252',
      'LATIN-1': 'windows-1252', 'ISO-8859-1': 'windows-1252',
    }),
    delimiter: r.oneOf(get(m, 'delimiter'), 'input.delimiter', ['auto', ',', ';', '\t', '|'] as const, 'auto', {
      COMMA: ',', SEMICOLON: ';', TAB: '\t', '\\T': '\t', PIPE: '|',
    }),
    maxRecordBytes: r.number(get(m, 'maxRecordBytes'), 'input.maxRecordBytes', DEFAULT_MAX_RECORD_BYTES, {
      integer: true, min: 1024, max: 1024 ** 3,
    }),
    entries,
    dedupe: r.oneOf(get(m, 'dedupe'), 'input.dedupe', ['last', 'none'] as const, 'last'),
  };
}

/** One item of a path list: a path or pattern, or { path, platform, sheet, columns } (its keys over the shared ones). */
function normalizeEntry(item: unknown, where: string, r: Reader, ctx: NormalizeContext, shared: Omit<InputEntry, 'pattern' | 'path'>): InputEntry | null {
  if (typeof item === 'string') {
    if (item.trim() === '') {
      r.problems.at(where, 'must be a non-empty path or pattern');
      return null;
    }
    return { pattern: item, path: resolve(ctx.configDir, item), ...shared };
  }
  const e = r.map(item, where, ENTRY_KEYS, 'a path, a glob pattern or a mapping { path, platform, sheet, columns }');
  if (!e) return null;
  const path = r.string(get(e, 'path'), keyPath(where, 'path'), '');
  const own = {
    platform: optionalText(get(e, 'platform'), keyPath(where, 'platform'), r) ?? shared.platform,
    sheet: normalizeSheet(get(e, 'sheet'), keyPath(where, 'sheet'), r) ?? shared.sheet,
    columns: { ...shared.columns, ...normalizeColumns(get(e, 'columns'), r, keyPath(where, 'columns')) },
  };
  return path ? { pattern: path, path: resolve(ctx.configDir, path), ...own } : null;
}

function optionalText(v: unknown, path: string, r: Reader): string | null {
  if (absent(v)) return null;
  const text = r.string(v, path, '');
  return text.trim() === '' ? null : text.trim();
}

/** An .xlsx sheet: its name, or its number counting from 1. */
function normalizeSheet(v: unknown, path: string, r: Reader): string | number | null {
  if (absent(v)) return null;
  if (typeof v === 'number') return r.number(v, path, 1, { integer: true, min: 1, max: 100_000 });
  const text = r.string(v, path, '');
  return text === '' ? null : text;
}

function normalizeColumns(v: unknown, r: Reader, path = 'columns'): Partial<Record<DetectedConcept, string>> {
  const m = r.map(v, path, COLUMN_CONCEPTS, 'a mapping of concept to source column header');
  const out: Partial<Record<DetectedConcept, string>> = {};
  for (const concept of COLUMN_CONCEPTS) {
    const header = get(m, concept);
    if (absent(header)) continue;
    if (typeof header === 'string' && header.trim() !== '') out[concept] = header.trim();
    else r.problems.at(keyPath(path, concept), `must be the source column's header text (got ${describeValue(header)})`);
  }
  return out;
}

/** The concepts `columns:` may name: the report's, then the rows' own (id, exportedAt). */
const COLUMN_CONCEPTS: readonly DetectedConcept[] = [...CONCEPTS, ...ROW_CONCEPTS];

function normalizeDateFormat(v: unknown, r: Reader): Config['dateFormat'] {
  return r.oneOf(v, 'dateFormat', ['auto', 'DMY', 'MDY'] as const, 'auto', {
    'DD.MM.YYYY': 'DMY', 'DD/MM/YYYY': 'DMY', 'DD-MM-YYYY': 'DMY', 'MM/DD/YYYY': 'MDY', 'MM-DD-YYYY': 'MDY', 'MM.DD.YYYY': 'MDY',
  });
}

/** A BCP 47 tag as Intl canonicalises it ("de-de" -> "de-DE"); a malformed one is a problem naming the key. */
function normalizeLocale(v: unknown, path: string, r: Reader, dflt: string): string {
  if (absent(v)) return dflt;
  const tag = typeof v === 'string' ? canonicalLocale(v.trim()) : null;
  if (tag) return tag;
  r.problems.at(path, `must be a BCP 47 language tag such as en-US, de-DE, fr-FR or es-ES (got ${describeValue(v)})`);
  return dflt;
}

function normalizeTimezone(v: unknown, r: Reader): string {
  if (absent(v)) return 'UTC';
  if (typeof v === 'string' && v.trim() && IANAZone.isValidZone(v.trim())) return v.trim();
  r.problems.at('timezone', `must be an IANA time zone such as UTC or Europe/Berlin (got ${describeValue(v)})`);
  return 'UTC';
}

/** YYYY-MM-DD naming a real calendar day. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return t.getUTCFullYear() === +m[1] && t.getUTCMonth() === +m[2] - 1 && t.getUTCDate() === +m[3];
}

function normalizePeriod(v: unknown, path: string, r: Reader, base: PeriodSpec): PeriodSpec {
  if (absent(v)) return base;
  if (typeof v === 'string') {
    const name = r.match(v, PERIOD_NAMES);
    if (name === 'all') return { kind: 'all' };
    if (name) return { kind: 'relative', name };
  }
  if (!isRecord(v)) {
    r.problems.at(path, `must be ${list(PERIOD_NAMES)}, or { from, to } dates (got ${describeValue(v)})${r.suggest(v, PERIOD_NAMES)}`);
    return base;
  }
  const m = r.map(v, path, KEYS.period)!;
  const date = (key: 'from' | 'to'): string | null => {
    const d = get(m, key);
    if (absent(d)) return null;
    if (typeof d === 'string' && isIsoDate(d.trim())) return d.trim();
    r.problems.at(keyPath(path, key), `must be a date written YYYY-MM-DD (got ${describeValue(d)})`);
    return null;
  };
  const from = date('from');
  const to = date('to');
  if (absent(get(m, 'from')) && absent(get(m, 'to'))) {
    r.problems.at(path, 'needs `from`, `to` or both (YYYY-MM-DD), or a name such as last-week');
    return base;
  }
  if (from && to && from > to) r.problems.at(path, `must have \`from\` on or before \`to\` (got ${from} after ${to})`);
  return { kind: 'absolute', from, to };
}

function normalizeFilters(v: unknown, path: string, r: Reader, base: Filters): Filters {
  const m = r.map(v, path, KEYS.filters);
  return {
    platform: r.stringList(get(m, 'platform'), keyPath(path, 'platform'), base.platform),
    country: r.stringList(get(m, 'country'), keyPath(path, 'country'), base.country),
    category: r.stringList(get(m, 'category'), keyPath(path, 'category'), base.category),
    creator: r.stringList(get(m, 'creator'), keyPath(path, 'creator'), base.creator),
    minViews: r.number(get(m, 'minViews'), keyPath(path, 'minViews'), base.minViews, { min: 0 }),
  };
}

function normalizeScoring(v: unknown, r: Reader): ScoringConfig {
  const d = defaultScoring();
  const m = r.map(v, 'scoring', KEYS.scoring);

  const w = r.map(get(m, 'weights'), 'scoring.weights', KEYS['scoring.weights']);
  const weight = (key: 'views' | 'shares' | 'engagement') => r.number(get(w, key), `scoring.weights.${key}`, d.weights[key], { min: 0 });
  const weights = { views: weight('views'), shares: weight('shares'), engagement: weight('engagement') };
  if (weights.views + weights.shares + weights.engagement <= 0) r.problems.at('scoring.weights', 'must not all be 0');

  const c = r.map(get(m, 'caps'), 'scoring.caps', KEYS['scoring.caps']);
  const caps = {
    engagementRate: r.number(get(c, 'engagementRate'), 'scoring.caps.engagementRate', d.caps.engagementRate, { min: 0, minExclusive: true }),
    componentRate: r.number(get(c, 'componentRate'), 'scoring.caps.componentRate', d.caps.componentRate, { min: 0, minExclusive: true }),
  };

  const p = r.map(get(m, 'viralPotential'), 'scoring.viralPotential', KEYS['scoring.viralPotential']);
  const open01: NumberRule = { min: 0, max: 1, minExclusive: true, maxExclusive: true };
  const viralPotential = {
    medium: r.number(get(p, 'medium'), 'scoring.viralPotential.medium', d.viralPotential.medium, open01),
    high: r.number(get(p, 'high'), 'scoring.viralPotential.high', d.viralPotential.high, open01),
  };
  if (viralPotential.medium >= viralPotential.high) {
    r.problems.at('scoring.viralPotential', `must have \`medium\` below \`high\` (got ${viralPotential.medium} and ${viralPotential.high})`);
  }

  return { weights, caps, viralPotential, tierQuantiles: normalizeTierQuantiles(get(m, 'tierQuantiles'), r, d.tierQuantiles) };
}

function normalizeTierQuantiles(v: unknown, r: Reader, dflt: ScoringConfig['tierQuantiles']): ScoringConfig['tierQuantiles'] {
  if (absent(v)) return dflt;
  const path = 'scoring.tierQuantiles';
  const ok =
    Array.isArray(v) &&
    v.length === 4 &&
    v.every((q, i) => typeof q === 'number' && q > 0 && q < 1 && (i === 0 || q > (v[i - 1] as number)));
  if (ok) return v as ScoringConfig['tierQuantiles'];
  const got = Array.isArray(v) ? `[${v.map(describeValue).join(', ')}]` : describeValue(v);
  r.problems.at(path, `must be four strictly increasing numbers between 0 and 1, e.g. [0.5, 0.8, 0.95, 0.99] (got ${got})`);
  return dflt;
}

function normalizeThreshold(v: unknown, path: string, r: Reader, base: ThresholdSpec): ThresholdSpec {
  if (absent(v)) return base;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return { kind: 'value', value: v };
  if (typeof v === 'string') {
    if (v.trim().toLowerCase() === 'auto') return { kind: 'auto' };
    const top = /^top\s*(\d+(?:\.\d+)?)\s*%$/i.exec(v.trim());
    if (top && Number(top[1]) > 0 && Number(top[1]) <= 100) return { kind: 'top', percent: Number(top[1]) };
  }
  r.problems.at(path, `must be auto, a score ≥ 0, or "top N%" with 0 < N ≤ 100 (got ${describeValue(v)})`);
  return base;
}

function normalizeVirality(v: unknown, path: string, r: Reader, base: ReportSpec['virality']): ReportSpec['virality'] {
  const m = r.map(v, path, KEYS.virality);
  return { threshold: normalizeThreshold(get(m, 'threshold'), keyPath(path, 'threshold'), r, base.threshold) };
}

function normalizeSegments(v: unknown, path: string, r: Reader, base: SegmentSpec[]): SegmentSpec[] {
  if (absent(v)) return base.map((s) => ({ ...s }));
  if (!Array.isArray(v)) {
    r.problems.at(path, `must be true, false or a list of { by, metric, aggregation } (got ${describeValue(v)})`);
    return base.map((s) => ({ ...s }));
  }
  const out: SegmentSpec[] = [];
  v.forEach((item, i) => {
    const at = keyPath(path, i);
    const m = r.map(item, at, KEYS['sections.segments[]'], 'a mapping { by, metric, aggregation }');
    if (!m) {
      if (absent(item)) r.problems.at(at, 'must be a mapping { by, metric, aggregation } (got nothing)');
      return;
    }
    for (const key of ['by', 'metric'] as const) if (absent(get(m, key))) r.problems.at(keyPath(at, key), 'is required');
    out.push({
      by: r.oneOf(get(m, 'by'), keyPath(at, 'by'), SEGMENT_BY, 'platform'),
      metric: r.oneOf(get(m, 'metric'), keyPath(at, 'metric'), METRICS, 'views'),
      aggregation: r.oneOf(get(m, 'aggregation'), keyPath(at, 'aggregation'), AGGREGATIONS, 'median'),
    });
  });
  return out;
}

/** The section ids `sections:` can switch off: every section of the report (the registry's ids). */
const ON_OFF_OR_SETTINGS = 'true, false or a mapping of its settings';
const SECTION_IDS = ['overview', 'growth', 'creators', 'virality', 'segments', 'momentum', 'explorer'] as const;

function normalizeSections(v: unknown, path: string, r: Reader, base: SectionsConfig): SectionsConfig {
  const raw = r.map(v, path, KEYS.sections);
  const p = (...keys: string[]) => keys.reduce(keyPath, path);
  // `<id>: false` leaves the section out, `true` or its settings show it (a reports[] entry can
  // bring back what the shared settings left out); absent inherits. A boolean then reads as "no settings".
  const off = new Set(base.off);
  const m: Obj | undefined = raw && { ...raw };
  for (const id of SECTION_IDS) {
    const value = get(m, id);
    if (absent(value)) continue;
    if (typeof value === 'boolean') delete m![id];
    if (value === false) off.add(id);
    else if ((id === 'overview' || id === 'momentum') && value !== true) r.problems.at(p(id), `must be true or false (got ${describeValue(value)})`);
    else if (value === true || isRecord(value) || (id === 'segments' && Array.isArray(value))) off.delete(id);
  }

  const g = r.map(get(m, 'growth'), p('growth'), KEYS['sections.growth'], ON_OFF_OR_SETTINGS);
  const aggregation: Partial<Record<Metric, Aggregation>> = { ...base.growth.aggregation };
  const a = r.map(get(g, 'aggregation'), p('growth', 'aggregation'), METRICS, 'a mapping of metric to median, mean or sum');
  for (const metric of METRICS) {
    if (!absent(get(a, metric))) aggregation[metric] = r.oneOf(get(a, metric), p('growth', 'aggregation', metric), AGGREGATIONS, 'sum');
  }
  const growth = {
    metrics: r.enumList(get(g, 'metrics'), p('growth', 'metrics'), METRICS, base.growth.metrics, { nonEmpty: true }),
    period: r.oneOf(get(g, 'period'), p('growth', 'period'), GROWTH_PERIODS, base.growth.period),
    aggregation,
  };

  const c = r.map(get(m, 'creators'), p('creators'), KEYS['sections.creators'], ON_OFF_OR_SETTINGS);
  const creators = {
    rankBy: r.oneOf(get(c, 'rankBy'), p('creators', 'rankBy'), RANK_BY, base.creators.rankBy),
    top: r.number(get(c, 'top'), p('creators', 'top'), base.creators.top, { integer: true, min: 1, max: 500 }),
  };

  const ct = r.map(get(m, 'content'), p('content'), KEYS['sections.content']);
  const content = { top: r.number(get(ct, 'top'), p('content', 'top'), base.content.top, { integer: true, min: 1, max: 500 }) };

  const vi = r.map(get(m, 'virality'), p('virality'), KEYS['sections.virality'], ON_OFF_OR_SETTINGS);
  const virality = {
    top: r.number(get(vi, 'top'), p('virality', 'top'), base.virality.top, { integer: true, min: 1, max: 1000 }),
    bins: r.number(get(vi, 'bins'), p('virality', 'bins'), base.virality.bins, { integer: true, min: 1, max: 200 }),
  };

  const e = r.map(get(m, 'explorer'), p('explorer'), KEYS['sections.explorer'], ON_OFF_OR_SETTINGS);
  const explorer = {
    previewRows: r.number(get(e, 'previewRows'), p('explorer', 'previewRows'), base.explorer.previewRows, { integer: true, min: 0, max: 1000 }),
  };

  const segments = normalizeSegments(get(m, 'segments'), p('segments'), r, base.segments);
  return { growth, creators, content, virality, segments, explorer, off: SECTION_IDS.filter((id) => off.has(id)) };
}

/** `reports:` entries, each a partial override of the shared settings (deep merge: lists replace). */
function normalizeReports(v: unknown, r: Reader, shared: ReportSpec, ctx: NormalizeContext): ReportSpec[] {
  const copy = (s: ReportSpec): ReportSpec => structuredClone(s);
  if (absent(v)) return [copy(shared)];
  if (!Array.isArray(v)) {
    r.problems.at('reports', `must be a list of reports, each { id, title, filters, sections, period, compare, virality } (got ${describeValue(v)})`);
    return [copy(shared)];
  }
  if (v.length === 0) {
    r.problems.at('reports', 'must list at least one report (or leave `reports` out for one report of the shared settings)');
    return [copy(shared)];
  }
  const seen = new Map<string, string>(); // lower-case id -> path: folders must differ on case-insensitive disks too
  return v.map((item, i): ReportSpec => {
    const at = keyPath('reports', i);
    const m = r.map(item, at, KEYS['reports[]'], 'a mapping { id, title, filters, ... }');
    if (!m && absent(item)) r.problems.at(at, 'must be a mapping { id, title, filters, ... } (got nothing)');
    const rawId = get(m, 'id');
    let id = `report-${i + 1}`;
    if (m && absent(rawId)) r.problems.at(keyPath(at, 'id'), 'is required (letters, digits, ".", "_" or "-")');
    else if (m && (typeof rawId !== 'string' || !REPORT_ID.test(rawId))) {
      r.problems.at(keyPath(at, 'id'), `must start with a letter or digit and use only letters, digits, ".", "_" and "-" (got ${describeValue(rawId)})`);
    } else if (typeof rawId === 'string') {
      id = rawId;
      const before = seen.get(id.toLowerCase());
      if (before) r.problems.at(keyPath(at, 'id'), `repeats the id of \`${before}\` (${JSON.stringify(id)}); report ids name output folders and must differ`);
      else seen.set(id.toLowerCase(), at);
    }
    return {
      id,
      title: r.string(get(m, 'title'), keyPath(at, 'title'), shared.title),
      locale: normalizeLocale(get(m, 'locale'), keyPath(at, 'locale'), r, shared.locale),
      filters: normalizeFilters(get(m, 'filters'), keyPath(at, 'filters'), r, shared.filters),
      sections: normalizeSections(get(m, 'sections'), keyPath(at, 'sections'), r, structuredClone(shared.sections)),
      period: normalizePeriod(get(m, 'period'), keyPath(at, 'period'), r, shared.period),
      compare: r.oneOf(get(m, 'compare'), keyPath(at, 'compare'), ['none', 'previous'] as const, shared.compare),
      virality: normalizeVirality(get(m, 'virality'), keyPath(at, 'virality'), r, shared.virality),
      delivery: normalizeDelivery(get(m, 'delivery'), keyPath(at, 'delivery'), r, ctx, shared.delivery),
      ...withBranding(normalizeBranding(get(m, 'branding'), keyPath(at, 'branding'), r, ctx, shared.branding)),
    };
  });
}

function normalizeOutput(v: unknown, r: Reader): Config['output'] {
  const m = r.map(v, 'output', KEYS.output);
  const dir = r.string(get(m, 'dir'), 'output.dir', 'out/{report}');
  checkTokens(dir, 'output.dir', OUTPUT_TOKENS, r);
  const url = r.string(get(m, 'publicUrl'), 'output.publicUrl', '');
  if (url) {
    checkTokens(url, 'output.publicUrl', OUTPUT_TOKENS, r);
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(url.replace(/\{[^{}]*\}/g, 'x')).protocol);
    } catch {
      ok = false;
    }
    if (!ok || /[\s<>"]/.test(url)) r.problems.at('output.publicUrl', `must be an http(s) address without spaces, e.g. "https://reports.example.com/{report}/{period}/" (got ${describeValue(url)})`);
  }
  const formats = r.enumList(get(m, 'formats'), 'output.formats', OUTPUT_FORMATS, OUTPUT_FORMATS, { nonEmpty: true });
  // absent: every snapshot stays (pruning is opt-in, it removes files)
  const keep = absent(get(m, 'keep')) ? null : r.number(get(m, 'keep'), 'output.keep', 1, { integer: true, min: 1, max: 100_000 });
  return { dir, formats, keep, publicUrl: url || null };
}

/** Each `{token}` of `value` must be one of `tokens`, and no brace stands alone. */
function checkTokens(value: string, path: string, tokens: readonly string[], r: Reader): void {
  for (const [token, name] of value.matchAll(/\{([^{}]*)\}/g)) {
    if (!tokens.includes(name)) {
      r.problems.at(path, `has an unknown token ${token}; the tokens are ${tokens.map((t) => `{${t}}`).join(', ')}${r.suggest(name, tokens)}`);
    }
  }
  if (/[{}]/.test(value.replace(/\{[^{}]*\}/g, ''))) r.problems.at(path, `has an unmatched "{" or "}" (got ${describeValue(value)})`);
}

// ---------------------------------------------------------------------------
// delivery (SPEC section 9): every address checked, no password in the file

export const DEFAULT_FROM = 'Short-video reports <svreport@localhost>';
// the period with its dates, as the cover shows it (SPEC 10); {period} stays the bare label
export const DEFAULT_SUBJECT = '{title}: {periodDates}';
export const DEFAULT_MAX_BYTES = 10_000_000;
const SMTP_PORT = { starttls: 587, tls: 465, none: 25 } as const;
const ADDRESS_EXAMPLE = 'an email address such as growth@example.com or "Growth team <growth@example.com>"';

/** A list of checked mailboxes (a single string is a one-item list). */
function mailboxes(v: unknown, path: string, r: Reader, dflt: readonly string[]): string[] {
  const items = r.stringList(v, path, dflt);
  if (absent(v)) return items;
  for (const [i, item] of items.entries()) {
    if (!parseMailbox(item)) r.problems.at(Array.isArray(v) ? keyPath(path, i) : path, `must be ${ADDRESS_EXAMPLE} (got ${describeValue(item)})`);
  }
  return items;
}

function normalizeSmtp(v: unknown, path: string, r: Reader, ctx: NormalizeContext, base: SmtpSettings | null): SmtpSettings | null {
  if (absent(v)) return base ? { ...base } : null;
  // the password keys are named on purpose: the message says where a password belongs instead
  const m = r.map(v, path, [...KEYS['delivery.email.smtp'], 'password', 'pass']);
  if (!m) return base ? { ...base } : null;
  for (const key of ['password', 'pass']) {
    if (Object.hasOwn(m, key)) {
      r.problems.at(keyPath(path, key), 'must not be in the configuration file: put the password in an environment variable and name it in `passwordEnv` (or set SVREPORT_SMTP_URL)');
    }
  }
  const host = r.string(get(m, 'host'), keyPath(path, 'host'), base?.host ?? '');
  if (!host) r.problems.at(keyPath(path, 'host'), 'is required: the mail server to hand the messages to');
  else if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) r.problems.at(keyPath(path, 'host'), `must be a host name or IP address (got ${describeValue(host)})`);
  const security = r.oneOf(get(m, 'security'), keyPath(path, 'security'), ['starttls', 'tls', 'none'] as const, base?.security ?? 'starttls', { SSL: 'tls', SMTPS: 'tls' });
  const user = r.string(get(m, 'user'), keyPath(path, 'user'), base?.user ?? '');
  // the value is not echoed: a password written here by mistake must not reach a log
  let passwordEnv = base?.passwordEnv ?? null;
  const env = get(m, 'passwordEnv');
  if (!absent(env)) {
    if (typeof env === 'string' && ENV_NAME.test(env.trim())) passwordEnv = env.trim();
    else r.problems.at(keyPath(path, 'passwordEnv'), 'must name an environment variable (letters, digits and "_", e.g. SMTP_PASSWORD); the password itself never goes in the file');
  }
  const ca = r.string(get(m, 'ca'), keyPath(path, 'ca'), '');
  return {
    host,
    port: r.number(get(m, 'port'), keyPath(path, 'port'), base && absent(get(m, 'security')) ? base.port : SMTP_PORT[security], { integer: true, min: 1, max: 65535 }),
    security,
    user: user || null,
    passwordEnv,
    // certificate checks stay on unless the file says `tlsVerify: false` in so many words
    tlsVerify: r.boolean(get(m, 'tlsVerify'), keyPath(path, 'tlsVerify'), base?.tlsVerify ?? true),
    ca: ca ? resolve(ctx.configDir, ca) : base?.ca ?? null,
  };
}

/** `delivery`, over `base` (the shared one for a `reports[]` entry): mappings merge, lists replace. */
function normalizeDelivery(v: unknown, path: string, r: Reader, ctx: NormalizeContext, base: DeliveryConfig): DeliveryConfig {
  const m = r.map(v, path, KEYS.delivery);
  const e = r.map(get(m, 'email'), keyPath(path, 'email'), KEYS['delivery.email']);
  if (!e) return structuredClone(base);
  const at = (key: string) => keyPath(keyPath(path, 'email'), key);
  const b = base.email;
  const from = mailboxes(get(e, 'from'), at('from'), r, [b?.from ?? DEFAULT_FROM]);
  if (from.length !== 1) r.problems.at(at('from'), 'must be one address');
  const subject = r.string(get(e, 'subject'), at('subject'), b?.subject ?? DEFAULT_SUBJECT);
  checkTokens(subject, at('subject'), SUBJECT_TOKENS, r);
  const toBySplit: Record<string, string[]> = { ...(b?.toBySplit ?? {}) };
  const split = get(e, 'toBySplit');
  if (!absent(split)) {
    if (!isRecord(split)) r.problems.at(at('toBySplit'), `must be a mapping of split value to addresses (got ${describeValue(split)})`);
    else for (const key of Object.keys(split)) toBySplit[key] = mailboxes(split[key], keyPath(at('toBySplit'), key), r, []);
  }
  const email: EmailDelivery = {
    to: mailboxes(get(e, 'to'), at('to'), r, b?.to ?? []),
    cc: mailboxes(get(e, 'cc'), at('cc'), r, b?.cc ?? []),
    bcc: mailboxes(get(e, 'bcc'), at('bcc'), r, b?.bcc ?? []),
    replyTo: mailboxes(get(e, 'replyTo'), at('replyTo'), r, b?.replyTo ?? []),
    from: from[0] ?? DEFAULT_FROM,
    subject,
    attach: r.enumList(get(e, 'attach'), at('attach'), OUTPUT_FORMATS, b?.attach ?? ['pdf']),
    maxBytes: r.number(get(e, 'maxBytes'), at('maxBytes'), b?.maxBytes ?? DEFAULT_MAX_BYTES, { integer: true, min: 10_000, max: 1_000_000_000 }),
    toBySplit,
    onEmpty: r.oneOf(get(e, 'onEmpty'), at('onEmpty'), ['skip', 'notice', 'send'] as const, b?.onEmpty ?? 'skip'),
    onStale: r.oneOf(get(e, 'onStale'), at('onStale'), ['skip', 'send'] as const, b?.onStale ?? 'skip'),
    smtp: normalizeSmtp(get(e, 'smtp'), at('smtp'), r, ctx, b?.smtp ?? null),
  };
  return { email };
}

// ---------------------------------------------------------------------------
// branding (SPEC section 10): the logo file is read when the build starts (output/branding.ts)

export const FOOTER_MAX_CHARS = 200;
const HEX_COLOUR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `branding`, over `base` (the shared one for a `reports[]` entry) key by key; undefined when nothing is set. */
function normalizeBranding(v: unknown, path: string, r: Reader, ctx: NormalizeContext, base: BrandingSpec | undefined): BrandingSpec | undefined {
  const m = r.map(v, path, KEYS.branding);
  if (!m) return base ? { ...base } : undefined;
  const logo = r.string(get(m, 'logo'), keyPath(path, 'logo'), '');
  let accent = r.string(get(m, 'accent'), keyPath(path, 'accent'), '').trim();
  if (accent && !HEX_COLOUR.test(accent)) {
    r.problems.at(keyPath(path, 'accent'), `must be a colour written #rgb or #rrggbb, e.g. "#1f6feb" (got ${describeValue(accent)})`);
    accent = '';
  }
  if (accent.length === 4) accent = `#${[...accent.slice(1)].map((c) => c + c).join('')}`;
  const footer = r.string(get(m, 'footer'), keyPath(path, 'footer'), '').trim();
  if (/[\p{Cc}]/u.test(footer)) r.problems.at(keyPath(path, 'footer'), 'must be one line of text, without line breaks or control characters');
  else if ([...footer].length > FOOTER_MAX_CHARS) r.problems.at(keyPath(path, 'footer'), `must be at most ${FOOTER_MAX_CHARS} characters (got ${[...footer].length})`);
  const spec: BrandingSpec = {
    logo: logo ? resolve(ctx.configDir, logo) : base?.logo ?? null,
    accent: accent ? accent.toLowerCase() : base?.accent ?? null,
    footer: footer || (base?.footer ?? null),
  };
  return spec.logo || spec.accent || spec.footer ? spec : undefined;
}

/** The key only when set: a report without branding hashes (configHash) as before the key existed. */
const withBranding = (b: BrandingSpec | undefined): { branding?: BrandingSpec } => (b ? { branding: b } : {});

function normalizePdf(v: unknown, r: Reader, ctx: NormalizeContext): Config['pdf'] {
  const m = r.map(v, 'pdf', KEYS.pdf);
  const exe = r.string(get(m, 'executablePath'), 'pdf.executablePath', '');
  return {
    format: r.oneOf(get(m, 'format'), 'pdf.format', ['A4', 'Letter'] as const, 'A4'),
    landscape: r.boolean(get(m, 'landscape'), 'pdf.landscape', false),
    timeoutMs: r.number(get(m, 'timeoutMs'), 'pdf.timeoutMs', 60000, { integer: true, min: 1000, max: 3_600_000 }),
    // a path with a folder in it is relative to the config; a bare name (chromium) is left to PATH lookup
    executablePath: !exe ? null : isAbsolute(exe) || !/[\\/]/.test(exe) ? exe : resolve(ctx.configDir, exe),
  };
}

// ---------------------------------------------------------------------------

/** The resolved configuration, or a ReportError (exit 2) listing every problem with its key path. */
export function normalizeConfig(raw: unknown, ctx: NormalizeContext): Config {
  const problems = new Problems();
  const r = new Reader(problems);
  let root: Obj | undefined;
  if (!absent(raw) && !isRecord(raw)) problems.line(`the configuration must be a mapping of keys such as title, input, filters (got ${describeValue(raw)})`);
  else root = r.map(raw, '', KEYS.top);
  const at = (key: string) => get(root, key);

  // 1. Each key in the documented order (so problems are listed in that order too)
  const title = r.string(at('title'), 'title', DEFAULT_TITLE);
  const input = normalizeInput(at('input'), r, ctx, absent(raw) || root !== undefined);
  const columns = normalizeColumns(at('columns'), r);
  const dateFormat = normalizeDateFormat(at('dateFormat'), r);
  const timezone = normalizeTimezone(at('timezone'), r);
  const period = normalizePeriod(at('period'), 'period', r, { kind: 'all' });
  const compare = r.oneOf(at('compare'), 'compare', ['none', 'previous'] as const, 'none');
  const filters = normalizeFilters(at('filters'), 'filters', r, defaultFilters());
  const scoring = normalizeScoring(at('scoring'), r);
  const virality = normalizeVirality(at('virality'), 'virality', r, { threshold: { kind: 'auto' } });
  const sections = normalizeSections(at('sections'), 'sections', r, defaultSections());

  // 2. The reports: each over the shared settings, which are also the default report
  const delivery = normalizeDelivery(at('delivery'), 'delivery', r, ctx, { email: null });
  const branding = normalizeBranding(at('branding'), 'branding', r, ctx, undefined);
  const locale = normalizeLocale(at('locale'), 'locale', r, DEFAULT_LOCALE);
  const shared: ReportSpec = { id: 'report', title, locale, filters, sections, period, compare, virality, delivery, ...withBranding(branding) };
  const reports = normalizeReports(at('reports'), r, shared, ctx);
  for (const rep of reports) {
    const e = rep.delivery.email;
    if (e && e.to.length === 0 && Object.keys(e.toBySplit).length === 0) {
      r.problems.at(at('reports') ? `reports[${reports.indexOf(rep)}].delivery.email.to` : 'delivery.email.to', `is required: who receives report "${rep.id}" (or \`toBySplit\` with splitBy)`);
      break;
    }
  }

  const config: Config = {
    configPath: ctx.configPath,
    configDir: ctx.configDir,
    title, input, columns, dateFormat, timezone, period, compare, filters, scoring, virality, sections, reports,
    splitBy: r.oneOf(at('splitBy'), 'splitBy', SPLIT_BY, 'none'),
    maxReports: r.number(at('maxReports'), 'maxReports', 50, { integer: true, min: 1, max: 10000 }),
    output: normalizeOutput(at('output'), r),
    locale,
    theme: r.oneOf(at('theme'), 'theme', ['light', 'dark'] as const, 'light'),
    pdf: normalizePdf(at('pdf'), r, ctx),
    delivery,
  };

  // 3. All problems at once
  if (problems.lines.length > 0) {
    const file = ctx.displayPath ?? ctx.configPath ?? 'configuration';
    const n = problems.lines.length;
    throw new ReportError(EXIT.usage, `${file}: ${n} ${n === 1 ? 'problem' : 'problems'} in the configuration`, problems.lines);
  }
  return config;
}
