import { main, type CliIO } from '../../src/cli.js';
import { ROOT } from './fixtures.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output, as a user in `cwd` would (no colour, not a TTY). */
export async function runCli(args: readonly string[], options: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...options.env },
    stdoutIsTTY: false,
    readStdin: async () => Buffer.from(options.stdin ?? ''),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
