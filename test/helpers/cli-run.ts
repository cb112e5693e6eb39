// The real CLI (`node bin/svreport.js`) as a child process for end-to-end checks: its exit code
// and output, with a deadline, and the house rule for a failure: one `svreport: error:` sentence.
import * as assert from 'uvu/assert';
import { runCli, type CliRun } from './cli.ts';

/** The CLI as a child process: exit code and output (60 s deadline); see runCli. */
export function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return runCli(args, cwd, env, 60_000);
}

/** Exactly one `svreport: error:` line and nothing else on stderr. */
export function oneSentence(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  assert.is(lines.length, 1, stderr);
  assert.match(lines[0], /^svreport: error: /);
  assert.not.match(stderr, /^\s+at |unexpected error/im);
  return lines[0].slice('svreport: error: '.length);
}
