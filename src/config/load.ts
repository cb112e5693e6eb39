// Loading the configuration: the YAML file (size-capped, core schema only, aliases bounded, every
// tag outside plain YAML refused with its line and column), then `--set key=value` overrides and
// `--input`, then normalizeConfig. Only this module touches the file system for the config.
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { LineCounter, isAlias, isCollection, isPair, isScalar, parseDocument, visit } from 'yaml';
import type { DocumentOptions, ParseOptions, SchemaOptions, ToJSOptions, YAMLError } from 'yaml';
import { EXIT, ReportError, usageError } from '../errors.ts';
import type { Config } from '../types.ts';
import { isRecord, normalizeConfig } from './normalize.ts';

export const DEFAULT_CONFIG_FILE = 'report.config.yaml';
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_ALIAS_COUNT = 100;
/** Lists and mappings inside each other: a real config needs five or six levels. */
export const MAX_CONFIG_DEPTH = 64;

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {
  schema: 'core', // YAML 1.2 core: no merge keys, no yes/no booleans (explicit !!binary etc. still resolve: see the walk)
  customTags: [],
  maxAliasCount: MAX_ALIAS_COUNT, // enforced when toJS expands aliases (parsing itself never expands them)
  prettyErrors: true,
  uniqueKeys: true,
  strict: true,
};

/** The only tags a config may carry: those of plain YAML data. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Keys whose --set value may be a comma-separated list: `--set filters.platform=TikTok,YouTube`. */
const LIST_KEYS = new Set(['platform', 'country', 'category', 'creator', 'formats', 'metrics', 'tierQuantiles']);

const shortTag = (tag: string) => tag.replace(/^tag:yaml\.org,2002:/, '!!');

const tagProblem = (tag: string) =>
  `the tag ${shortTag(tag)} is not allowed; a config holds only plain YAML (text, numbers, true/false, null, lists and mappings)`;

/** "Map keys must be unique at line 2, column 1:\n\n..." -> "Map keys must be unique" */
const problemOf = (e: YAMLError) =>
  // the parser turns its own stack overflow on deeply nested input into this error
  /Maximum call stack size exceeded/.test(e.message) ? tooDeep : e.message.split(/ at line \d+, column \d+/)[0].split('\n')[0].trim();

const tooDeep = `lists and mappings are nested too deeply (more than ${MAX_CONFIG_DEPTH} levels); a config needs only a few`;

/** Offset of the first collection nested deeper than MAX_CONFIG_DEPTH, or -1 (walked without recursion). */
function tooDeepAt(root: unknown): number {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_CONFIG_DEPTH) return (node as { range?: [number, number, number] }).range?.[0] ?? 0;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push([item.key, depth + 1], [item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return -1;
}

/**
 * Parses config text into plain data, refusing YAML syntax errors, duplicate keys, tags outside
 * the core schema, collections or aliases as keys, unresolved aliases and alias bombs.
 * Errors are `label:line:col: problem`.
 */
export function parseConfigYaml(text: string, label: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${label}:${line}:${col}`;
  };

  // 1. Syntax (strict mode turns the parser's warnings into errors; anything left is refused too)
  const unresolvedAt = new Set<string>(); // `line tag` of tags already reported as unresolved
  const syntaxErrors = [...doc.errors, ...doc.warnings].filter((e) => e.code !== 'TAG_RESOLVE_FAILED');
  const errors = [...doc.errors, ...doc.warnings].map((e) => {
    const tag = e.code === 'TAG_RESOLVE_FAILED' ? /Unresolved tag: (\S+)/.exec(e.message)?.[1] : undefined;
    if (tag) unresolvedAt.add(`${lineCounter.linePos(e.pos[0]).line} ${shortTag(tag)}`);
    return `${where(e.pos[0])}: ${tag ? tagProblem(tag) : problemOf(e)}`;
  });

  // 2. Depth first (the walks below and toJS recurse), then tags, keys and aliases, walked in
  //    document order so an alias before its anchor is caught. Walked too when the only problems
  //    so far are unknown tags, so every refused tag is listed.
  const deep = syntaxErrors.length === 0 ? tooDeepAt(doc.contents) : -1;
  if (deep >= 0) throw usageError(`${where(deep)}: ${tooDeep}`);
  if (syntaxErrors.length === 0) {
    const anchors = new Set<string>();
    visit(doc, {
      Pair(_, pair) {
        if (pair.key !== null && !isScalar(pair.key)) {
          const offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? 0;
          errors.push(`${where(offset)}: a key must be plain text, not a ${isAlias(pair.key) ? 'alias' : 'list or mapping'}`);
        }
      },
      Node(_, node) {
        if (isAlias(node)) {
          if (!anchors.has(node.source)) errors.push(`${where(node.range?.[0] ?? 0)}: alias *${node.source} has no anchor &${node.source} before it`);
          return;
        }
        if (node.anchor) anchors.add(node.anchor);
        if (node.tag && !CORE_TAGS.has(node.tag) && (isScalar(node) || isCollection(node))) {
          if (unresolvedAt.has(`${lineCounter.linePos(node.range?.[0] ?? 0).line} ${shortTag(node.tag)}`)) return;
          errors.push(`${where(node.range?.[0] ?? 0)}: ${tagProblem(node.tag)}`);
        }
      },
    });
  }
  if (errors.length > 0) throw usageError(errors[0], errors.slice(1));

  // 3. Plain data; alias expansion is bounded, so a "billion laughs" file stops here at once
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new ReportError(
        EXIT.usage,
        `${label}: refused: its aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias uses; an "alias bomb"?)`,
        [],
        { cause: err },
      );
    }
    throw err;
  }
}

/** The value of one `--set key=value`: YAML scalar or flow collection, else the text as written. */
function parseSetValue(text: string, key: string, label: string): unknown {
  const t = text.trim();
  if (t === '') return null; // `--set compare=` restores the default
  if (t.startsWith('[') || t.startsWith('{')) return parseConfigYaml(t, label);
  const scalar = (s: string): unknown => {
    const doc = parseDocument(s, YAML_OPTIONS);
    const node = doc.contents;
    // `title=Weekly: TikTok` is a string, not a mapping; `#1 report` is not a comment
    if (doc.errors.length || doc.warnings.length || !isScalar(node) || node.tag || node.anchor) return s;
    if (node.value === null && !/^(~|null|Null|NULL|)$/.test(s)) return s;
    return node.value;
  };
  const value = scalar(t);
  if (LIST_KEYS.has(key) && typeof value === 'string' && value.includes(',') && /^[^'"]/.test(t)) {
    return t.split(',').map((s) => s.trim()).filter(Boolean).map(scalar);
  }
  return value;
}

const setOwn = (o: object, key: string, value: unknown) =>
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });

/**
 * Applies `--set key=value` assignments (dot paths; list items by index: `reports.0.title=...`)
 * to parsed config data, returning the changed data. Problems are one usage error.
 */
export function applySet(raw: unknown, assignments: readonly string[]): unknown {
  const root: Record<string, unknown> = isRecord(raw) ? raw : {};
  const problems: string[] = [];
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    const key = eq > 0 ? assignment.slice(0, eq).trim() : '';
    const segments = key.split('.');
    if (!key || segments.some((s) => s === '')) {
      problems.push(`--set ${JSON.stringify(assignment)} must be key=value with a dotted key, e.g. --set virality.threshold="top 5%"`);
      continue;
    }
    const label = `--set ${key}`;
    const value = parseSetValue(assignment.slice(eq + 1), segments[segments.length - 1], label);
    let node: unknown = root;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i];
      const last = i === segments.length - 1;
      if (Array.isArray(node)) {
        const index = /^\d+$/.test(seg) ? Number(seg) : -1;
        if (index < 0 || index >= node.length) {
          problems.push(`${label}: \`${segments.slice(0, i).join('.')}\` is a list of ${node.length}; use an index from 0 to ${node.length - 1} (got "${seg}")`);
          break;
        }
        if (last) node[index] = value;
        else if (!isRecord(node[index]) && !Array.isArray(node[index])) node[index] = {};
        node = node[index];
      } else {
        const o = node as Record<string, unknown>;
        if (last) setOwn(o, seg, value);
        else if (!Object.hasOwn(o, seg) || (!isRecord(o[seg]) && !Array.isArray(o[seg]))) setOwn(o, seg, {}); // a scalar gives way to the override
        node = o[seg];
      }
    }
  }
  if (problems.length > 0) throw usageError(problems[0], problems.slice(1));
  return root;
}

/** A path as the user would type it: relative to the working directory when inside it. */
function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** The config file's text; null when it does not exist. */
async function readConfigText(path: string, shown: string): Promise<string | null> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
    throw new ReportError(EXIT.usage, `${shown}: cannot read the config file (${err.code ?? err.message})`, [], { cause: err });
  });
  if (!info) return null;
  if (!info.isFile()) throw usageError(`${shown}: the config must be a file (this is a folder or device)`);
  const tooBig = (bytes: number) =>
    usageError(`${shown}: the config file is ${bytes.toLocaleString('en-US')} bytes; the limit is ${MAX_CONFIG_BYTES.toLocaleString('en-US')} (1 MiB)`);
  if (info.size > MAX_CONFIG_BYTES) throw tooBig(info.size);
  const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new ReportError(EXIT.usage, `${shown}: cannot read the config file (${err.code ?? err.message})`, [], { cause: err });
  });
  if (bytes.length > MAX_CONFIG_BYTES) throw tooBig(bytes.length); // grew since stat
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a UTF-8 BOM
  } catch {
    throw usageError(`${shown}: the config file is not UTF-8 text`);
  }
}

/** Reads, overrides and normalizes the configuration of one run (SPEC sections 1 and 5a). */
export async function loadConfig(opts: { configPath?: string | null; cwd: string; input?: string | string[] | null; set?: string[] }): Promise<Config> {
  const cwd = resolve(opts.cwd);
  const explicit = opts.configPath != null && opts.configPath !== '';
  const file = resolve(cwd, explicit ? opts.configPath! : DEFAULT_CONFIG_FILE);
  const shown = displayPath(cwd, file);

  // 1. The file (the default one may be missing when --input names the data)
  const text = await readConfigText(file, shown);
  if (text === null && (explicit || !opts.input?.length)) {
    throw usageError(
      explicit
        ? `${shown}: config file not found`
        : `${shown}: config file not found; create one with \`svreport init\`, name one with --config, or pass --input CSV`,
    );
  }
  const configPath = text === null ? null : file;
  let raw: unknown = text === null ? null : parseConfigYaml(text, shown);

  // 2. Overrides from the command line, before validation (a root that is no mapping is left
  //    for normalizeConfig to report)
  raw ??= {};
  if (isRecord(raw)) {
    raw = applySet(raw, opts.set ?? []);
    const flags = typeof opts.input === 'string' ? [opts.input] : (opts.input ?? []);
    if (flags.length) {
      const root = raw as Record<string, unknown>;
      // (a list-form `input` is a list of paths: the flags replace it whole)
      if (!Object.hasOwn(root, 'input') || !isRecord(root.input)) setOwn(root, 'input', {});
      // a flag: relative to the working directory; repeated, a list of paths
      const paths = flags.map((p) => resolve(cwd, p));
      setOwn(root.input as object, 'path', paths.length === 1 ? paths[0] : paths);
    }
  }

  // 3. Validation and defaults
  return normalizeConfig(raw, {
    configPath,
    configDir: configPath ? dirname(configPath) : cwd,
    displayPath: configPath ? shown : 'command-line options',
  });
}
