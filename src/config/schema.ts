// The one description of the configuration's keys: config/report.schema.json, read from the
// package (the file editors check a config against is the file svreport checks it against).
// The keys valid at each path, which normalize.ts enforces, are derived from it here, and
// docs/config.md is generated from it (scripts/config-doc.ts); test/config-schema.test.ts checks
// that every key of the schema has a normalizer and that the normalizer reads no other key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.ts';

/** The parts of JSON Schema (draft 2020-12) the config's schema uses. */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  default?: unknown;
  description?: string;
  required?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  title?: string;
  $defs?: Record<string, Schema>;
};

export const SCHEMA_FILE = join(PACKAGE_ROOT, 'config/report.schema.json');

export function readSchema(path = SCHEMA_FILE): Schema {
  return JSON.parse(readFileSync(path, 'utf8')) as Schema;
}

/** Follows a $ref into root.$defs; the reference's own keywords (its description) win over the definition's. */
export function deref(root: Schema, s: Schema): Schema {
  if (!s.$ref) return s;
  const target = deref(root, root.$defs?.[s.$ref.replace('#/$defs/', '')] ?? {});
  const { $ref: _ref, ...own } = s;
  return { ...target, ...own };
}

/** The mapping form of a node: itself, or the alternative of a oneOf that has keys (period: a name or { from, to }). */
export function mappingForm(root: Schema, s: Schema): Schema | undefined {
  const node = deref(root, s);
  return [node, ...(node.oneOf ?? []).map((alt) => deref(root, alt))].find((x) => x.properties);
}

/**
 * The keys valid at every path of a config that holds a mapping, in schema order: `top` for the
 * file itself, `a.b` below it, `a[]` for the items of a list (`reports[]`, `sections.segments[]`).
 */
export function keysByPath(root: Schema): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  const walk = (s: Schema, path: string) => {
    const map = mappingForm(root, s);
    if (map?.properties) {
      out[path || 'top'] = Object.keys(map.properties);
      for (const [key, child] of Object.entries(map.properties)) walk(child, path ? `${path}.${key}` : key);
    }
    const items = deref(root, s).items;
    if (items) walk(items, `${path}[]`);
  };
  walk(root, '');
  return out;
}
