import { problem } from '../core/problems.js';
import type { Problem } from '../core/types.js';

/**
 * A YAML (or JSON) event file is read whole. The fast path reads ~50 MB/s, but a file with any
 * problem is read again by the reference parser, which keeps every node's position: about 2.5 MB/s
 * and some 40 bytes of memory per byte of text here. Past this size that is tens of seconds and
 * gigabytes, so the loader says how to avoid it. JSON Lines files are streamed and never warned.
 */
export const LARGE_FILE_CHARS = 10 * 1024 * 1024;

export function largeFileProblem(file: string, chars: number): Problem | undefined {
  if (chars <= LARGE_FILE_CHARS) return undefined;
  const mib = Math.round(chars / (1024 * 1024));
  return problem(
    file,
    undefined,
    'large-file',
    `${file} is ${mib} MiB: a YAML file this large is read whole, and once it has an error, checking it takes tens of seconds and gigabytes of memory`,
    { severity: 'warning', hint: 'split it into files of about 1,000 events (one per month, say), or write JSON Lines (.jsonl, one event per line), which is read line by line' },
  );
}
