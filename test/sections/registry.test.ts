// The section registry is the one list the report loops over: every section has its partial,
// fills its own model keys (together metrics.json's section keys, in order), and the print gate
// counts the sections it lists.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SECTIONS } from '../../src/sections/registry.ts';
import { checkPageCount } from '../../src/output/print.ts';
import { ReportError } from '../../src/errors.ts';

const TEMPLATES = resolve('templates/sections');

// ---
const registry = suite('SECTIONS');
registry('ids are unique, and each section has its partial templates/sections/<id>.hbs (and no partial is left over)', () => {
  const ids = SECTIONS.map((s) => s.id);
  assert.is(new Set(ids).size, ids.length);
  for (const id of ids) assert.ok(existsSync(resolve(TEMPLATES, `${id}.hbs`)), id);
  const partials = readdirSync(TEMPLATES).filter((f) => f.endsWith('.hbs')).map((f) => f.slice(0, -4)).sort();
  assert.equal(partials, [...ids].sort());
});
registry('the sections fill metrics.json section keys once each, in the golden file order', () => {
  const keys = SECTIONS.flatMap((s) => s.keys as string[]);
  const golden = Object.keys(JSON.parse(readFileSync(resolve('test/fixtures/golden/metrics.json'), 'utf8')));
  const between = golden.slice(golden.indexOf('period') + 1, golden.indexOf('insights'));
  assert.equal(keys, between);
});
registry('the layout loops over the registry: no section named in it', () => {
  const layout = readFileSync(resolve('templates/layout.hbs'), 'utf8');
  for (const s of SECTIONS) assert.not.ok(layout.includes(s.id), s.id);
});

// ---
const gate = suite('checkPageCount');
gate('a PDF needs a page per registered section', () => {
  checkPageCount('r', SECTIONS.length); // does not throw
  try {
    checkPageCount('r', SECTIONS.length - 1);
    assert.unreachable('fewer pages than sections must be refused');
  } catch (err) {
    assert.instance(err, ReportError);
    assert.is((err as Error).message, `Report "r": the PDF has ${SECTIONS.length - 1} page(s), fewer than its ${SECTIONS.length} sections.`);
  }
});

registry.run();
gate.run();
