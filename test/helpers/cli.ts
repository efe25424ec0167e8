import { spawnSync } from 'node:child_process';
import { main, type CliIO } from '../../src/cli.js';
import { ROOT } from './fixtures.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
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

/** Run the CLI in-process with captured output; never touches the real terminal or clock. */
/**
 * "Today" for in-process runs: fixed, so no test reads the clock, and after the newest seed event
 * (May 2026), so the bundled record raises no future-date warning. Tests of that warning pass their own.
 */
export const TEST_TODAY = '2026-12-01';

export async function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    columns: 120,
    today: options.today ?? TEST_TODAY,
    readStdin: async () => Buffer.from(options.stdin ?? ''),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Run the real bin (built dist) as a user would, colour off. */
export function runBin(args: string[], options: { cwd?: string; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [`${ROOT}bin/coopscore.js`, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
