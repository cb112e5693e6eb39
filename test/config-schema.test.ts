// config/report.schema.json is the one description of the config's keys: normalize.ts takes its
// valid keys from it (keysByPath), and these tests hold the rest to it: every key of the schema
// has a normalizer, the normalizer reads no key the schema lacks, and every default the schema
// documents is the one the normalizer applies.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keysByPath, mappingForm, deref, readSchema, type Schema } from '../src/config/schema.ts';
import { KEYS, normalizeConfig } from '../src/config/normalize.ts';
import { ReportError } from '../src/errors.ts';
import { PACKAGE_ROOT } from '../src/paths.ts';

const schema = readSchema();
const ctx = { configPath: null, configDir: '/tmp' };

/** Every key path of the schema below the top, as segments ('0' for a list's first item), `$schema` aside. */
function keyPaths(): string[][] {
  const out: string[][] = [];
  const walk = (s: Schema, path: string[]) => {
    for (const [key, child] of Object.entries(mappingForm(schema, s)?.properties ?? {})) {
      if (key === '$schema') continue;
      out.push([...path, key]);
      walk(child, [...path, key]);
    }
    const items = deref(schema, s).items;
    if (items && mappingForm(schema, items)) walk(items, [...path, '0']);
  };
  walk(schema, []);
  return out;
}

/** `base` with `value` at `path` (lists and mappings created on the way). */
function withValue(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const raw = structuredClone(base);
  let node = raw as Record<string, unknown>;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else node = (node[key] ??= path[i + 1] === '0' ? [] : {}) as Record<string, unknown>;
  });
  return raw;
}

const shown = (path: string[]) => path.join('.').replace(/\.0(?=\.|$)/g, '[0]');

function problems(raw: unknown): string {
  try {
    normalizeConfig(raw, ctx);
    return '';
  } catch (err) {
    if (!(err instanceof ReportError)) throw err;
    return [err.message, ...err.problems].join('\n');
  }
}

// ---
const k = suite('keysByPath');

k('the keys of each mapping, through $ref, the mapping form of a oneOf and list items', () => {
  const tiny: Schema = {
    properties: {
      a: { $ref: '#/$defs/ab' },
      when: { oneOf: [{ type: 'string' }, { type: 'object', properties: { from: {}, to: {} } }] },
      list: { type: 'array', items: { type: 'object', properties: { id: {}, sub: { $ref: '#/$defs/ab' } } } },
      tags: { type: 'array', items: { type: 'string' } },
    },
    $defs: { ab: { type: 'object', properties: { x: {}, y: {} } } },
  };
  assert.equal(keysByPath(tiny), {
    top: ['a', 'when', 'list', 'tags'],
    a: ['x', 'y'],
    when: ['from', 'to'],
    'list[]': ['id', 'sub'],
    'list[].sub': ['x', 'y'],
  });
});

k("normalize.ts' KEYS are the schema's", () => {
  assert.equal(KEYS, keysByPath(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'config/report.schema.json'), 'utf8'))));
  assert.equal(KEYS['delivery.email.smtp'], ['host', 'port', 'security', 'user', 'passwordEnv', 'tlsVerify', 'ca']);
});

// ---
const n = suite('schema and normalizer');

n('every key of the schema has a normalizer: a wrong value there is a problem naming the key', () => {
  const base = { input: { path: 'videos.csv' } };
  const unread: string[] = [];
  const paths = keyPaths();
  assert.ok(paths.length > 100, `${paths.length} keys`);
  for (const path of paths) {
    const withReport = path[0] === 'reports' ? { ...base, reports: [{ id: 'r' }] } : base;
    // a mapping with an unknown key, or a boolean: every key refuses one of the two
    const named = [{ __probe__: [] }, true].some((bad) => problems(withValue(withReport, path, bad)).includes('`' + shown(path)));
    if (!named) unread.push(shown(path));
  }
  assert.equal(unread, []);
});

n('the normalizer reads no key the schema lacks', () => {
  const source = readFileSync(join(PACKAGE_ROOT, 'src/config/normalize.ts'), 'utf8');
  // every key is read as get(mapping, 'key') or, at the top, at('key')
  const read = [...source.matchAll(/\b(?:get\(\w+, |at\()'([^']+)'\)/g)].map((m) => m[1]);
  assert.ok(read.length > 80, `${read.length} reads found`);
  const known = new Set(Object.values(KEYS).flat());
  assert.equal([...new Set(read.filter((key) => !known.has(key)))], []);
});

n('every default the schema documents is the one the normalizer applies', () => {
  // delivery.email needs its recipients and server before its other keys are read
  const base = { input: { path: 'videos.csv' }, delivery: { email: { to: 'team@example.com', smtp: { host: 'smtp.example.com' } } } };
  const expected = normalizeConfig(base, ctx);
  const differ: string[] = [];
  let checked = 0;
  for (const path of keyPaths()) {
    // a report's keys are the top-level ones again; a list item's key alone is no valid item
    if (path[0] === 'reports' || path.includes('0')) continue;
    const node = deref(schema, path.reduce<Schema>((s, key) => mappingForm(schema, s)!.properties![key], schema));
    if (node.default === undefined) continue;
    checked++;
    const raw = withValue(base, path, node.default);
    const wrong = problems(raw);
    if (wrong || JSON.stringify(normalizeConfig(raw, ctx)) !== JSON.stringify(expected)) differ.push(`${shown(path)}: ${JSON.stringify(node.default)} ${wrong}`.trim());
  }
  assert.ok(checked > 30, `${checked} defaults`);
  assert.equal(differ, []);
});

k.run();
n.run();

