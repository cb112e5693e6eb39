// The message catalogue (src/i18n/): every key in every language with the same placeholders and
// valid plural forms, and t()/tp() filling placeholders, choosing plural forms by Intl.PluralRules
// and keeping data values marked.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CATALOGUES, LANGUAGES, placeholdersOf, t, tOr, tp, withLocale, type Message } from '../src/i18n/index.ts';
import { en } from '../src/i18n/en.ts';

const catalogue = suite('catalogue');

catalogue('every language has exactly the English keys, each with the same placeholders', () => {
  const keys = Object.keys(en).sort();
  for (const language of LANGUAGES) {
    const words = CATALOGUES[language] as Record<string, Message>;
    assert.equal(Object.keys(words).sort(), keys, `${language}: keys`);
    for (const key of keys) {
      assert.equal(placeholdersOf(words[key]), placeholdersOf((en as Record<string, Message>)[key]), `${language}: placeholders of ${key}`);
    }
  }
});

catalogue('plural forms are the language\'s own categories, always with "other", and no message is empty', () => {
  for (const language of LANGUAGES) {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const [key, message] of Object.entries(CATALOGUES[language] as Record<string, Message>)) {
      const texts = typeof message === 'string' ? [message] : Object.values(message);
      for (const text of texts) assert.ok(typeof text === 'string' && text.trim() !== '', `${language}: ${key} is empty`);
      if (typeof message === 'string') continue;
      assert.type(message.other, 'string', `${language}: ${key} has no "other"`);
      for (const form of Object.keys(message)) assert.ok(categories.includes(form as Intl.LDMLPluralRule), `${language}: ${key} has the form "${form}"`);
    }
  }
});

catalogue('the other languages are translations, not copies of the English', () => {
  // product and technical terms may stay the same (Videos, Hashtags, Top 5, m:ss); most words may not
  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    const words = CATALOGUES[language] as Record<string, Message>;
    const same = Object.keys(en).filter((k) => JSON.stringify(words[k]) === JSON.stringify((en as Record<string, Message>)[k]));
    assert.ok(same.length < Object.keys(en).length * 0.1, `${language}: ${same.length} messages as in English: ${same.join(', ')}`);
  }
});

// ---
const translate = suite('t');

translate('fills placeholders and picks the plural form of `count` (French counts 0 as one)', () => {
  assert.is(t('top5.videos', { count: 1, n: '1' }), '1 video');
  assert.is(t('top5.videos', { count: 2, n: '2' }), '2 videos');
  withLocale('de-DE', () => {
    assert.is(t('top5.videos', { count: 1, n: '1' }), '1 Video');
    assert.is(t('cover.comparedWithLabel', { label: '2025-W34' }), 'Verglichen mit 2025-W34');
  });
  withLocale('fr-FR', () => {
    assert.is(t('top5.videos', { count: 0, n: '0' }), '0 vidéo');
    assert.is(t('top5.videos', { count: 2, n: '2' }), '2 vidéos');
  });
});

translate('numbers in placeholders are written as the locale writes integers', () => {
  withLocale('de-DE', () => assert.is(t('filter.minViews', { n: 1234567 }), 'Mindestens 1.234.567 Aufrufe'));
  assert.is(t('filter.minViews', { n: 1234567 }), 'Minimum views: 1,234,567');
});

translate('a locale whose language has no catalogue speaks English', () => {
  withLocale('pt-BR', () => assert.is(t('cover.period'), 'Period'));
});

translate('tp keeps data values marked; tOr falls back to its text for a key the catalogue lacks', () => {
  withLocale('de-DE', () => {
    assert.equal(tp('insight.best.category', { among: '', label: { value: 'Gaming' } }), ['Die erfolgreichste Kategorie ist ', { value: 'Gaming' }]);
    assert.is(tOr('section.example.title', 'Example {n}', { n: 2 }), 'Example 2');
    assert.is(tOr('section.momentum.title', 'Momentum'), 'Zuwachs');
    assert.is(tOr('section.overview.title', 'Overview'), 'Überblick');
  });
});

translate('one video: the English finding in the singular too', () => {
  const potential = (n: number) => withLocale('en-US', () => t('insight.potential', { count: n, videos: String(n), share: '100.0%' }));
  assert.is(potential(1), '1 video (100.0%) has High viral potential');
  assert.is(potential(2), '2 videos (100.0%) have High viral potential');
});

catalogue.run();
translate.run();
