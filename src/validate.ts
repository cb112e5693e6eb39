// `svreport validate`: what the reader made of the input, for a person (text) or a tool (JSON):
// the column mapping and why (one line per choice, the reasons as detection gave them), the date
// order, and the rows dropped by reason with examples; with several files (or a video id column),
// every file: its rows, mapping, export time and problems.
import type { Config, Dataset } from './types.ts';
import { CONCEPTS } from './types.ts';
import { dropReasonText, invalidUtf8Text, missingCellsText, repairsText } from './messages.ts';

/** How an export time was found, for a person. */
const EXPORT_TIME_FROM = { name: 'from its name', column: 'latest value of its export-time column', mtime: "the file's modification time" } as const;

export function describeValidation(config: Config, ds: Dataset, displayPath: string, warnings: string[] = []): { text: string; json: unknown } {
  const src = ds.source;
  const files = (ds.inputs ?? []).map((f, k) => ({ ...f, columns: ds.inputDetails?.[k]?.columns ?? {}, rowsDropped: ds.inputDetails?.[k]?.source.rowsDropped ?? {} }));
  const mapping = CONCEPTS.map((concept) => {
    const m = ds.columns[concept];
    return { concept, column: m?.column ?? null, how: m?.how ?? null, candidate: m?.candidate ?? null };
  });
  const json = {
    ok: true,
    config: config.configPath,
    reports: config.reports.map((r) => r.id),
    input: {
      path: displayPath,
      bytes: src.bytes,
      sha256: src.sha256,
      encoding: src.encoding,
      bom: src.bom,
      delimiter: src.delimiter,
      dateOrder: src.dateOrder,
      rowsRead: src.rowsRead,
      rowsUsable: ds.rows,
      rowsDropped: src.rowsDropped,
      dropExamples: src.dropExamples,
      ...(src.invalidUtf8 ? { invalidUtf8: src.invalidUtf8 } : {}),
      ...(src.missing ? { missing: src.missing } : {}),
      ...(src.unreadable ? { unreadable: src.unreadable } : {}),
      ...(src.repairs ? { repairs: src.repairs } : {}),
      ...(ds.videoId ? { idColumn: ds.columns.id?.column ?? null, mergedRows: ds.mergedRows ?? 0 } : {}),
      files: files.map((f) => ({ ...f, rowsDropped: f.rowsDropped })),
    },
    columns: mapping,
    ...(src.detection ? { mappingReasons: src.detection.reasons.map((r) => r.text), mappingWarnings: src.detection.warnings } : {}),
    warnings,
  };
  const n = (x: number) => x.toLocaleString('en-US');
  const delim = src.delimiter === '\t' ? 'tab' : `"${src.delimiter}"`;
  const lines = [
    `Input    ${displayPath} (${(src.bytes / 1048576).toFixed(2)} MB, ${src.encoding}${src.bom ? ' with BOM' : ''}, delimiter ${delim}, ${src.header.length} columns)`,
    `Rows     ${n(src.rowsRead)} read, ${n(ds.rows)} usable, ${n(src.rowsRead - ds.rows - (ds.mergedRows ?? 0))} dropped${ds.mergedRows ? `, ${n(ds.mergedRows)} merged (one row per video)` : ''}`,
  ];
  for (const [reason, count] of Object.entries(src.rowsDropped)) {
    const label = dropReasonText(reason);
    lines.push(`  ${label}: ${n(count)}${src.dropExamples[reason]?.length ? ` (e.g. ${src.dropExamples[reason].join('; ')})` : ''}`);
  }
  const replaced = invalidUtf8Text(src);
  if (replaced) lines.push(`Text     ${replaced}`);
  const missing = missingCellsText(src);
  if (missing.length) lines.push('Cells    read as missing, rows kept:', ...missing.map((l) => `  ${l}`));
  const repaired = repairsText(src);
  if (repaired) lines.push(`Repairs  ${repaired}`);
  if (src.dateOrder) lines.push(`Dates    day/month order: ${src.dateOrder}`);
  if (files.length > 1 || ds.videoId) {
    lines.push(`Files    ${files.length} file(s), read in order of export time, then path:`);
    files.forEach((f, k) => {
      lines.push(`  ${k + 1}. ${f.path}: ${n(f.rowsRead)} read, ${n(f.rowsUsable)} usable; exported ${f.exportedAt} (${EXPORT_TIME_FROM[f.exportedAtFrom]})${f.platform ? `; platform ${f.platform}` : ''}`);
      lines.push(`     columns: ${Object.entries(f.columns).map(([c, h]) => `${c} ${JSON.stringify(h)}`).join(', ') || 'none'}`);
      const dropped = Object.entries(f.rowsDropped);
      if (dropped.length) lines.push(`     dropped: ${dropped.map(([reason, count]) => `${n(count)} ${dropReasonText(reason)}`).join('; ')}`);
    });
  }
  if (ds.videoId) {
    lines.push(`Videos   one row per video id (column ${JSON.stringify(ds.columns.id?.column ?? '')}): ${n(ds.mergedRows ?? 0)} row(s) merged into a later row of the same video, ${n(ds.rows)} video row(s) left`);
  }
  for (const w of warnings) lines.push(`Warning  ${w}`);
  lines.push('Columns  concept      source column               found by');
  const chosen = new Map((src.detection?.reasons ?? []).filter((r) => r.chosen).map((r) => [r.concept, r.why]));
  for (const m of mapping) {
    const how = m.candidate === 'input.platform' ? "the input entries' platform:" : m.how === 'override' ? 'columns: in the config' : chosen.get(m.concept) ?? (m.how === 'exact' ? `exact name "${m.candidate}"` : m.how ? `name contains "${m.candidate}"` : '');
    lines.push(`         ${m.concept.padEnd(12)} ${(m.column ?? '(not found)').padEnd(27)} ${how}`);
  }
  // look-alike columns passed over, and why; then columns chosen under half filled
  for (const r of src.detection?.reasons ?? []) if (!r.chosen) lines.push(`Note     ${r.text}`);
  for (const w of src.detection?.warnings ?? []) lines.push(`Warning  ${w}`);
  lines.push(`Config   ${config.configPath ?? '(none)'}: OK, ${config.reports.length} report(s)${config.splitBy !== 'none' ? `, split by ${config.splitBy}` : ''}`);
  return { text: lines.join('\n'), json };
}
