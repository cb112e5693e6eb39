// format.ts by locale: numbers, compact numbers, percentages, dates, weekdays, period dates and
// byte sizes as Intl writes them in German, French and Spanish (the separators written out
// below: U+00A0 no-break space, U+202F narrow no-break space, U+2009 thin space), English unchanged, and the locale
// held per async task. Also the charts' Vega locale and compact label expression.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as f from '../src/format.ts';
import { withLocale, currentLocale } from '../src/i18n/index.ts';
import { compactLabelExpr, vegaLocale } from '../src/charts/locale.ts';
import { weekdayLabel } from '../src/vocabulary.ts';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const THIN = '\u2009';

const formats = suite('format by locale');

formats('English (en-US, outside any report) is as the report always wrote it', () => {
  assert.is(f.formatInt(1234567), '1,234,567');
  assert.is(f.formatCompact(1234567), '1.2M');
  assert.is(f.formatCompact(412300), '412K');
  assert.is(f.formatPct(0.06594), '6.59%');
  assert.is(f.formatSignedPct(-0.04), '−4.00%');
  assert.is(f.formatDate('2025-02-14'), '14 Feb 2025');
  assert.is(f.withDates('2025-W35'), '2025-W35 (25-31 Aug 2025)');
  assert.is(f.formatBytes(1572864), '1.5 MB');
  assert.is(weekdayLabel('Wednesday'), 'Wednesday');
  assert.is(weekdayLabel('Wednesday', true), 'Wed');
});

formats('de-DE: 1.234.567, 1,2 Mio., 6,59 %, 14. Feb. 2025, Mittwoch', () => {
  withLocale('de-DE', () => {
    assert.is(f.formatInt(1234567), '1.234.567');
    assert.is(f.formatNumber(-1234.5, 1), '−1.234,5');
    assert.is(f.formatCompact(1234567), `1,2${NBSP}Mio.`);
    assert.is(f.formatCompact(123456789), `123${NBSP}Mio.`); // three digits of a unit: no decimal
    assert.is(f.formatCompact(412300), '412.300'); // German has no short word for thousands
    assert.is(f.formatCompact(97033.2), '97.033'); // and then a whole number, as English below 1000
    assert.is(f.formatPct(0.06594), `6,59${NBSP}%`);
    assert.is(f.formatSignedPct(-0.04), `−4,00${NBSP}%`);
    assert.is(f.formatSignedPct(0.0000001), `0,00${NBSP}%`);
    assert.is(f.formatDate('2025-02-14'), '14. Feb. 2025');
    assert.is(f.formatDateTime('2025-02-14T10:30:00Z'), '14. Feb. 2025, 10:30 UTC');
    assert.is(f.withDates('2025-W35'), '2025-W35 (25.–31. Aug. 2025)');
    assert.is(f.weekdayName(2), 'Mittwoch');
    assert.is(weekdayLabel('Wednesday'), 'Mittwoch');
    assert.is(f.monthName(3), 'März');
    assert.is(f.formatBytes(1572864), '1,5 MB');
    assert.is(f.formatDuration(65), '1:05');
  });
});

formats('period labels without a week or month in the report\'s words and dates; English keeps them', () => {
  const labels = ['all dates', 'until 2025-08-31', '2025-08 to 2025-08-15', '2025-01-01 – 2025-08-31', '2025-08-03'];
  assert.equal(labels.map(f.withDates), labels);
  withLocale('de-DE', () => {
    assert.equal(labels.map(f.withDates), ['alle Daten', 'bis 31. Aug. 2025', '2025-08 bis 15. Aug. 2025', `1. Jan.${THIN}–${THIN}31. Aug. 2025`, '3. Aug. 2025']);
  });
  withLocale('es-ES', () => assert.is(f.withDates('from 2025-01-01'), 'desde el 1 ene 2025'));
});

formats('fr-FR: narrow no-break spaces, mercredi, octets', () => {
  withLocale('fr-FR', () => {
    assert.is(f.formatInt(1234567), `1${NNBSP}234${NNBSP}567`);
    assert.is(f.formatCompact(12500), `12,5${NBSP}k`);
    assert.is(f.formatPct(0.06594), `6,59${NBSP}%`);
    assert.is(f.formatDate('2025-02-14'), '14 févr. 2025');
    assert.is(f.withDates('2025-W35'), '2025-W35 (25–31 août 2025)');
    assert.is(f.weekdayName(2), 'mercredi');
    assert.is(f.formatBytes(1572864), '1,5 Mo');
  });
});

formats('es-ES: 1.234.567, miércoles, 1,2 M', () => {
  withLocale('es-ES', () => {
    assert.is(f.formatInt(1234567), '1.234.567');
    assert.is(f.formatCompact(1234567), `1,2${NBSP}M`);
    assert.is(f.formatDate('2025-02-14'), '14 feb 2025');
    assert.is(f.withDates('2026-W01'), `2026-W01 (29 dic 2025${THIN}–${THIN}4 ene 2026)`); // Intl spaces a range's dash thinly
    assert.is(f.weekdayName(2), 'miércoles');
  });
});

formats('a language without words keeps its own numbers and dates (pt-BR)', () => {
  withLocale('pt-BR', () => {
    assert.is(f.formatInt(1234567), '1.234.567');
    assert.is(f.weekdayName(2), 'quarta-feira');
    assert.is(currentLocale().language, 'en');
  });
});

formats('each async task keeps its own locale across awaits', async () => {
  const tick = () => new Promise((r) => setTimeout(r, 5));
  const run = (tag: string) => withLocale(tag, async () => {
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      await tick();
      seen.push(f.formatInt(1234567));
    }
    return seen;
  });
  const [de, fr, en] = await Promise.all([run('de-DE'), run('fr-FR'), run('en-US')]);
  assert.equal(de, ['1.234.567', '1.234.567', '1.234.567']);
  assert.equal(fr, Array(3).fill(`1${NNBSP}234${NNBSP}567`));
  assert.equal(en, ['1,234,567', '1,234,567', '1,234,567']);
  assert.is(f.formatInt(1234567), '1,234,567');
});

// ---
const charts = suite('vega locale');

charts('English charts keep Vega\'s default and the K/B label expression', () => {
  assert.is(vegaLocale(), null);
  assert.is(compactLabelExpr(), "abs(datum.value) < 1 ? format(datum.value, '~g') : replace(replace(format(datum.value, '~s'), 'k', 'K'), 'G', 'B')");
});

charts('German charts: decimal comma, point grouping, Mittwoch, Mio.', () => {
  withLocale('de-DE', () => {
    const l = vegaLocale() as { number: Record<string, unknown>; time: Record<string, string[]> };
    assert.is(l.number.decimal, ',');
    assert.is(l.number.thousands, '.');
    assert.is(l.time.days[3], 'Mittwoch'); // d3 lists days from Sunday
    assert.is(l.time.months[2], 'März');
    assert.ok(compactLabelExpr().includes("replace(format(datum.value, '~s'), 'k', ' Tsd.'), 'M', ' Mio.'), 'G', ' Mrd.')"), compactLabelExpr());
  });
});

formats.run();
charts.run();
