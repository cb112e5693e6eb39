// A full garbage collection at the few points of a large run where much memory has just become
// garbage. A report at 1M rows makes ~140 MB of short-lived typed arrays (gathers, sort scratch,
// group buffers); V8 frees their memory only at its next collection, which the external-memory
// accounting lets wait until some 64 MB more have been allocated, so they pile up under the run's
// peak. One collection costs ~30 ms at 1M rows; below COLLECT_FROM_ROWS it is skipped.
import v8 from 'node:v8';
import vm from 'node:vm';

/** Rows from which a collection pays for itself in peak memory. */
export const COLLECT_FROM_ROWS = 250_000;

let collect: (() => void) | null | undefined;

/** V8's gc(), exposed for this process without a command-line flag; null when V8 refuses. */
function collector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

/** Collects garbage now when the run is large enough (`rows`) for it to matter; true when it did. */
export function collectGarbage(rows: number): boolean {
  if (rows < COLLECT_FROM_ROWS) return false;
  collect ??= collector();
  collect?.();
  return collect !== null;
}
