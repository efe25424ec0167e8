import type { ScoreReport } from '../core/report.js';
import type { Paint } from './paint.js';

export interface FormatOptions {
  paint: Paint;
  color: boolean;
  /** Terminal width for the table; a fixed default when not on a terminal keeps output stable. */
  width: number;
}

/** A formatter is a pure function of the report; it never decides the exit code. */
export type ReportFormatter = (report: ScoreReport, options: FormatOptions) => string;

/** Formats by name, loaded on demand so `--format json` never pays for cli-table3. */
export const REPORT_FORMATS: Record<string, () => Promise<ReportFormatter>> = {
  table: async () => (await import('./table.js')).formatTable,
  json: async () => (await import('./json.js')).formatJson,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
};
