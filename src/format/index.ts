import type { CompareReport } from '../core/compare.js';
import type { ReportDiff } from '../core/diff.js';
import type { ScoreReport } from '../core/report.js';
import type { TrendReport } from '../core/trend.js';
import type { FormatOptions, TimeFormatOptions } from './options.js';

/** A formatter is a pure function of the report; it never decides the exit code. */
export type ReportFormatter = (report: ScoreReport, options: FormatOptions) => string;

/** Formats by name, loaded on demand so `--format json` never pays for cli-table3. */
export const REPORT_FORMATS: Record<string, () => Promise<ReportFormatter>> = {
  table: async () => (await import('./table.js')).formatTable,
  json: async () => (await import('./json.js')).formatJson,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  html: async () => (await import('./html.js')).formatHtml,
};

export type TrendFormatter = (report: TrendReport, options: TimeFormatOptions) => string;
export type DiffFormatter = (diff: ReportDiff, options: TimeFormatOptions) => string;

const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** `coopscore trend` formats: the same registry pattern, over a TrendReport. */
export const TREND_FORMATS: Record<string, () => Promise<TrendFormatter>> = {
  table: async () => (await import('./trend-table.js')).formatTrendTable,
  json: async () => jsonText,
  markdown: async () => (await import('./trend-markdown.js')).formatTrendMarkdown,
  csv: async () => (await import('./trend-csv.js')).formatTrendCsv,
  svg: async () => (await import('./trend-svg.js')).formatTrendSvg,
};

/** `coopscore diff` formats, over a ReportDiff. */
export const DIFF_FORMATS: Record<string, () => Promise<DiffFormatter>> = {
  table: async () => (await import('./diff-text.js')).formatDiffTable,
  json: async () => jsonText,
  markdown: async () => (await import('./diff-markdown.js')).formatDiffMarkdown,
};

/** `coopscore ledger` formats, over a Ledger. */
export type LedgerFormatter = (ledger: import('../core/ledger.js').Ledger, options: FormatOptions) => string;
export const LEDGER_FORMATS: Record<string, () => Promise<LedgerFormatter>> = {
  table: async () => (await import('./ledger-table.js')).formatLedgerTable,
  json: async () => jsonText,
  markdown: async () => (await import('./ledger-markdown.js')).formatLedgerMarkdown,
  csv: async () => (await import('./ledger-csv.js')).formatLedgerCsv,
  svg: async () => (await import('./ledger-svg.js')).formatLedgerSvg,
};

export type CompareFormatter = (report: CompareReport, options: FormatOptions) => string;

/** `coopscore compare` formats, over a CompareReport. */
export const COMPARE_FORMATS: Record<string, () => Promise<CompareFormatter>> = {
  table: async () => (await import('./compare-text.js')).formatCompareTable,
  json: async () => jsonText,
  markdown: async () => (await import('./compare-markdown.js')).formatCompareMarkdown,
  svg: async () => (await import('./compare-svg.js')).formatCompareSvg,
  html: async () => (await import('./compare-html.js')).formatCompareHtml,
};
