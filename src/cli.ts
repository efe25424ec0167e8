import { Argument, Command, CommanderError, Option } from 'commander';
import { UsageError, type CliIO } from './commands/context.js';
import { isCalendarDate } from './core/dates.js';
import { packageVersion } from './io/package-version.js';
import { InputChangedError } from './io/text-in-file.js';

export type { CliIO } from './commands/context.js';
import { terminalText } from './format/escape.js';

/** The options with the names of those left at their defaults, which a config file may then set. */
function withSources<T extends object>(options: T, cmd: Command): T & { defaulted: string[] } {
  return { ...options, defaulted: Object.keys(options).filter((key) => cmd.getOptionValueSource(key) === 'default') };
}

const date = (flag: string) => (value: string) => {
  if (!isCalendarDate(value)) throw new UsageError(`${flag} takes a calendar date YYYY-MM-DD, got "${value}"`);
  return value;
};
const numberIn = (flag: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`${flag} takes a number from ${min} to ${max}, got "${value}"`);
  }
  return n;
};
const wholeNumber = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`${flag} takes a whole number, got "${value}"`);
  return n;
};

const countryCode = (value: string) => {
  if (!/^[A-Z][A-Z0-9-]{1,15}$/.test(value)) throw new UsageError(`--subject takes an ISO 3166 alpha-2 code such as MX (upper case), got "${value}"`);
  return value;
};

/**
 * The most --sensitivity draws: each draw rescores every event, so 100,000 draws on 10,000 events
 * ran for minutes; 10,000 draws already pin the 5th and 95th percentiles to a few hundredths.
 */
export const MAX_DRAWS = 10_000;
const draws = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_DRAWS) {
    throw new UsageError(
      `--sensitivity takes a number of draws from 1 to ${MAX_DRAWS}, got "${value}" (write --sensitivity=N, or put it after the paths)`,
    );
  }
  return n;
};
const drawCount = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_DRAWS) throw new UsageError(`--draws takes a number of draws from 1 to ${MAX_DRAWS}, got "${value}"`);
  return n;
};
const seed = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 0xffff_ffff) throw new UsageError(`--seed takes a whole number from 0 to ${0xffff_ffff}, got "${value}"`);
  return n;
};
const columns = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 60 || n > 1000) throw new UsageError(`--width takes a number of columns from 60 to 1000, got "${value}"`);
  return n;
};
const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };
/** A size in bytes, with an optional K, M or G suffix (powers of 1024: 50M, 50MiB and 50MB are the same). */
const byteSize = (flag: string) => (value: string) => {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  const n = m && unit ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} takes a size such as 50MiB, 512K or 1000000 (bytes), got "${value}"`);
  return n;
};

/** `--window 180d` or `--window 180`: whole days, 1 to 36500. */
const ledgerWindow = (value: string) => {
  const m = /^(\d+)d?$/.exec(value.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 36_500) throw new UsageError(`--window takes a number of days from 1 to 36500, such as 180d or 90, got "${value}"`);
  return n;
};

const stdinFilename = (value: string) => {
  if (value.trim() === '' || /[\u0000-\u001f\u007f-\u009f]/.test(value)) throw new UsageError(`--stdin-filename takes a file name such as events.jsonl, got "${value}"`);
  return value;
};

function build(io: CliIO, done: (code: number) => void): Command {
  const program = new Command('coopscore')
    .description('Score counternarcotics cooperation from observed events, with the reasoning behind every point.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showSuggestionAfterError()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  const common = (cmd: Command) =>
    cmd
      .option('--indicators <file>', 'indicator set YAML, or a bundled set by id (default: us-china-2024)')
      .option('--config <file>', 'config file (default: coopscore.config.yaml here or in a parent folder, up to the repository root)')
      .option('--no-config', 'read no config file')
      .option('--subject <code>', 'the country scored (ISO 3166 code), for a set that scores any subject', countryCode)
      .option('--no-color', 'plain output (also NO_COLOR=1; colour is used only on a terminal)')
      .option('-q, --quiet', 'print no warnings on stderr');
  // Commands that read event files share the read limit.
  const reading = (cmd: Command) =>
    common(cmd)
      .option('--max-file-size <size>', 'refuse event files larger than this (default 50MiB)', byteSize('--max-file-size'))
      .option('--stdin-filename <name>', 'the name stdin (-) is shown as; its extension (.yaml, .json, .jsonl) picks the parser', stdinFilename)
      .option('--follow-symlinks', 'follow symbolic links that lead outside a folder named on the command line');

  reading(
    program
      .command('score')
      .description('score event files and explain every indicator')
      .argument('[paths...]', "event files, folders (searched recursively), globs, or - for stdin (default: the config's paths)")
      .addOption(new Option('-f, --format <format>', 'output format (svg: the --sensitivity picture)').choices(['table', 'json', 'markdown', 'html', 'svg']).default('table'))
      .option('--as-of <date>', 'scoring date (default: the newest event date)', date('--as-of'))
      .option('--since <date>', 'leave out events before this date', date('--since'))
      .option('--fail-below <score>', 'exit 1 when the composite is below this score', numberIn('--fail-below', 0, 100))
      .option('--min-coverage <ratio>', 'exit 1 when coverage is below this ratio', numberIn('--min-coverage', 0, 1))
      .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
      .option('--weights <file>', "weights file (version 1) replacing some of the set's weights; 0 shows an indicator unscored")
      .addOption(new Option('--aggregation <rule>', "composite rule, instead of the set's").choices(['arithmetic', 'geometric']))
      .addOption(new Option('--missing <rule>', 'indicators without evidence count as 0, or are left out').choices(['zero', 'renormalize']))
      .option('--sensitivity [draws]', 'Monte Carlo uncertainty of the composite (default 1000 draws)', draws)
      .option('--seed <n>', 'random seed for --sensitivity (default 1)', seed)
      .option('--width <columns>', "width of the table (default: the terminal's, 80 when not a terminal)", columns),
  ).action(async (paths: string[], options, cmd: Command) => done(await (await import('./commands/score.js')).score(paths, withSources(options, cmd), io)));

  reading(
    program
      .command('validate')
      .description('check event files and report every problem with its file:line:col')
      .argument('[paths...]', "event files, folders, globs, or - for stdin (default: the config's paths)")
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'github', 'sarif']).default('text'))
      .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', wholeNumber('--max-warnings'))
      .option('-o, --output <file>', 'write the problems to a file (atomically) instead of stdout'),
  ).action(async (paths: string[], options, cmd: Command) => done(await (await import('./commands/validate.js')).validate(paths, withSources(options, cmd), io)));

  common(
    program
      .command('indicators')
      .description('show the active indicator set: weights, what counts, rationale')
      .argument('[id]', 'one indicator')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
      .option('--weights <file>', "weights file (version 1) replacing some of the set's weights"),
  ).action(async (id: string | undefined, options, cmd: Command) =>
    done(await (await import('./commands/indicators.js')).indicators(id, withSources(options, cmd), io)),
  );

  common(
    program
      .command('schema')
      .description('print the JSON Schema of the event format, the JSON report, the config file, the compare report, the JSON ledger or an anchors file')
      .addArgument(new Argument('[which]', 'events, report, config, compare, ledger or anchors').choices(['events', 'report', 'config', 'compare', 'ledger', 'anchors']).default('events'))
      .option('-o, --output <file>', 'write the schema to a file instead of stdout')
      .option('--out <file>', 'the same as --output'),
  ).action(async (which: 'events' | 'report' | 'config' | 'compare' | 'ledger' | 'anchors', options) => done(await (await import('./commands/schema.js')).schema(which, options, io)));

  reading(
    program
      .command('trend')
      .description('score at the end of each period, with backsliding and crisis-risk alerts')
      .argument('[paths...]', "event files, folders, globs, or - for stdin (default: the config's paths)")
      .addOption(new Option('--every <period>', 'period length').choices(['month', 'quarter', 'year']).default('quarter'))
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown', 'csv', 'svg']).default('table'))
      .option('--since <date>', 'first day of the range (default: the oldest event)', date('--since'))
      .option('--until <date>', 'last day of the range (default: the newest event)', date('--until'))
      .option('--drop-alert <points>', "backsliding alert when the composite falls this much between periods (default: the set's rule, 10)", numberIn('--drop-alert', 0, 100))
      .option('--threshold <points>', 'change that counts as a rise or a fall (default 1)', numberIn('--threshold', 0, 100))
      .option('--chart', 'draw the composite as a line chart (default: only on a terminal)')
      .option('--fail-on-alert', 'exit 1 when any alert is raised')
      .option('--y-auto', 'svg: zoom the y axis to the data instead of the fixed 0-100 scale')
      .option('--width <columns>', "width of the table (default: the terminal's, 80 when not a terminal)", columns)
      .option('-o, --output <file>', 'write to a file (atomically) instead of stdout'),
  ).action(async (paths: string[], options, cmd: Command) => done(await (await import('./commands/trend.js')).trend(paths, withSources(options, cmd), io)));

  common(
    program
      .command('diff')
      .description('compare two saved JSON reports, indicator by indicator and event by event')
      .argument('<base>', 'the earlier report (coopscore score --format json)')
      .argument('<head>', 'the later report')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
      .option('--threshold <points>', 'change that counts as an improvement or a regression (default 1)', numberIn('--threshold', 0, 100))
      .option('--fail-on-regression <points>', 'exit 1 when the composite falls by more than this', numberIn('--fail-on-regression', 0, 100))
      .option('--width <columns>', "width of the table (default: the terminal's, 80 when not a terminal)", columns)
      .option('-o, --output <file>', 'write to a file (atomically) instead of stdout')
      .option('--max-file-size <size>', 'refuse reports larger than this (default 50MiB)', byteSize('--max-file-size')),
  ).action(async (base: string, head: string, options, cmd: Command) =>
    done(await (await import('./commands/diff.js')).diff(base, head, withSources(options, cmd), io)),
  );

  reading(
    program
      .command('compare')
      .description('score several subjects (one folder of events each) under one set, ranked with intervals')
      .argument('[dirs...]', "one folder (or file) of events per subject (default: the config's subjects)")
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown', 'svg', 'html']).default('table'))
      .option('--as-of <date>', 'one scoring date for every subject (default: the newest event date of any)', date('--as-of'))
      .option('--since <date>', 'leave out events before this date', date('--since'))
      .option('--draws <n>', 'sensitivity draws behind the intervals (default 500)', drawCount)
      .option('--seed <n>', 'random seed for the draws (default 1)', seed)
      .option('-o, --output <file>', 'write to a file (atomically) instead of stdout'),
  ).action(async (dirs: string[], options, cmd: Command) =>
    done(await (await import('./commands/compare.js')).compare(dirs, { draws: 500, ...withSources(options, cmd) }, io)),
  );

  reading(
    program
      .command('ledger')
      .description("promises against delivery, and the counterpart's levers against what followed")
      .argument('[paths...]', "event files, folders, globs, or - for stdin (default: the config's paths)")
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown', 'csv', 'svg']).default('table'))
      .option('--as-of <date>', 'scoring date (default: the newest event date)', date('--as-of'))
      .option('--since <date>', 'leave out events before this date', date('--since'))
      .option('--window <days>', 'days after each lever to look at, as 180d or 180', (v: string) => ledgerWindow(v), 180)
      .option('-o, --output <file>', 'write to a file (atomically) instead of stdout'),
  ).action(async (paths: string[], options, cmd: Command) => done(await (await import('./commands/ledger.js')).ledger(paths, withSources(options, cmd), io)));

  reading(
    program
      .command('calibrate')
      .description("check the set's scale against dated judgements quoted from its source (an anchors file)")
      .argument('[paths...]', "event files, folders or globs (default: the anchors file's `events`)")
      .option('--anchors <file>', "anchors file (version 1): dated, quoted judgements with their band (default: the config's anchors)")
      .addOption(new Option('--fit <parameter>', 'also find the values under which every anchor holds').choices(['saturation', 'bands']))
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
      .option('-o, --output <file>', 'write to a file (atomically) instead of stdout'),
  ).action(async (paths: string[], options, cmd: Command) => done(await (await import('./commands/calibrate.js')).calibrate(paths, withSources(options, cmd), io)));

  common(
    program
      .command('init')
      .description('write an example event file, with its schema for editors, into a folder')
      .argument('[dir]', 'folder to write into (created if missing)', '.')
      .option('--force', 'overwrite files that already exist'),
  ).action(async (dir: string, options) => done(await (await import('./commands/init.js')).init(dir, options, io)));

  return program;
}

/**
 * Run the CLI. Returns the exit code: 0 success, 1 a check the user asked for failed,
 * 2 usage error or input that cannot be used.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = build(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      if (error.code === 'commander.executeSubCommandAsync') return 2;
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InputChangedError) {
      // A file changed under the run: named at its line, like any problem of an input (exit 2).
      io.stderr(`${terminalText(error.message)}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      // Messages quote paths and values from the inputs: control characters are written visibly.
      io.stderr(`coopscore: ${terminalText(error.message)}\n`);
      return error.exitCode;
    }
    const err = error as Error;
    if (io.env.COOPSCORE_DEBUG) io.stderr(`${err.stack ?? err}\n`);
    io.stderr(
      `coopscore: internal error: ${terminalText(err.message)}. This is a bug; please report it with the command you ran (COOPSCORE_DEBUG=1 shows the trace).\n`,
    );
    return 2;
  }
}

/** The process-bound entry point used by bin/coopscore.js. */
export async function run(argv: readonly string[]): Promise<number> {
  // A reader that stops early (`| head -c 1`) closes the pipe: the rest of the output has nowhere
  // to go, which is not an error of ours. Stop writing, and exit with the command's own code.
  const closed = { stdout: false, stderr: false };
  const quietOnEpipe = (stream: 'stdout' | 'stderr') => (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed[stream] = true;
  };
  process.stdout.on('error', quietOnEpipe('stdout'));
  process.stderr.on('error', quietOnEpipe('stderr'));
  return main(argv, {
    stdout: (s) => {
      if (!closed.stdout) process.stdout.write(s);
    },
    stderr: (s) => {
      if (!closed.stderr) process.stderr.write(s);
    },
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    today: new Date().toISOString().slice(0, 10),
    stdoutDrained: () => {
      const out = process.stdout;
      if (closed.stdout || !out.writableNeedDrain) return Promise.resolve();
      // 'drain' once the pipe has taken the queue; 'close' or an error (EPIPE: the reader left) end the wait too.
      return new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          out.off('error', done);
          resolve();
        };
        out.on('drain', done);
        out.on('close', done);
        out.on('error', done);
      });
    },
    readStdin: async (maxBytes = Infinity) => {
      if (process.stdin.isTTY) throw new UsageError('"-" reads events from stdin, but stdin is a terminal; pipe a file in');
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        total += (chunk as Buffer).length;
        if (total > maxBytes) break; // the caller refuses it; reading on would only fill memory
      }
      return Buffer.concat(chunks);
    },
  });
}
