// The real CLI (`node bin/svreport.js`) as a child process for end-to-end checks: its exit code
// and output, with a deadline, and the house rule for a failure: one `svreport: error:` sentence.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'svreport.js');

/** The CLI as a child process: exit code and stderr (60 s deadline). */
export function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`svreport ${args.join(' ')} did not finish in 60 s`));
    }, 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** Exactly one `svreport: error:` line and nothing else on stderr. */
export function oneSentence(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  assert.is(lines.length, 1, stderr);
  assert.match(lines[0], /^svreport: error: /);
  assert.not.match(stderr, /^\s+at |unexpected error/im);
  return lines[0].slice('svreport: error: '.length);
}
