import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ReportError } from '../src/errors.ts';
import {
  DATE_AMBIGUOUS, DATE_BAD, DATE_MISSING, DATE_OK, DateReader,
  isSummaryLabel, parseDurationSec, parseHashtags, parseNumber,
} from '../src/data/values.ts';

// Every expected value below was worked out by hand from the input, not by running the code.

const isNaNValue = (v: number | undefined, label: string) => assert.ok(typeof v === 'number' && Number.isNaN(v), `${label}: ${v}`);

/** The spec's definition of a day: Date.UTC(y, m-1, d) / 86400000 of the local date. */
const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

// ---
const num = suite('parseNumber');
num('plain integers and decimals (fast path)', () => {
  assert.is(parseNumber('18400'), 18400);
  assert.is(parseNumber('0'), 0);
  assert.is(parseNumber('-5'), -5);
  assert.is(parseNumber('+5'), 5);
  assert.is(parseNumber('12.75'), 12.75);
  assert.is(parseNumber('.5'), 0.5);
  assert.is(parseNumber('-0.25'), -0.25);
  assert.is(Object.is(parseNumber('-0'), 0), true); // no negative zero leaking into sums
});
num('thousands separators: comma, space, NBSP, thin space, narrow NBSP', () => {
  assert.is(parseNumber('18,400'), 18400);
  assert.is(parseNumber('1,234,567'), 1234567);
  assert.is(parseNumber('18 400'), 18400);
  assert.is(parseNumber('18\u00a0400'), 18400);
  assert.is(parseNumber('18\u2009400'), 18400);
  assert.is(parseNumber('1\u202f234\u202f567'), 1234567);
  assert.is(parseNumber('-1,234'), -1234);
  // Indian lakh grouping: 2-digit groups before the final 3
  assert.is(parseNumber('12,34,567'), 1234567);
  assert.is(parseNumber('1,23,45,678'), 12345678);
});
num('K / M / B suffixes are exact (no float noise)', () => {
  assert.is(parseNumber('1.2K'), 1200); // 1.2 * 1000 in floating point is 1200.0000000000002
  assert.is(parseNumber('1.2k'), 1200);
  assert.is(parseNumber('3.4M'), 3_400_000);
  assert.is(parseNumber('1.1B'), 1_100_000_000);
  assert.is(parseNumber('2.5 K'), 2500);
  assert.is(parseNumber('1,5K'), 1500); // decimal comma before a suffix
  assert.is(parseNumber('12K'), 12000);
});
num('percent is a fraction', () => {
  assert.is(parseNumber('12%'), 0.12);
  assert.is(parseNumber('7%'), 0.07);
  assert.is(parseNumber('12.5%'), 0.125);
  assert.is(parseNumber('12,5%'), 0.125);
  assert.is(parseNumber('-3%'), -0.03);
});
num('exponent notation; overflow is not a number', () => {
  assert.is(parseNumber('1e3'), 1000);
  assert.is(parseNumber('1.5E-3'), 0.0015);
  assert.is(parseNumber('1e400'), undefined);
  assert.is(parseNumber('-1e400'), undefined);
  assert.is(parseNumber('1e3K'), undefined);
});
num('m:ss and h:mm:ss durations are seconds', () => {
  assert.is(parseNumber('0:45'), 45);
  assert.is(parseNumber('1:02:03'), 3723); // 3600 + 120 + 3
  assert.is(parseNumber('12:30'), 750);
  assert.is(parseNumber('1:75'), undefined); // seconds must be < 60
  assert.is(parseNumber('1:5'), undefined); // later parts have two digits
  assert.is(parseNumber('1:02:03:04'), undefined);
});
num('decimal comma and European grouping', () => {
  assert.is(parseNumber('1,5'), 1.5);
  assert.is(parseNumber('1,23'), 1.23);
  assert.is(parseNumber('1,2345'), 1.2345); // comma not followed by exactly 3 digits
  assert.is(parseNumber('0,123'), 0.123); // "0," never starts a thousands group
  assert.is(parseNumber('1.234,5'), 1234.5);
  assert.is(parseNumber('1.234.567'), 1234567);
  assert.is(parseNumber('1.234.567,89'), 1234567.89);
  assert.is(parseNumber('1 234,5'), 1234.5);
  assert.is(parseNumber('1,234.5'), 1234.5);
  assert.is(parseNumber('1.234'), 1.234); // a single dot is a decimal point
});
num('currency symbols, spaces and quotes around the value', () => {
  assert.is(parseNumber('$1,234.50'), 1234.5);
  assert.is(parseNumber('€1.234,50'), 1234.5);
  assert.is(parseNumber('£12'), 12);
  assert.is(parseNumber('1.234,50 €'), 1234.5);
  assert.is(parseNumber('-$5'), -5);
  assert.is(parseNumber(' "18,400" '), 18400);
  assert.is(parseNumber("'12'"), 12);
  assert.is(parseNumber('\u00a018400\u00a0'), 18400);
  assert.is(parseNumber(' 1.2K '), 1200);
});
num('empty and missing tokens are NaN', () => {
  for (const raw of ['', ' ', '\u00a0', '""', 'NA', 'N/A', 'n/a', 'null', 'NULL', 'None', 'nan', 'NaN', '-', '—', '–']) {
    isNaNValue(parseNumber(raw), JSON.stringify(raw));
  }
});
num('anything else is undefined', () => {
  for (const raw of ['abc', '12abc', '1,2,3x', '.', '1,,234', '1,23,4', '1,23,45', '12,345,67', '1,23,456,789', '1.2.3', '1.234,5.6', '$', '5%%', '1 2', 'Infinity', '0x10']) {
    assert.is(parseNumber(raw), undefined, JSON.stringify(raw));
  }
});
num.run();

// ---
const dur = suite('parseDurationSec');
dur('plain numbers are seconds', () => {
  assert.is(parseDurationSec('45'), 45);
  assert.is(parseDurationSec('45.5'), 45.5);
  assert.is(parseDurationSec(' "45" '), 45);
});
dur('clock forms', () => {
  assert.is(parseDurationSec('0:45'), 45);
  assert.is(parseDurationSec('1:02:03'), 3723);
  assert.is(parseDurationSec('0:45.5'), 45.5);
});
dur('ISO 8601', () => {
  assert.is(parseDurationSec('PT1M30S'), 90);
  assert.is(parseDurationSec('PT45S'), 45);
  assert.is(parseDurationSec('PT1H2M3S'), 3723);
  assert.is(parseDurationSec('pt2m'), 120);
  assert.is(parseDurationSec('P0D'), 0); // YouTube's value for live streams
  assert.is(parseDurationSec('PT'), undefined);
  assert.is(parseDurationSec('P'), undefined);
});
dur('unit words', () => {
  assert.is(parseDurationSec('1m 30s'), 90);
  assert.is(parseDurationSec('45s'), 45);
  assert.is(parseDurationSec('2 min'), 120);
  assert.is(parseDurationSec('1 min 30 sec'), 90);
  assert.is(parseDurationSec('1h2m3s'), 3723);
  assert.is(parseDurationSec('90 seconds'), 90);
  assert.is(parseDurationSec('1.5 min'), 90);
  assert.is(parseDurationSec('30s 1m'), undefined); // units largest first
  assert.is(parseDurationSec('2 parsecs'), undefined);
});
dur('missing is NaN, nonsense and negatives are undefined', () => {
  isNaNValue(parseDurationSec(''), 'empty');
  isNaNValue(parseDurationSec('N/A'), 'N/A');
  isNaNValue(parseDurationSec('-'), '-');
  assert.is(parseDurationSec('abc'), undefined);
  assert.is(parseDurationSec('-5'), undefined);
  assert.is(parseDurationSec('1.2K'), undefined); // K/M/B and % are not durations
  assert.is(parseDurationSec('12%'), undefined);
});
dur.run();

// ---
const dr = suite('DateReader');
dr('ISO dates and date-times in UTC', () => {
  const r = new DateReader('UTC', 'auto');
  // 2025-01-01 is 55*365 + 14 leap days (1972..2024) = 20089; Feb 14 is 31 + 13 days later = 20133
  assert.is(r.read('2025-02-14'), DATE_OK);
  assert.is(r.day, 20133);
  assert.is(r.minute, -1);
  assert.is(r.read('2025-02-14T10:30:00Z'), DATE_OK);
  assert.is(r.day, 20133);
  assert.is(r.minute, 630);
  assert.is(r.read('2025-02-14T10:30:00.123+05:30'), DATE_OK); // 05:00 UTC
  assert.is(r.day, 20133);
  assert.is(r.minute, 300);
  assert.is(r.read('2025-02-14 10:30:00'), DATE_OK);
  assert.is(r.minute, 630);
  assert.is(r.read('2025-02-14T10:30'), DATE_OK);
  assert.is(r.minute, 630);
  assert.is(r.read('2025/02/14'), DATE_OK);
  assert.is(r.day, 20133);
  assert.is(r.minute, -1);
  assert.is(r.read('2025-02-14 10:30:00 UTC'), DATE_OK);
  assert.is(r.minute, 630);
  assert.is(r.read(' "2025-02-14" '), DATE_OK);
  assert.is(r.day, 20133);
});
dr('naive date-times are wall-clock time in the configured zone; date-only has no minute', () => {
  const r = new DateReader('America/New_York', 'auto');
  assert.is(r.read('2025-02-14 10:30'), DATE_OK);
  assert.is(r.day, 20133);
  assert.is(r.minute, 630);
  assert.is(r.read('2025-02-14'), DATE_OK);
  assert.is(r.day, 20133);
  assert.is(r.minute, -1);
});
dr('DST in America/New_York', () => {
  const r = new DateReader('America/New_York', 'auto');
  // spring forward 2025-03-09 at 07:00 UTC (02:00 EST): 07:30Z is EDT (-4) -> 03:30
  assert.is(r.read('2025-03-09T07:30:00Z'), DATE_OK);
  assert.is(r.day, dayOf(2025, 3, 9));
  assert.is(r.minute, 210);
  // one hour earlier is still EST (-5) -> 01:30
  assert.is(r.read('2025-03-09T06:30:00Z'), DATE_OK);
  assert.is(r.minute, 90);
  // fall back 2025-11-02 at 06:00 UTC (02:00 EDT): 05:30Z is EDT -> 01:30, 06:30Z is EST -> 01:30 again
  assert.is(r.read('2025-11-02T05:30:00Z'), DATE_OK);
  assert.is(r.day, dayOf(2025, 11, 2));
  assert.is(r.minute, 90);
  assert.is(r.read('2025-11-02T06:30:00Z'), DATE_OK);
  assert.is(r.day, dayOf(2025, 11, 2));
  assert.is(r.minute, 90);
});
dr('an instant crossing midnight lands on the previous local day', () => {
  const r = new DateReader('America/New_York', 'auto');
  // 03:00Z in February is 22:00 EST the evening before
  assert.is(r.read('2025-02-14T03:00:00Z'), DATE_OK);
  assert.is(r.day, 20132);
  assert.is(r.minute, 1320);
});
dr('Asia/Kolkata +05:30, and epoch seconds and milliseconds of the same instant', () => {
  const r = new DateReader('Asia/Kolkata', 'auto');
  // 20:00Z + 5:30 = 01:30 on the next day
  assert.is(r.read('2025-02-14T20:00:00Z'), DATE_OK);
  assert.is(r.day, 20134);
  assert.is(r.minute, 90);
  // 2025-02-14T10:30:00Z = 20133 * 86400 + 10.5 * 3600 = 1739491200 + 37800 = 1739529000 s -> 16:00 IST
  assert.is(r.read('1739529000'), DATE_OK);
  assert.is(r.day, 20133);
  assert.is(r.minute, 960);
  assert.is(r.read('1739529000000'), DATE_OK);
  assert.is(r.day, 20133);
  assert.is(r.minute, 960);
  assert.is(r.read('2025-02-14T10:30:00Z'), DATE_OK);
  assert.is(r.minute, 960);
});
dr('a transition inside a UTC hour (Lord Howe switches at 15:30 UTC)', () => {
  const r = new DateReader('Australia/Lord_Howe', 'auto');
  // 2025-10-05 02:00 local (+10:30) = 2025-10-04T15:30Z: before it +10:30, after it +11:00
  assert.is(r.read('2025-10-04T15:15:00Z'), DATE_OK);
  assert.is(r.day, dayOf(2025, 10, 5));
  assert.is(r.minute, 105); // 01:45
  assert.is(r.read('2025-10-04T15:45:00Z'), DATE_OK);
  assert.is(r.minute, 165); // 02:45
});
dr('month-name forms', () => {
  const r = new DateReader('UTC', 'auto');
  const nov14 = dayOf(2026, 11, 14);
  for (const raw of ['Nov 14, 2026', 'November 14, 2026', '14 Nov 2026', 'Nov 14 2026', '14-Nov-2026', 'Fri, Nov 14, 2026', 'Nov. 14, 2026']) {
    assert.is(r.read(raw), DATE_OK, raw);
    assert.is(r.day, nov14, raw);
    assert.is(r.minute, -1, raw);
  }
  assert.is(r.read('Nov 14, 2026 10:30 AM'), DATE_OK);
  assert.is(r.minute, 630);
  assert.is(r.read('Nov 14, 2026 10:30 PM'), DATE_OK);
  assert.is(r.minute, 1350);
  assert.is(r.read('Nov 14, 2026 12:05 AM'), DATE_OK); // 12 AM is midnight
  assert.is(r.minute, 5);
  assert.is(r.read('Sept 3, 2026'), DATE_OK);
  assert.is(r.day, dayOf(2026, 9, 3));
});
dr('DD.MM.YYYY, MM/DD/YYYY, DD/MM/YYYY with times and evidence counters', () => {
  const r = new DateReader('UTC', 'auto');
  const feb14 = 20133;
  assert.is(r.read('14.02.2025'), DATE_OK); // first part > 12: DMY evidence
  assert.is(r.day, feb14);
  assert.is(r.read('02/14/2025'), DATE_OK); // second part > 12: MDY evidence
  assert.is(r.day, feb14);
  assert.is(r.read('14/02/2025 18:05'), DATE_OK);
  assert.is(r.day, feb14);
  assert.is(r.minute, 1085);
  assert.is(r.read('02/14/2025 6:05 PM'), DATE_OK);
  assert.is(r.minute, 1085);
  assert.is(r.read('14.02.2025 18:05:59'), DATE_OK);
  assert.is(r.minute, 1085);
  assert.is(r.dmyEvidence, 3);
  assert.is(r.mdyEvidence, 2);
  assert.is(r.dotForms, 2);
  assert.is(r.slashForms, 3);
});
dr('ambiguous values in auto mode, then resolve', () => {
  const r = new DateReader('UTC', 'auto');
  assert.is(r.read('02/03/2025 09:15'), DATE_AMBIGUOUS);
  assert.is(r.a, 2);
  assert.is(r.b, 3);
  assert.is(r.y, 2025);
  assert.is(r.minute, 555);
  assert.ok(Number.isNaN(r.day));
  assert.is(r.resolve(r.a, r.b, r.y, 'DMY'), dayOf(2025, 3, 2));
  assert.is(r.resolve(r.a, r.b, r.y, 'MDY'), dayOf(2025, 2, 3));
  assert.ok(Number.isNaN(r.resolve(2, 30, 2025, 'MDY'))); // Feb 30
  assert.is(r.read('05.06.2025'), DATE_AMBIGUOUS);
  assert.is(r.minute, -1);
  assert.is(r.dmyEvidence + r.mdyEvidence, 0);
});
dr('a configured order reads ambiguous values directly and refuses the other order', () => {
  const dmy = new DateReader('UTC', 'DMY');
  assert.is(dmy.read('02/03/2025'), DATE_OK);
  assert.is(dmy.day, dayOf(2025, 3, 2));
  assert.is(dmy.read('02/14/2025'), DATE_BAD); // month 14
  const mdy = new DateReader('UTC', 'MDY');
  assert.is(mdy.read('02/03/2025'), DATE_OK);
  assert.is(mdy.day, dayOf(2025, 2, 3));
  assert.is(mdy.read('14/02/2025'), DATE_BAD);
});
dr('decideOrder', () => {
  const configured = new DateReader('UTC', 'MDY');
  configured.read('14.02.2025');
  assert.is(configured.decideOrder(), 'MDY'); // configured order wins over evidence
  const dmy = new DateReader('UTC', 'auto');
  dmy.read('14/02/2025');
  dmy.read('01/02/2025');
  assert.is(dmy.decideOrder(), 'DMY'); // DMY evidence, even in slash form
  const mdy = new DateReader('UTC', 'auto');
  mdy.read('02.14.2025');
  assert.is(mdy.decideOrder(), 'MDY'); // MDY evidence, even in dotted form
  const mixed = new DateReader('UTC', 'auto');
  for (const raw of ['14/02/2025', '15/02/2025', '02/16/2025']) mixed.read(raw);
  assert.is(mixed.decideOrder(), 'DMY'); // majority 2:1
  const dots = new DateReader('UTC', 'auto');
  dots.read('01.02.2025');
  assert.is(dots.decideOrder(), 'DMY'); // no evidence, dotted
  const slashes = new DateReader('UTC', 'auto');
  slashes.read('01/02/2025');
  assert.is(slashes.decideOrder(), 'MDY'); // no evidence, slashed
});
dr('missing and bad values', () => {
  const r = new DateReader('UTC', 'auto');
  for (const raw of ['', '  ', 'NaT', 'N/A', 'null', '-', '—']) assert.is(r.read(raw), DATE_MISSING, JSON.stringify(raw));
  for (const raw of ['abc', '2025-02-30', '2025-13-01', '29.02.2023', '02/03/25', '14.02.25', '13/13/2025', '00/12/2025',
    '2025-02-14T25:00', '2025-02-14T10:60', '2025-02-14Z', 'Nov 31, 2026', 'Foo 14, 2026', '2025', '1:30', '13:00 PM']) {
    assert.is(r.read(raw), DATE_BAD, raw);
    assert.ok(Number.isNaN(r.day), raw);
  }
  assert.is(r.read('29.02.2024'), DATE_OK); // leap year
  assert.is(r.day, dayOf(2024, 2, 29));
});
dr('an invalid zone name is a usage error naming the zone', () => {
  try {
    new DateReader('Mars/Olympus_Mons', 'auto');
    assert.unreachable('should throw');
  } catch (err) {
    assert.instance(err, ReportError);
    assert.is((err as ReportError).exitCode, 2);
    assert.match((err as Error).message, 'Mars/Olympus_Mons');
  }
});
dr.run();

// ---
const tags = suite('parseHashtags');
tags('list forms', () => {
  assert.equal(parseHashtags("['#a', '#b']"), ['#a', '#b']);
  assert.equal(parseHashtags('["a","b"]'), ['#a', '#b']);
  assert.equal(parseHashtags('#a, #b'), ['#a', '#b']);
  assert.equal(parseHashtags('#a|#b'), ['#a', '#b']);
  assert.equal(parseHashtags('#a #b'), ['#a', '#b']);
  assert.equal(parseHashtags('#a'), ['#a']);
  assert.equal(parseHashtags('fyp, viral'), ['#fyp', '#viral']);
  assert.equal(parseHashtags('#a#b'), ['#a', '#b']);
});
tags('normalised: lower case, one leading #, distinct in first-seen order', () => {
  assert.equal(parseHashtags('#FYP #fyp ##Viral fyp'), ['#fyp', '#viral']);
  assert.equal(parseHashtags("[' #Café ', \"#b\"]"), ['#café', '#b']);
  assert.equal(parseHashtags('#, , #a'), ['#a']);
});
tags('missing cells give no tags', () => {
  for (const raw of ['', '  ', '[]', 'nan', 'None', 'N/A']) assert.equal(parseHashtags(raw), [], JSON.stringify(raw));
});
tags.run();

// ---
const sum = suite('isSummaryLabel');
sum('summary labels, any case, trimmed', () => {
  for (const raw of ['Total', 'TOTAL', ' total ', 'Totals', 'Grand total', 'Grand  Total', 'Sum', 'Summe', 'Total général', 'Total:', '"Total"']) {
    assert.ok(isSummaryLabel(raw), raw);
  }
});
sum('other cells are not', () => {
  for (const raw of ['', 'Totally wild', 'Subtotal video', 'My total views', 'summer', '123']) {
    assert.not.ok(isSummaryLabel(raw), raw);
  }
});
sum.run();
