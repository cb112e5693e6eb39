// Grouping a small scope by a large dictionary (one creator's split report over 100k creators):
// the scope's codes renumbered 0..k-1 in dictionary order (so every order and tie stays the
// same) and its columns gathered, so a report's work follows its rows, not the dictionary: a
// batch of 1,000 such reports spent ~2.3 s on group arrays of 100k entries each.
import { ColumnGroups, type StatsScratch } from '../stats/group.ts';

/** Compact only when the dictionary has this many times more values than the scope has rows. */
const SPARSE = 4;

export interface ScopeGroups {
  groups: ColumnGroups;
  /** the dictionary code of group k */
  codeOf(k: number): number;
  /** the group of a dictionary code, -1 when no row in scope has it */
  groupOf(code: number): number;
  /** a column as the groups read it (gathered at the scope's rows when compacted) */
  column(values: ArrayLike<number>): ArrayLike<number>;
}

export function scopeGroups(codes: Int32Array, rows: Uint32Array, dictionarySize: number, scratch: StatsScratch): ScopeGroups {
  if (rows.length * SPARSE >= dictionarySize) {
    return {
      groups: new ColumnGroups(codes, rows, dictionarySize, scratch),
      codeOf: (k) => k,
      groupOf: (code) => code,
      column: (values) => values,
    };
  }
  const present = new Set<number>();
  for (let i = 0; i < rows.length; i++) if (codes[rows[i]] >= 0) present.add(codes[rows[i]]);
  const original = Int32Array.from(present).sort();
  const local = new Map<number, number>();
  original.forEach((code, k) => local.set(code, k));
  const localCodes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) localCodes[i] = codes[rows[i]] >= 0 ? local.get(codes[rows[i]])! : -1;
  const identity = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) identity[i] = i;
  return {
    groups: new ColumnGroups(localCodes, identity, original.length, scratch),
    codeOf: (k) => original[k],
    groupOf: (code) => local.get(code) ?? -1,
    column: (values) => {
      const out = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
      return out;
    },
  };
}
