// Cell values as platform exports write them: numbers (18,400 / 1.2K / 12% / 0:45), durations,
// dates and instants (read into a local day + minute of the configured zone), hashtag lists and
// export summary labels. Hot path: called per cell on million-row files, so the common plain
// forms are decided by char-code scanning without regexes or allocation; the rest is slow path.
import { IANAZone } from 'luxon';
import { EXIT, ReportError } from '../errors.ts';

// ---------------------------------------------------------------------------
// Character classes

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Spaces exports put around or inside numbers (NBSP, figure, thin, narrow NBSP) plus invisibles. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2007 || c === 0x2009 ||
    c === 0x202f || c === 0x200b || c === 0xfeff || c === 0x3000;
}

/** Thousands separators that are spaces: `18 400`, `18\u00a0400`, `18\u2009400`. */
const isGroupSpace = (c: number) => c === 32 || c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x202f;

const isQuote = (c: number) => c === 34 || c === 39 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d;

const isTrim = (c: number) => isSpace(c) || isQuote(c);

// Trim bounds are left here instead of returned as a tuple so trimming allocates nothing.
let tStart = 0;
let tEnd = 0;
function trimBounds(s: string): void {
  let i = 0;
  let e = s.length;
  while (i < e && isTrim(s.charCodeAt(i))) i++;
  while (e > i && isTrim(s.charCodeAt(e - 1))) e--;
  tStart = i;
  tEnd = e;
}

// 'nat' is pandas' missing datetime, '#n/a' Excel's; the rest are the spec's list.
const MISSING_TOKENS = new Set(['na', 'n/a', '#n/a', 'null', 'none', 'nan', 'nat', '-', '--', '—', '–']);

/** Only called on short slices, so the lower-casing allocation stays off the common path. */
function isMissingToken(s: string, i: number, e: number): boolean {
  return e - i <= 4 && MISSING_TOKENS.has(s.slice(i, e).toLowerCase());
}

// ---------------------------------------------------------------------------
// Numbers

/**
 * A number as exports print it. NaN = empty/missing; undefined = present but not a number.
 * Thousands separators, decimal commas, K/M/B, %, leading or trailing currency, `m:ss` and
 * `h:mm:ss` durations (as seconds).
 */
export function parseNumber(raw: string): number | undefined {
  const n = raw.length;
  if (n === 0) return NaN;
  let i = 0;
  let neg = false;
  if (raw.charCodeAt(0) === 45) {
    if (n === 1) return NaN; // a lone '-' is how many exports write "no value"
    neg = true;
    i = 1;
  }
  let v = 0;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      digits++;
    } else if (c === 46 && !dot) dot = true;
    else return slowNumber(raw, true);
  }
  if (digits === 0) return slowNumber(raw, true);
  // beyond 15 digits the running integer may have lost precision; Number() rounds correctly
  if (dot || digits > 15) return Number(raw);
  return neg ? 0 - v : v; // 0 - v keeps "-0" from becoming -0
}

/** units: accept K/M/B, % and currency (numbers); durations take none of them. */
function slowNumber(s: string, units: boolean): number | undefined {
  trimBounds(s);
  let i = tStart;
  let e = tEnd;
  if (i === e) return NaN;
  if (isMissingToken(s, i, e)) return NaN;
  let neg = false;
  let signed = false;
  let currency = false;
  let c = s.charCodeAt(i);
  if (c === 45 || c === 43 || c === 0x2212) {
    neg = c !== 43;
    signed = true;
    i++;
  }
  if (units && i < e && isCurrency(s.charCodeAt(i))) {
    currency = true;
    i++;
    while (i < e && isSpace(s.charCodeAt(i))) i++;
    c = i < e ? s.charCodeAt(i) : 0;
    if (!signed && (c === 45 || c === 43 || c === 0x2212)) {
      neg = c !== 43;
      i++;
    }
  }
  if (units && !currency && e > i && isCurrency(s.charCodeAt(e - 1))) {
    // `1.234,50 €`: European exports put the symbol after the amount
    currency = true;
    e--;
    while (e > i && isSpace(s.charCodeAt(e - 1))) e--;
  }
  let shift = 0; // power of ten applied through the literal, so 1.2K is exactly 1200
  if (units && e > i) {
    c = s.charCodeAt(e - 1);
    if (c === 37) shift = -2;
    else if (c === 75 || c === 107) shift = 3;
    else if (c === 77 || c === 109) shift = 6;
    else if (c === 66 || c === 98) shift = 9;
    if (shift !== 0) {
      e--;
      while (e > i && isSpace(s.charCodeAt(e - 1))) e--;
    }
  }
  if (i >= e) return undefined;
  const colon = s.indexOf(':', i);
  if (colon >= 0 && colon < e) {
    if (shift !== 0 || currency) return undefined;
    const sec = colonSeconds(s, i, e);
    return sec === undefined ? undefined : neg && sec !== 0 ? -sec : sec;
  }
  let lit = decimalLiteral(s, i, e);
  if (lit === null) return undefined;
  if (shift !== 0) {
    if (lit.indexOf('e') >= 0 || lit.indexOf('E') >= 0) return undefined;
    lit += 'e' + shift;
  }
  const v = Number(lit);
  if (!Number.isFinite(v)) return undefined;
  return neg && v !== 0 ? -v : v;
}

const isCurrency = (c: number) => c === 36 || c === 0x20ac || c === 0xa3;

/**
 * The body of a number (no sign, unit or currency) as a plain JS numeric literal, or null.
 * Separator rules: with both ',' and '.', the later one is the decimal mark; a lone ',' is a
 * thousands separator only when it reads as one (1-3 digits, not starting with 0, then exactly
 * 3 digits), otherwise a decimal comma; a lone '.' is a decimal point; repeated ',' or '.' are
 * thousands separators; spaces are thousands separators. Groups must be 1-3 then 3 digits, or
 * with commas the Indian 1-2, then 2s, then 3 (12,34,567).
 */
function decimalLiteral(s: string, i: number, e: number): string | null {
  let commas = 0;
  let dots = 0;
  let spaces = 0;
  let lastComma = -1;
  let lastDot = -1;
  let digits = 0;
  for (let p = i; p < e; p++) {
    const c = s.charCodeAt(p);
    if (isDigit(c)) digits++;
    else if (c === 44) {
      commas++;
      lastComma = p;
    } else if (c === 46) {
      dots++;
      lastDot = p;
    } else if (isGroupSpace(c)) spaces++;
    else if (c === 101 || c === 69) return exponential(s, i, p, e);
    else return null;
  }
  if (digits === 0) return null;
  const SPACE = 32;
  let dec = -1;
  let group = 0;
  if (commas > 0 && dots > 0) {
    if (spaces > 0) return null;
    if (lastDot > lastComma) {
      if (dots > 1) return null;
      dec = lastDot;
      group = 44;
    } else {
      if (commas > 1) return null;
      dec = lastComma;
      group = 46;
    }
  } else if (commas > 0) {
    if (spaces > 0) {
      if (commas > 1) return null;
      dec = lastComma; // `1 234,5`: spaces already group, so the comma is the decimal mark
      group = SPACE;
    } else if (commas === 1) {
      const before = lastComma - i;
      const grouping = e - lastComma - 1 === 3 && before >= 1 && before <= 3 && s.charCodeAt(i) !== 48;
      if (grouping) group = 44;
      else dec = lastComma;
    } else group = 44;
  } else if (dots > 0) {
    if (dots === 1) {
      dec = lastDot;
      if (spaces > 0) group = SPACE;
    } else {
      if (spaces > 0) return null;
      group = 46;
    }
  } else if (spaces > 0) group = SPACE;

  const intEnd = dec >= 0 ? dec : e;
  let int = '';
  let run = 0;
  let grouped = false;
  let first = 0;
  let lakh = false; // Indian grouping 12,34,567: two-digit groups before the last three
  for (let p = i; p < intEnd; p++) {
    const c = s.charCodeAt(p);
    if (isDigit(c)) {
      run++;
      continue;
    }
    const ok = group === SPACE ? isGroupSpace(c) : c === group;
    if (!ok) return null;
    if (!grouped) {
      if (run < 1 || run > 3 || s.charCodeAt(i) === 48) return null;
      first = run;
      int = s.slice(i, p);
      grouped = true;
    } else {
      if (run === 2 && group === 44 && first <= 2 && (lakh || int.length === first)) lakh = true;
      else if (run !== 3 || lakh) return null;
      int += s.slice(p - run, p);
    }
    run = 0;
  }
  if (grouped) {
    if (run !== 3) return null;
    int += s.slice(intEnd - 3, intEnd);
  } else int = s.slice(i, intEnd);
  if (dec < 0) return int;
  for (let p = dec + 1; p < e; p++) if (!isDigit(s.charCodeAt(p))) return null;
  const frac = s.slice(dec + 1, e);
  if (frac.length === 0 && (int.length === 0 || s.charCodeAt(dec) === 44)) return null;
  return (int.length === 0 ? '0' : int) + (frac.length === 0 ? '' : '.' + frac);
}

/** `1e3`, `1.5E-3`: no separators allowed around an exponent. */
function exponential(s: string, i: number, ePos: number, e: number): string | null {
  let digits = 0;
  let dots = 0;
  for (let p = i; p < ePos; p++) {
    const c = s.charCodeAt(p);
    if (isDigit(c)) digits++;
    else if (c === 46 && dots === 0) dots++;
    else return null;
  }
  if (digits === 0) return null;
  let p = ePos + 1;
  if (p < e && (s.charCodeAt(p) === 43 || s.charCodeAt(p) === 45)) p++;
  if (p >= e) return null;
  for (; p < e; p++) if (!isDigit(s.charCodeAt(p))) return null;
  return s.slice(i, e);
}

/** `m:ss` or `h:mm:ss`, optional fraction of a second; later parts exactly two digits < 60. */
function colonSeconds(s: string, i: number, e: number): number | undefined {
  let p = i;
  let total = 0;
  while (p < e && isDigit(s.charCodeAt(p))) total = total * 10 + (s.charCodeAt(p++) - 48);
  if (p === i) return undefined;
  let parts = 1;
  while (p < e && s.charCodeAt(p) === 58) {
    if (p + 3 > e) return undefined;
    const d1 = s.charCodeAt(p + 1) - 48;
    const d2 = s.charCodeAt(p + 2) - 48;
    if (d1 < 0 || d1 > 5 || d2 < 0 || d2 > 9) return undefined;
    total = total * 60 + d1 * 10 + d2;
    p += 3;
    parts++;
  }
  if (parts < 2 || parts > 3) return undefined;
  if (p < e) {
    if (s.charCodeAt(p) !== 46 || p + 1 >= e) return undefined;
    for (let q = p + 1; q < e; q++) if (!isDigit(s.charCodeAt(q))) return undefined;
    total += Number('0' + s.slice(p, e));
  }
  return total;
}

/**
 * Whether a cell holds a digit: a number or date cell that cannot be read is then counted as
 * unreadable (`12a4`); without one it is a word meaning "no value" (`unknown`, `hidden`).
 */
export function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i))) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Durations

/**
 * A duration in seconds. NaN = empty/missing; undefined = not a duration (including negative).
 * Plain numbers are seconds; `0:45`, `1:02:03`, ISO 8601 `PT1M30S`, `1m 30s`, `45s`, `2 min`.
 */
export function parseDurationSec(raw: string): number | undefined {
  const n = raw.length;
  if (n === 0) return NaN;
  let v = 0;
  let digits = 0;
  let dot = false;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      digits++;
    } else if (c === 46 && !dot) dot = true;
    else return slowDuration(raw);
  }
  if (digits === 0) return undefined;
  return dot || digits > 15 ? Number(raw) : v;
}

function slowDuration(s: string): number | undefined {
  trimBounds(s);
  const i = tStart;
  const e = tEnd;
  if (i === e) return NaN;
  if (isMissingToken(s, i, e)) return NaN;
  let letters = false;
  for (let p = i; p < e; p++) {
    const c = s.charCodeAt(p) | 32;
    if (c >= 97 && c <= 122) {
      letters = true;
      break;
    }
  }
  if (letters) {
    const t = s.slice(i, e).toLowerCase();
    return t.charCodeAt(0) === 112 /* p */ ? isoDuration(t) : unitDuration(t);
  }
  const v = slowNumber(s, false);
  return v !== undefined && v < 0 ? undefined : v;
}

const ISO_DURATION = /^p(?:(\d+(?:[.,]\d+)?)d)?(?:t(?:(\d+(?:[.,]\d+)?)h)?(?:(\d+(?:[.,]\d+)?)m)?(?:(\d+(?:[.,]\d+)?)s)?)?$/;
const num = (x: string | undefined) => (x === undefined ? 0 : Number(x.replace(',', '.')));

function isoDuration(t: string): number | undefined {
  const m = ISO_DURATION.exec(t);
  // "P" and "PT" alone match the pattern but state nothing
  if (m === null || t === 'p' || t.endsWith('t')) return undefined;
  return num(m[1]) * 86400 + num(m[2]) * 3600 + num(m[3]) * 60 + num(m[4]);
}

const UNIT_PART = /\s*(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?\s*,?/y;
const UNIT_SECONDS: Record<string, number> = {
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
};

/** `1m 30s`, `2 min`, `1h 2m 3s`: each unit once, largest first. */
function unitDuration(t: string): number | undefined {
  UNIT_PART.lastIndex = 0;
  let total = 0;
  let last = Infinity;
  while (UNIT_PART.lastIndex < t.length) {
    const m = UNIT_PART.exec(t);
    if (m === null) return undefined;
    const unit = Object.hasOwn(UNIT_SECONDS, m[2]) ? UNIT_SECONDS[m[2]] : undefined;
    if (unit === undefined || unit >= last) return undefined;
    last = unit;
    total += num(m[1]) * unit;
  }
  return last === Infinity ? undefined : total;
}

// ---------------------------------------------------------------------------
// Dates

export const DATE_OK = 0;
export const DATE_MISSING = 1;
export const DATE_BAD = 2;
export const DATE_AMBIGUOUS = 3;

const MS_MIN = 60_000;
const MS_HOUR = 3_600_000;
const MS_DAY = 86_400_000;
const MAX_MS = 8.64e15; // the range of a JS Date

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  if (d <= 28) return true;
  if (m === 2) return d === 29 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/**
 * Kaggle's "Trending YouTube Video Statistics" (2017-18) writes `trending_date` as YY.DD.MM
 * (`17.14.11` is 2017-11-14), a form no other export uses: read only for that column (the
 * export time). Days since 1970-01-01, NaN when the cell is not one.
 */
export function kaggleTrendingDay(raw: string): number {
  const m = /^\s*(\d\d)\.(\d\d)\.(\d\d)\s*$/.exec(raw);
  if (m === null) return NaN;
  const y = 2000 + Number(m[1]);
  const d = Number(m[2]);
  const mo = Number(m[3]);
  return validDate(y, mo, d) ? daysFromCivil(y, mo, d) : NaN;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** 1..12 for a month name or an abbreviation of at least 3 letters (`Nov`, `Sept`), else 0. */
function monthOf(word: string): number {
  if (word.length < 3) return 0;
  for (let k = 0; k < 12; k++) if (MONTHS[k].startsWith(word)) return k + 1;
  return 0;
}

const isWeekday = (word: string) => word.length >= 3 && WEEKDAYS.some((w) => w.startsWith(word));
const isLetter = (c: number) => ((c | 32) >= 97 && (c | 32) <= 122);

/**
 * Reads publish dates into a local calendar day and minute of day in one IANA zone.
 * Stateful on purpose: results go to public fields (no object per cell), and the reader counts
 * the DD/MM vs MM/DD evidence it saw so the caller can settle ambiguous values afterwards.
 */
export class DateReader {
  /** local calendar day, days since 1970-01-01; NaN unless DATE_OK */
  day = NaN;
  /** local minute of day 0..1439, or -1 when the value had no time of day */
  minute = -1;
  /** for DATE_AMBIGUOUS: the two leading parts and the year of NN/NN/YYYY or NN.NN.YYYY */
  a = 0;
  b = 0;
  y = 0;
  dmyEvidence = 0;
  mdyEvidence = 0;
  dotForms = 0;
  slashForms = 0;

  readonly timezone: string;
  readonly order: 'auto' | 'DMY' | 'MDY';
  private readonly zone: IANAZone;
  /** UTC hour -> zone offset in minutes for the whole hour, NaN when a transition falls inside it */
  private readonly offsets = new Map<number, number>();
  // time-of-day scratch of the last parsed time part
  private tMin = -1;
  private tMs = 0; // seconds and milliseconds within the minute
  private zOff = NaN; // explicit zone offset in minutes, NaN for wall-clock values

  constructor(timezone: string, order: 'auto' | 'DMY' | 'MDY') {
    if (!IANAZone.isValidZone(timezone)) {
      throw new ReportError(
        EXIT.usage,
        `The timezone "${timezone}" is not a valid IANA time zone name (for example UTC, Europe/Berlin or America/New_York).`,
      );
    }
    this.timezone = timezone;
    this.order = order;
    this.zone = IANAZone.create(timezone);
  }

  /** Parses one cell; returns DATE_OK, DATE_MISSING, DATE_BAD or DATE_AMBIGUOUS. */
  read(raw: string): number {
    this.day = NaN;
    this.minute = -1;
    let i = 0;
    let e = raw.length;
    while (i < e && isTrim(raw.charCodeAt(i))) i++;
    while (e > i && isTrim(raw.charCodeAt(e - 1))) e--;
    if (i === e) return DATE_MISSING;
    const c = raw.charCodeAt(i);
    if (isDigit(c)) return this.readDigits(raw, i, e);
    if (isMissingToken(raw, i, e)) return DATE_MISSING;
    if (isLetter(c)) return this.readMonthFirst(raw, i, e);
    return DATE_BAD;
  }

  /**
   * A time of day alone (`08:59:25`, `8:05`, `8:05 PM`): its minute of day 0..1439, -1 when the
   * cell is not one (a time column, or an hour column that holds times). Wall clock: no zone.
   */
  timeOfDay(raw: string): number {
    let i = 0;
    let e = raw.length;
    while (i < e && isTrim(raw.charCodeAt(i))) i++;
    while (e > i && isTrim(raw.charCodeAt(e - 1))) e--;
    if (i === e || !isDigit(raw.charCodeAt(i))) return -1;
    return this.time(raw, i, e, false) ? this.tMin : -1;
  }

  /** The day of an ambiguous value once the order is known; NaN for an impossible date. */
  resolve(a: number, b: number, y: number, order: 'DMY' | 'MDY'): number {
    const d = order === 'DMY' ? a : b;
    const m = order === 'DMY' ? b : a;
    return validDate(y, m, d) ? daysFromCivil(y, m, d) : NaN;
  }

  /** Configured order; else the evidence (majority when mixed); else dotted -> DMY, slashed -> MDY. */
  decideOrder(): 'DMY' | 'MDY' {
    if (this.order !== 'auto') return this.order;
    if (this.dmyEvidence !== this.mdyEvidence) return this.dmyEvidence > this.mdyEvidence ? 'DMY' : 'MDY';
    return this.dotForms > this.slashForms ? 'DMY' : 'MDY';
  }

  /** UTC epoch ms -> local day and minute. */
  private instant(ms: number): number {
    if (!(ms >= -MAX_MS && ms <= MAX_MS)) return DATE_BAD;
    const local = ms + this.offsetAt(ms) * MS_MIN;
    const day = Math.floor(local / MS_DAY);
    this.day = day;
    this.minute = Math.floor((local - day * MS_DAY) / MS_MIN);
    return DATE_OK;
  }

  private offsetAt(ms: number): number {
    // luxon's offset() goes through Intl per call; offsets only change at transitions, so one
    // lookup per UTC hour serves every row. An hour holding a transition (Lord Howe switches
    // at :30 UTC) is marked NaN and asked per value.
    const h = Math.floor(ms / MS_HOUR);
    let off = this.offsets.get(h);
    if (off === undefined) {
      const start = this.zone.offset(h * MS_HOUR);
      off = start === this.zone.offset(h * MS_HOUR + MS_HOUR - 1) ? start : NaN;
      this.offsets.set(h, off);
    }
    return off === off ? off : this.zone.offset(ms);
  }

  /** A calendar date plus the time part parsed by time(): wall clock or instant. */
  private finish(day: number): number {
    if (this.zOff !== this.zOff) {
      this.day = day;
      this.minute = this.tMin;
      return DATE_OK;
    }
    return this.instant(day * MS_DAY + (this.tMin - this.zOff) * MS_MIN + this.tMs);
  }

  private readDigits(s: string, i: number, e: number): number {
    let p = i;
    let v = 0;
    while (p < e && isDigit(s.charCodeAt(p))) v = v * 10 + (s.charCodeAt(p++) - 48);
    const n = p - i;
    if (p === e) {
      if (n === 8) {
        // 20250214: basic ISO date (epoch seconds of 8 digits would be 1970-1973)
        const y = Math.floor(v / 10000);
        const m = Math.floor(v / 100) % 100;
        const d = v % 100;
        if (!validDate(y, m, d)) return DATE_BAD;
        this.day = daysFromCivil(y, m, d);
        return DATE_OK;
      }
      if (n < 9) return DATE_BAD;
      return this.instant(v < 1e11 ? v * 1000 : v);
    }
    const sep = s.charCodeAt(p);
    if (n === 4 && (sep === 45 || sep === 47 || sep === 46)) return this.readYearFirst(s, p, e, v, sep);
    if (n <= 2 && (sep === 47 || sep === 46)) return this.readNumericDayMonth(s, p, e, v, sep);
    if (n >= 9 && sep === 46) {
      // epoch seconds with a fraction
      for (let q = p + 1; q < e; q++) if (!isDigit(s.charCodeAt(q))) return DATE_BAD;
      if (p + 1 === e) return DATE_BAD;
      const x = Number(s.slice(i, e));
      return this.instant(x < 1e11 ? Math.round(x * 1000) : Math.round(x));
    }
    if (n <= 2 && (sep === 32 || sep === 45)) {
      // 14 Nov 2026, 14-Nov-2026
      let q = p + 1;
      while (q < e && s.charCodeAt(q) === 32) q++;
      const w = q;
      while (q < e && isLetter(s.charCodeAt(q))) q++;
      const month = monthOf(s.slice(w, q).toLowerCase());
      if (month === 0) return DATE_BAD;
      if (q < e && s.charCodeAt(q) === 46) q++;
      if (q < e && s.charCodeAt(q) === 44) q++;
      if (q >= e || (s.charCodeAt(q) !== 32 && s.charCodeAt(q) !== 45)) return DATE_BAD;
      while (q < e && (s.charCodeAt(q) === 32 || s.charCodeAt(q) === 45)) q++;
      return this.yearAndTail(s, q, e, month, v);
    }
    return DATE_BAD;
  }

  /** YYYY-MM-DD[(T| )time[zone]], YYYY/MM/DD, YYYY.MM.DD */
  private readYearFirst(s: string, p: number, e: number, y: number, sep: number): number {
    let q = p + 1;
    let m = 0;
    const m0 = q;
    while (q < e && q - m0 < 2 && isDigit(s.charCodeAt(q))) m = m * 10 + (s.charCodeAt(q++) - 48);
    if (q === m0 || q >= e || s.charCodeAt(q) !== sep) return DATE_BAD;
    q++;
    let d = 0;
    const d0 = q;
    while (q < e && q - d0 < 2 && isDigit(s.charCodeAt(q))) d = d * 10 + (s.charCodeAt(q++) - 48);
    if (q === d0 || !validDate(y, m, d)) return DATE_BAD;
    const day = daysFromCivil(y, m, d);
    if (q === e) {
      this.day = day;
      return DATE_OK;
    }
    const c = s.charCodeAt(q);
    if (sep === 45 && (c === 84 || c === 116)) q++;
    else if (c === 32) while (q < e && s.charCodeAt(q) === 32) q++;
    else return DATE_BAD;
    return this.time(s, q, e, true) ? this.finish(day) : DATE_BAD;
  }

  /** NN/NN/YYYY or NN.NN.YYYY [time]; the order comes from config, evidence, or stays open. */
  private readNumericDayMonth(s: string, p: number, e: number, a: number, sep: number): number {
    let q = p + 1;
    let b = 0;
    const b0 = q;
    while (q < e && q - b0 < 2 && isDigit(s.charCodeAt(q))) b = b * 10 + (s.charCodeAt(q++) - 48);
    if (q === b0 || q >= e || s.charCodeAt(q) !== sep) return DATE_BAD;
    q++;
    let y = 0;
    const y0 = q;
    while (q < e && isDigit(s.charCodeAt(q))) y = y * 10 + (s.charCodeAt(q++) - 48);
    if (q - y0 !== 4) return DATE_BAD; // 2-digit years are refused: 02/03/04 has no safe reading
    if (sep === 46) this.dotForms++;
    else this.slashForms++;
    this.tMin = -1;
    if (q < e) {
      if (s.charCodeAt(q) === 44) q++; // "02/14/2025, 10:30 AM"
      if (q >= e || s.charCodeAt(q) !== 32) return DATE_BAD;
      while (q < e && s.charCodeAt(q) === 32) q++;
      // no zone here: an ambiguous value cannot be turned into an instant before the order is known
      if (!this.time(s, q, e, false)) return DATE_BAD;
    }
    if (a === 0 || b === 0 || (a > 12 && b > 12)) return DATE_BAD;
    if (a > 12) this.dmyEvidence++;
    else if (b > 12) this.mdyEvidence++;
    let order = this.order;
    if (order === 'auto') {
      if (a > 12) order = 'DMY';
      else if (b > 12) order = 'MDY';
      else {
        this.a = a;
        this.b = b;
        this.y = y;
        this.minute = this.tMin;
        return DATE_AMBIGUOUS;
      }
    }
    const day = this.resolve(a, b, y, order);
    if (day !== day) return DATE_BAD;
    this.day = day;
    this.minute = this.tMin;
    return DATE_OK;
  }

  /** Nov 14, 2026 / November 14 2026 / Fri, Nov 14, 2026 10:30 AM */
  private readMonthFirst(s: string, i: number, e: number): number {
    let q = i;
    while (q < e && isLetter(s.charCodeAt(q))) q++;
    let word = s.slice(i, q).toLowerCase();
    if (monthOf(word) === 0 && isWeekday(word)) {
      if (q < e && s.charCodeAt(q) === 46) q++;
      if (q < e && s.charCodeAt(q) === 44) q++;
      if (q >= e || s.charCodeAt(q) !== 32) return DATE_BAD;
      while (q < e && s.charCodeAt(q) === 32) q++;
      const w = q;
      while (q < e && isLetter(s.charCodeAt(q))) q++;
      word = s.slice(w, q).toLowerCase();
    }
    const month = monthOf(word);
    if (month === 0) return DATE_BAD;
    if (q < e && s.charCodeAt(q) === 46) q++;
    if (q >= e || (s.charCodeAt(q) !== 32 && s.charCodeAt(q) !== 45)) return DATE_BAD;
    while (q < e && (s.charCodeAt(q) === 32 || s.charCodeAt(q) === 45)) q++;
    let d = 0;
    const d0 = q;
    while (q < e && q - d0 < 2 && isDigit(s.charCodeAt(q))) d = d * 10 + (s.charCodeAt(q++) - 48);
    if (q === d0) return DATE_BAD;
    // ordinal suffix: Nov 14th
    if (q + 1 < e && isLetter(s.charCodeAt(q)) && isLetter(s.charCodeAt(q + 1))) {
      const suf = s.slice(q, q + 2).toLowerCase();
      if (suf === 'st' || suf === 'nd' || suf === 'rd' || suf === 'th') q += 2;
    }
    if (q < e && s.charCodeAt(q) === 44) q++;
    if (q >= e || s.charCodeAt(q) !== 32) return DATE_BAD;
    while (q < e && s.charCodeAt(q) === 32) q++;
    return this.yearAndTail(s, q, e, month, d);
  }

  /** YYYY then optional [,] [at] time, for the month-name forms. */
  private yearAndTail(s: string, q: number, e: number, month: number, d: number): number {
    let y = 0;
    const y0 = q;
    while (q < e && isDigit(s.charCodeAt(q))) y = y * 10 + (s.charCodeAt(q++) - 48);
    if (q - y0 !== 4 || !validDate(y, month, d)) return DATE_BAD;
    const day = daysFromCivil(y, month, d);
    if (q === e) {
      this.day = day;
      return DATE_OK;
    }
    if (s.charCodeAt(q) === 44) q++;
    if (q >= e || s.charCodeAt(q) !== 32) return DATE_BAD;
    while (q < e && s.charCodeAt(q) === 32) q++;
    if (q + 2 < e && (s.charCodeAt(q) | 32) === 97 && (s.charCodeAt(q + 1) | 32) === 116 && s.charCodeAt(q + 2) === 32) {
      q += 3; // "Nov 14, 2026 at 10:30 AM"
      while (q < e && s.charCodeAt(q) === 32) q++;
    }
    return this.time(s, q, e, true) ? this.finish(day) : DATE_BAD;
  }

  /**
   * H[H]:MM[:SS[.fff]] [AM|PM] [Z | ±HH[:MM] | UTC | GMT], to the end of the value. Leaves
   * tMin, tMs and zOff (NaN without a zone). False when anything is off.
   */
  private time(s: string, q: number, e: number, zoneAllowed: boolean): boolean {
    let h = 0;
    const h0 = q;
    while (q < e && q - h0 < 2 && isDigit(s.charCodeAt(q))) h = h * 10 + (s.charCodeAt(q++) - 48);
    if (q === h0 || q + 2 >= e || s.charCodeAt(q) !== 58) return false;
    const m1 = s.charCodeAt(q + 1) - 48;
    const m2 = s.charCodeAt(q + 2) - 48;
    if (m1 < 0 || m1 > 5 || m2 < 0 || m2 > 9) return false;
    const mi = m1 * 10 + m2;
    q += 3;
    let ms = 0;
    if (q < e && s.charCodeAt(q) === 58) {
      if (q + 3 > e) return false;
      const s1 = s.charCodeAt(q + 1) - 48;
      const s2 = s.charCodeAt(q + 2) - 48;
      if (s1 < 0 || s1 > 5 || s2 < 0 || s2 > 9) return false;
      ms = (s1 * 10 + s2) * 1000;
      q += 3;
      if (q < e && (s.charCodeAt(q) === 46 || s.charCodeAt(q) === 44)) {
        q++;
        const f0 = q;
        let scale = 100;
        while (q < e && isDigit(s.charCodeAt(q))) {
          ms += (s.charCodeAt(q++) - 48) * scale;
          scale /= 10;
        }
        if (q === f0) return false;
        ms = Math.floor(ms);
      }
    }
    while (q < e && s.charCodeAt(q) === 32) q++;
    if (q + 1 < e && ((s.charCodeAt(q) | 32) === 97 || (s.charCodeAt(q) | 32) === 112)) {
      // AM/PM, also a.m./p.m.
      const pm = (s.charCodeAt(q) | 32) === 112;
      let r = q + 1;
      if (s.charCodeAt(r) === 46) r++;
      if (r < e && (s.charCodeAt(r) | 32) === 109) {
        r++;
        if (r < e && s.charCodeAt(r) === 46) r++;
        if (h < 1 || h > 12) return false;
        h = pm ? (h === 12 ? 12 : h + 12) : h === 12 ? 0 : h;
        q = r;
        while (q < e && s.charCodeAt(q) === 32) q++;
      }
    }
    if (h > 23) return false;
    this.tMin = h * 60 + mi;
    this.tMs = ms;
    this.zOff = NaN;
    if (q === e) return true;
    if (!zoneAllowed) return false;
    const c = s.charCodeAt(q);
    if ((c === 90 || c === 122) && q + 1 === e) {
      this.zOff = 0;
      return true;
    }
    if (q + 3 <= e) {
      const w = s.slice(q, q + 3).toUpperCase();
      if (w === 'UTC' || w === 'GMT') {
        q += 3;
        this.zOff = 0;
        if (q === e) return true;
      }
    }
    return this.offset(s, q, e);
  }

  /** ±HH, ±HHMM, ±HH:MM to the end; adds to a UTC/GMT prefix already read. */
  private offset(s: string, q: number, e: number): boolean {
    const c = s.charCodeAt(q);
    if (c !== 43 && c !== 45 && c !== 0x2212) return false;
    const sign = c === 43 ? 1 : -1;
    q++;
    const len = e - q;
    let hh = 0;
    let mm = 0;
    const dd = (k: number) => (s.charCodeAt(q + k) - 48) * 10 + (s.charCodeAt(q + k + 1) - 48);
    for (let k = q; k < e; k++) if (!isDigit(s.charCodeAt(k)) && !(k === q + 2 && s.charCodeAt(k) === 58)) return false;
    if (len === 2) hh = dd(0);
    else if (len === 4) {
      hh = dd(0);
      mm = dd(2);
    } else if (len === 5 && s.charCodeAt(q + 2) === 58) {
      hh = dd(0);
      mm = dd(3);
    } else return false;
    if (hh > 18 || mm > 59) return false;
    this.zOff = (this.zOff === this.zOff ? this.zOff : 0) + sign * (hh * 60 + mm);
    return true;
  }
}

// ---------------------------------------------------------------------------
// Hashtags

const isTagSeparator = (c: number) =>
  isSpace(c) || c === 44 || c === 124 || c === 59 || c === 91 || c === 93 || c === 35 || c === 0xff03;

/**
 * Hashtags of one cell, normalised to `#lowercase`, distinct, in first-seen order. Every list
 * form (JSON/Python list, `,` `|` `;` or space separated, `#a#b`) reduces to the same rule:
 * a tag holds no separator, so splitting on all of them at once reads each form.
 */
export function parseHashtags(raw: string): string[] {
  trimBounds(raw);
  const i = tStart;
  const e = tEnd;
  const out: string[] = [];
  if (i === e || isMissingToken(raw, i, e)) return out;
  // a few tags per cell are the rule: `includes` on them is cheapest; a cell of thousands of
  // tags (a spammed or broken cell) switches to a Set so it stays linear
  let seen: Set<string> | null = null;
  let p = i;
  while (p < e) {
    while (p < e && isTagSeparator(raw.charCodeAt(p))) p++;
    let a = p;
    while (p < e && !isTagSeparator(raw.charCodeAt(p))) p++;
    let b = p;
    while (a < b && isQuote(raw.charCodeAt(a))) a++;
    while (b > a && isQuote(raw.charCodeAt(b - 1))) b--;
    if (a === b) continue;
    const tag = '#' + raw.slice(a, b).toLowerCase();
    if (seen) {
      if (!seen.has(tag)) {
        seen.add(tag);
        out.push(tag);
      }
    } else if (!out.includes(tag)) {
      out.push(tag);
      if (out.length >= 16) seen = new Set(out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Summary rows

const SUMMARY_LABELS = new Set([
  'total', 'totals', 'grand total', 'grand totals', 'sum', 'summe', 'total général', 'total general',
  'gesamt', 'insgesamt', 'gesamtsumme',
]);

/** True for the label of a summary row that exports append (`Total`, `Grand total`, ...). */
export function isSummaryLabel(cell: string): boolean {
  trimBounds(cell);
  let e = tEnd;
  if (e > tStart && cell.charCodeAt(e - 1) === 58) e--; // "Total:"
  const len = e - tStart;
  if (len < 3 || len > 16) return false;
  return SUMMARY_LABELS.has(cell.slice(tStart, e).trim().toLowerCase().replace(/\s+/g, ' '));
}
