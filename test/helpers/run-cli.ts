import { main, type CliIO } from '../../src/cli.js';
import { ROOT } from './fixtures.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds the run took. */
  ms: number;
}

export interface RunOptions {
  /** Bytes stdin holds; by default stdin is empty. */
  stdin?: Uint8Array | string;
  cwd?: string;
  /** Today's date for future-date warnings; fixed so tests do not depend on the clock. */
  today?: string;
  env?: Record<string, string | undefined>;
}

/** Run the CLI in-process with a fake terminal-less IO, as a user would, and capture everything. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: options.cwd ?? ROOT,
    env: options.env ?? { NO_COLOR: '1' },
    stdoutIsTTY: false,
    today: options.today ?? '2025-01-01',
    readStdin: async () => Buffer.from(options.stdin ?? ''),
  };
  const start = performance.now();
  const code = await main(argv, io);
  return { code, stdout, stderr, ms: performance.now() - start };
}
