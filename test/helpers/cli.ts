// The real CLI (`node bin/svreport.js`) as a child process for end-to-end tests: its exit code
// and both streams, killed and failed when it outlives a generous deadline.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/svreport.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `svreport ...args` in `cwd`; SOURCE_DATE_EPOCH only when `env` sets it, so the clock is the test's choice. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 90_000): Promise<CliRun> {
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete full.SOURCE_DATE_EPOCH;
  Object.assign(full, env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`svreport ${args.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
