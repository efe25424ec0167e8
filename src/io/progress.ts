/**
 * A progress bar on stderr for long runs: shown only on a terminal (never in a pipe, a file or a
 * CI log, and never on stdout, so `--format json` output is untouched), only once a run has taken a
 * second, redrawn at most ten times a second, and erased when the run ends.
 */
export interface Progress {
  /** `done` of `total` units finished. */
  update(done: number, total: number): void;
  /** Erase the bar (if it was ever drawn). */
  end(): void;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 100;
const WIDTH = 30;

export function progressBar(label: string, stderr: (text: string) => void, isTTY: boolean, now: () => number = Date.now): Progress {
  if (!isTTY) return { update: () => undefined, end: () => undefined };
  const started = now();
  let drawn = false;
  let last = 0;
  return {
    update(done, total) {
      const t = now();
      if (t - started < SHOW_AFTER_MS || t - last < REDRAW_MS || total <= 0) return;
      last = t;
      drawn = true;
      const share = Math.min(1, Math.max(0, done / total));
      const filled = Math.round(share * WIDTH);
      stderr(`\r${label} [${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${Math.floor(share * 100)}% (${done}/${total})\u001b[K`);
    },
    end() {
      if (drawn) stderr('\r\u001b[K');
      drawn = false;
    },
  };
}
