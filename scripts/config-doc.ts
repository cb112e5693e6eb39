// docs/config.md, generated from config/report.schema.json: one row per configuration key with
// its type, default and description, so the reference can never drift from the schema.
// `node --import tsx scripts/config-doc.ts` rewrites the file; `--check` exits 1 when it is stale
// (test/cli.test.ts runs the same comparison).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deref as derefIn, mappingForm, type Schema } from '../src/config/schema.ts';


export const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const SCHEMA_PATH = join(ROOT, 'config/report.schema.json');
export const DOC_PATH = join(ROOT, 'docs/config.md');

interface Row {
  key: string;
  type: string;
  default: string;
  description: string;
}

/** The Markdown reference of every key of the schema, in schema order. */
export function renderConfigDoc(root: Schema): string {
  const rows: Row[] = [];
  // a $ref's own description (e.g. "Filters of this report") wins over the definition's
  const deref = (s: Schema): Schema => derefIn(root, s);

  const walk = (schema: Schema, path: string, required: boolean) => {
    const s = deref(schema);
    if (path) {
      rows.push({
        key: path,
        type: typeOf(s, deref),
        default: s.default === undefined ? (required ? '(required)' : '') : inlineJson(s.default),
        description: s.description ?? '',
      });
    }
    const objectLike = mappingForm(root, s);
    if (objectLike?.properties) {
      for (const [k, child] of Object.entries(objectLike.properties)) {
        if (k === '$schema') continue;
        walk(child, path ? `${path}.${k}` : k, objectLike.required?.includes(k) ?? false);
      }
    }
    const items = s.items ? deref(s.items) : null;
    if (items?.properties) {
      for (const [k, child] of Object.entries(items.properties)) walk(child, `${path}[].${k}`, items.required?.includes(k) ?? false);
    }
  };
  walk(root, '', false);

  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from config/report.schema.json by `node --import tsx scripts/config-doc.ts`; do not edit by hand. -->',
    '',
    `${root.description ?? ''}`.trim(),
    '',
    'Every key of `report.config.yaml`. Keys are optional except `input.path` (or `--input CSV`);',
    'an unknown key is an error naming its path, with a "did you mean" suggestion. `--set key=value`',
    'overrides any key from the command line (lists by index: `--set reports.0.title=...`).',
    'Editors that read `# yaml-language-server: $schema=...` complete and check these keys.',
    '',
    '| key | type | default | description |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.key}\` | ${cell(r.type)} | ${r.default ? `\`${cell(r.default)}\`` : ''} | ${cell(r.description)} |`),
    '',
  ];
  return lines.join('\n');
}

function typeOf(s: Schema, deref: (s: Schema) => Schema): string {
  if (s.oneOf) return s.oneOf.map((alt) => typeOf(deref(alt), deref)).join(' or ');
  if (s.const !== undefined) return inlineJson(s.const);
  if (s.enum) return s.enum.map((v) => inlineJson(v)).join(' | ');
  // a type list (`sections.explorer`: false or its settings) reads as each type in turn
  if (Array.isArray(s.type)) return s.type.map((type) => typeOf({ ...s, type }, deref)).join(' or ');
  const t = s.type;
  if (t === 'array') {
    const items = s.items ? deref(s.items) : null;
    if (!items) return 'list';
    if (items.properties) return 'list of mappings';
    return items.oneOf ? `list of (${typeOf(items, deref)})` : `list of ${typeOf(items, deref)}`;
  }
  if (t === 'object') {
    if (s.properties) return 'mapping';
    if (s.additionalProperties && typeof s.additionalProperties === 'object') return `mapping of ${typeOf(deref(s.additionalProperties), deref)}`;
    return 'mapping';
  }
  const range = s.minimum !== undefined || s.maximum !== undefined ? ` (${s.minimum ?? ''}..${s.maximum ?? ''})` : '';
  const fmt = s.format ? ` (${s.format})` : s.pattern ? ' (pattern)' : '';
  return `${t ?? 'any'}${range}${fmt}`;
}

/** A value as written in YAML; strings with control characters (the tab delimiter) JSON-quoted. */
const inlineJson = (v: unknown) => (typeof v === 'string' && !/[\x00-\x1f]/.test(v) ? v : JSON.stringify(v));

export function currentDoc(): string {
  return renderConfigDoc(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Schema);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const doc = currentDoc();
  if (process.argv.includes('--check')) {
    const committed = (() => {
      try {
        return readFileSync(DOC_PATH, 'utf8');
      } catch {
        return '';
      }
    })();
    if (committed !== doc) {
      process.stderr.write('docs/config.md is out of date: run `node --import tsx scripts/config-doc.ts`.\n');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(DOC_PATH, doc);
    process.stderr.write(`wrote ${DOC_PATH}\n`);
  }
}
