/**
 * What every command is given and may throw: the outside world it may touch, the options all
 * commands share, the error for a mistake the user can fix, and when to colour output. It sits
 * below src/cli.ts, which builds the program and loads the commands, so no command imports the
 * module that loads it.
 */

/** What the CLI may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal: a progress bar is drawn only there. */
  stderrIsTTY?: boolean;
  columns?: number;
  /** All of stdin; may stop once it holds more than `maxBytes`. */
  readStdin(maxBytes?: number): Promise<Buffer>;
  /** Today's date (YYYY-MM-DD, UTC) for future-date warnings; the core never reads the clock. */
  today?: string;
  /**
   * Resolves once stdout has taken what was written (at once when it holds little). Output written
   * in chunks waits on it between chunks: a pipe is written asynchronously once it is full, and
   * without waiting a slow reader (`| jq`) would leave every chunk queued in memory.
   */
  stdoutDrained?(): Promise<void>;
}

/** An error the user can fix: printed as one line, never with a stack. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface CommonOptions {
  indicators?: string;
  /** A weights file (`--weights`), on the commands that take one. */
  weights?: string;
  color: boolean;
  quiet?: boolean;
  /** `--config FILE`; `false` with `--no-config`; undefined to look for coopscore.config.yaml. */
  config?: string | false;
  /** `--subject CODE`: the country scored, for a set that scores any subject. */
  subject?: string;
  /** Options commander filled in from a default, so a config file may supply them instead (flag > config > default). */
  defaulted?: string[];
}

export function useColor(options: { color: boolean }, io: CliIO): boolean {
  if (!options.color) return false;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0';
  return io.stdoutIsTTY;
}
