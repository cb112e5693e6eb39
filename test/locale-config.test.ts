// `locale` in the configuration: a BCP 47 tag, canonicalised, at the top level and per reports[]
// entry (one client's report in German, another's in English), a malformed tag refused with its
// key path (exit 2), a warning for a language without words, and the manifest's configHash
// unchanged for a report in the default locale.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeConfig } from '../src/config/normalize.ts';
import { EXIT, ReportError } from '../src/errors.ts';
import { localeWarnings } from '../src/i18n/index.ts';
import { configHash } from '../src/output/json.ts';

const CTX = { configPath: '/cfg/report.config.yaml', configDir: '/cfg', displayPath: 'report.config.yaml' };
const normalize = (raw: Record<string, unknown>) => normalizeConfig({ input: { path: 'data.csv' }, ...raw }, CTX);

function problemsOf(raw: Record<string, unknown>): { exitCode: number; problems: string[] } {
  try {
    normalize(raw);
  } catch (err) {
    assert.instance(err, ReportError);
    return err as ReportError;
  }
  throw new assert.Assertion({ message: 'expected a ReportError', generated: false, operator: 'throws', expects: 'error', actual: 'none' });
}

const config = suite('locale config');

config('defaults to en-US; a tag is canonicalised', () => {
  assert.is(normalize({}).reports[0].locale, 'en-US');
  assert.is(normalize({ locale: 'de-de' }).reports[0].locale, 'de-DE');
  assert.is(normalize({ locale: ' fr ' }).reports[0].locale, 'fr');
});

config('each reports[] entry has its own locale over the shared one', () => {
  const c = normalize({ locale: 'en-GB', reports: [{ id: 'acme', locale: 'de-DE' }, { id: 'globex' }, { id: 'initech', locale: 'es-es' }] });
  assert.equal(c.reports.map((r) => r.locale), ['de-DE', 'en-GB', 'es-ES']);
});

config('a malformed tag is a usage error naming its key', () => {
  const top = problemsOf({ locale: 'en_US' });
  assert.is(top.exitCode, EXIT.usage);
  assert.equal(top.problems, ['`locale` must be a BCP 47 language tag such as en-US, de-DE, fr-FR or es-ES (got "en_US")']);
  const entry = problemsOf({ reports: [{ id: 'a' }, { id: 'b', locale: 42 }] });
  assert.equal(entry.problems, ['`reports[1].locale` must be a BCP 47 language tag such as en-US, de-DE, fr-FR or es-ES (got 42)']);
});

config('a language without a catalogue is accepted, with one warning per locale', () => {
  const c = normalize({ reports: [{ id: 'br', locale: 'pt-BR' }, { id: 'br2', locale: 'pt-BR' }, { id: 'de', locale: 'de-AT' }] });
  const warnings = localeWarnings(c.reports);
  assert.is(warnings.length, 1);
  assert.match(warnings[0], /^report "br": locale "pt-BR" has no word catalogue \(en, de, fr, es\), so its words are English, its numbers and dates pt-BR's$/);
  assert.equal(localeWarnings([{ id: 'x', locale: 'xx-YY' }]), ['report "x": locale "xx-YY" has no word catalogue (en, de, fr, es), so its words are English and, with no number or date data for it either, its numbers and dates en-US\'s']);
});

config('configHash: the default locale leaves it as it was, another locale changes it', () => {
  const c = normalize({});
  const spec = c.reports[0];
  const { locale: _l, ...before } = spec; // a report as configured before `locale` existed
  assert.is(configHash(c, spec), configHash(c, before as typeof spec));
  assert.is.not(configHash(c, spec), configHash(c, { ...spec, locale: 'de-DE' }));
});

config.run();
