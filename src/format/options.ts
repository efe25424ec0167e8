import type { TrendReport } from '../core/trend.js';
import type { Paint } from './paint.js';

// The options every formatter takes. They live below the registries (index.ts), which load the
// formatters, so a formatter never imports the module that loads it.

export interface FormatOptions {
  paint: Paint;
  color: boolean;
  /** Terminal width for the table; a fixed default when not on a terminal keeps output stable. */
  width: number;
  /**
   * The composite scored at the end of each period up to the report's as-of date, for the charts
   * of the HTML and Markdown briefings; the score command computes it only for those formats.
   */
  trend?: TrendReport;
}

/** Options for trend and diff formatters; `chart` asks the trend table for a line chart. */
export interface TimeFormatOptions extends FormatOptions {
  chart: boolean;
  /** SVG: zoom the y axis to the data instead of the fixed 0-100 scale. */
  yAuto?: boolean;
}
