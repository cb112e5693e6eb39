// The run's temporary folder for inputs that are not CSV (formats.ts writes the CSV made from a
// .csv.gz, .zip or .xlsx here): one svreport-input-* folder under the system's temporary folder,
// made on first use with our marker, removed when the process exits (success, error, or a
// signal: cli.ts exits the process, which runs the exit handler); a killed run's folder is
// removed by the next run that converts an input (removeOrphanInputs).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markerText, newToken, removeOrphanFolders } from '../output/owned.ts';

export const INPUT_TEMP_PREFIX = 'svreport-input-';
/** Inside the folder from its creation: what makes it ours. */
export const INPUT_MARKER = '.svreport-input';

let folder: string | null = null;
let files = 0;

/** A new file name in the run's temporary folder (the folder is made on first use). */
export function inputTempPath(label: string): string {
  if (folder === null) {
    const dir = mkdtempSync(join(tmpdir(), INPUT_TEMP_PREFIX));
    // known to the exit handler before anything is written into it
    folder = dir;
    process.on('exit', removeInputTemp);
    writeFileSync(join(dir, INPUT_MARKER), markerText(newToken()), { mode: 0o600 });
  }
  files++;
  return join(folder, `${files}-${label.replace(/[^\w.-]/g, '_')}`);
}

/** The run's temporary folder, when one was made (for tests). */
export const inputTempFolder = (): string | null => folder;

/** Removes the run's temporary folder and all in it (synchronous: also runs from the exit handler). */
export function removeInputTemp(): void {
  if (folder === null) return;
  const dir = folder;
  folder = null;
  process.off('exit', removeInputTemp);
  rmSync(dir, { recursive: true, force: true });
}

let orphansChecked = false;

/** Once per process, before the first conversion: removes the folders of runs killed outright (SIGKILL). */
export async function removeOrphanInputs(): Promise<void> {
  if (orphansChecked) return;
  orphansChecked = true;
  await removeOrphanFolders(tmpdir(), INPUT_TEMP_PREFIX, INPUT_MARKER);
}
