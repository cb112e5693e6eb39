// The one error type the CLI knows how to print: a sentence for the user and an exit code.
// Everything else that escapes is "unexpected" (exit 1, stack only with --debug).

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2, // usage or configuration error
  input: 3, // missing file, no usable rows, no views column, unreadable encoding
  render: 4, // no browser, browser crash or timeout, broken render
  delivery: 5, // the reports were built and kept, but an email could not be handed to the mail server
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class ReportError extends Error {
  readonly exitCode: ExitCode;
  /**
   * Further lines (e.g. every config problem) printed after the message. Not named `details`:
   * uvu's reporter takes an error's `details` for a diff string, and an array there made it drop
   * the failure of a test that threw a ReportError without printing it or failing the run.
   */
  readonly problems: string[];
  constructor(exitCode: ExitCode, message: string, problems: string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportError';
    this.exitCode = exitCode;
    this.problems = problems;
  }
}

export const usageError = (message: string, details: string[] = []) => new ReportError(EXIT.usage, message, details);
export const inputError = (message: string, cause?: unknown) => new ReportError(EXIT.input, message, [], { cause });
export const renderError = (message: string, cause?: unknown) => new ReportError(EXIT.render, message, [], { cause });
