import { main } from '../../src/cli.js';
import { ROOT } from './fixtures.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with a fake terminal-less IO, in the repository root unless told otherwise. */
export async function runCli(argv: string[], options: { cwd?: string; tty?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...options.env },
    stdoutIsTTY: options.tty ?? false,
    columns: 120,
    readStdin: async () => Buffer.alloc(0),
  });
  return { code, stdout, stderr };
}
