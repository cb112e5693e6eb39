// `svreport validate`: what the reader made of the input, for a person (text) or a tool (JSON):
// the column mapping and why (one line per choice, the reasons as detection gave them), the date
// order, and the rows dropped by reason with examples.
import type { Config, Dataset } from './types.ts';
import { CONCEPTS } from './types.ts';
import { dropReasonText, invalidUtf8Text, missingCellsText, repairsText } from './messages.ts';

export function describeValidation(config: Config, ds: Dataset, displayPath: string): { text: string; json: unknown } {
  const src = ds.source;
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
    },
    columns: mapping,
    ...(src.detection ? { mappingReasons: src.detection.reasons.map((r) => r.text), mappingWarnings: src.detection.warnings } : {}),
  };
  const n = (x: number) => x.toLocaleString('en-US');
  const delim = src.delimiter === '\t' ? 'tab' : `"${src.delimiter}"`;
  const lines = [
    `Input    ${displayPath} (${(src.bytes / 1048576).toFixed(2)} MB, ${src.encoding}${src.bom ? ' with BOM' : ''}, delimiter ${delim}, ${src.header.length} columns)`,
    `Rows     ${n(src.rowsRead)} read, ${n(ds.rows)} usable, ${n(src.rowsRead - ds.rows)} dropped`,
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
  lines.push('Columns  concept      source column               found by');
  const chosen = new Map((src.detection?.reasons ?? []).filter((r) => r.chosen).map((r) => [r.concept, r.why]));
  for (const m of mapping) {
    const how = m.how === 'override' ? 'columns: in the config' : chosen.get(m.concept) ?? (m.how === 'exact' ? `exact name "${m.candidate}"` : m.how ? `name contains "${m.candidate}"` : '');
    lines.push(`         ${m.concept.padEnd(12)} ${(m.column ?? '(not found)').padEnd(27)} ${how}`);
  }
  // look-alike columns passed over, and why; then columns chosen under half filled
  for (const r of src.detection?.reasons ?? []) if (!r.chosen) lines.push(`Note     ${r.text}`);
  for (const w of src.detection?.warnings ?? []) lines.push(`Warning  ${w}`);
  lines.push(`Config   ${config.configPath ?? '(none)'}: OK, ${config.reports.length} report(s)${config.splitBy !== 'none' ? `, split by ${config.splitBy}` : ''}`);
  return { text: lines.join('\n'), json };
}
