import type { TrendReport } from '../core/trend.js';
import type { Paint } from './paint.js';
import type { LineSource } from '../core/problems.js';

// The options every formatter takes, whatever it formats (a report, a trend, a diff, a ledger, a
// comparison, problems, an indicator set). They live below the registries (index.ts), which load
// the formatters, so a formatter never imports the module that loads it. A formatter reads only
// the options that mean something for it.

export interface FormatOptions {
  paint: Paint;
  color: boolean;
  /** Terminal width for the tables; a fixed default when not on a terminal keeps output stable. */
  width: number;
  /**
   * The composite scored at the end of each period up to the report's as-of date, for the charts
   * of the HTML and Markdown briefings; the score command computes it only for those formats.
   */
  trend?: TrendReport;
  /** The trend table: draw a line chart of the composite under it. */
  chart?: boolean;
  /** The trend SVG: zoom the y axis to the data instead of the fixed 0-100 scale. */
  yAuto?: boolean;
  /** Who made the output, for formats that name their tool (SARIF). */
  tool?: { name: string; version: string };
  /** Text the problem formats quote in code frames, by file: kept text, or lines read again from disk. */
  sources?: ReadonlyMap<string, string | LineSource>;
}
