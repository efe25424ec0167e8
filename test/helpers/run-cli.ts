import { main } from '../../src/cli.js';
import { ROOT } from './fixtures.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds the run took. */
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  tty?: boolean;
  env?: Record<string, string>;
  /** Bytes stdin holds; by default stdin is empty. */
  stdin?: Uint8Array | string;
  /** Today's date for future-date warnings; fixed so tests never depend on the clock. */
  today?: string;
}

/** Run the CLI in-process with a fake terminal-less IO, in the repository root unless told otherwise. */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const start = performance.now();
  const code = await main(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...options.env },
    stdoutIsTTY: options.tty ?? false,
    columns: 120,
    today: options.today ?? '2025-01-01',
    readStdin: async () => Buffer.from(options.stdin ?? ''),
  });
  return { code, stdout, stderr, ms: performance.now() - start };
}
