import type { ScoreReport } from '../core/report.js';
import { REPORT_FORMATS } from './index.js';
import { makePaint } from './paint.js';

/** Options for {@link formatReport}. */
export interface FormatReportOptions {
  /** ANSI colour in the table format; default false. */
  color?: boolean;
  /** Width of the table format in columns; default 80, as the CLI's when stdout is not a terminal. */
  width?: number;
}

/** The names {@link formatReport} accepts, the same as `score --format`. */
export const REPORT_FORMAT_NAMES: readonly string[] = Object.keys(REPORT_FORMATS);

/**
 * Render a report as `score --format` would: `json` (the versioned report), `markdown` (a
 * briefing with the evidence and its sources), `html` (the same as one self-contained page) or
 * `table` (the terminal view). The briefings draw no chart over time here: the CLI computes that
 * trend from the events, which a report does not hold. Pure: it reads
 * only the report, so the same report always gives the same text. Asynchronous only because each
 * format's code is loaded when first asked for.
 *
 * @throws RangeError for a format name it does not know.
 */
export async function formatReport(report: ScoreReport, format: string = 'json', options: FormatReportOptions = {}): Promise<string> {
  const load = Object.hasOwn(REPORT_FORMATS, format) ? REPORT_FORMATS[format] : undefined;
  if (!load) throw new RangeError(`unknown report format "${format}"; expected one of ${REPORT_FORMAT_NAMES.join(', ')}`);
  const color = options.color === true;
  return (await load())(report, { paint: await makePaint(color), color, width: options.width ?? 80 });
}
