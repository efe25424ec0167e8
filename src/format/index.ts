import type { CompareReport } from '../core/compare.js';
import type { ReportDiff } from '../core/diff.js';
import type { Ledger } from '../core/ledger.js';
import type { ScoreReport } from '../core/report.js';
import type { TrendReport } from '../core/trend.js';
import type { Indicator, IndicatorSet, Problem } from '../core/types.js';
import type { CalibrationReport } from './calibration.js';
import type { FormatOptions } from './options.js';

/**
 * Every output of every command, by command and format name. A formatter is a pure function of
 * what it formats and the one {@link FormatOptions}; it never decides the exit code. Each is loaded
 * on demand, so `--format json` never pays for cli-table3.
 */
export type Formatter<T> = (value: T, options: FormatOptions) => string;
export type Registry<T> = Record<string, () => Promise<Formatter<T>>>;

/** The value as is, indented: the stable, versioned contract that pipelines read. */
const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const json = async () => jsonText;

/**
 * `value` in `format` from `registry`, as a command writes it. A registry whose `json` is the value
 * as is (the shared {@link json} above) gets the same bytes in chunks (json-chunks.ts), so a report
 * of a hundred thousand events is never one string of 139 MB.
 */
export async function render<T>(registry: Registry<T>, format: string, value: T, options: FormatOptions): Promise<string | Iterable<string>> {
  if (registry[format] === json) return (await import('./json-chunks.js')).jsonChunks(value);
  return (await registry[format]!())(value, options);
}

/** `coopscore score` formats, over a ScoreReport (the picture of `--sensitivity` is SENSITIVITY_FORMATS). */
export const REPORT_FORMATS: Registry<ScoreReport> = {
  table: async () => (await import('./table.js')).formatTable,
  json,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  html: async () => (await import('./html.js')).formatHtml,
};

/**
 * `coopscore score --sensitivity --format svg`: the analysis drawn, over a ScoreReport that holds
 * one. Apart from REPORT_FORMATS, since it draws only the sensitivity part of a report.
 */
export const SENSITIVITY_FORMATS: Registry<ScoreReport> = {
  svg: async () => (await import('./sensitivity-svg.js')).formatSensitivitySvg,
};

/** `coopscore trend` formats, over a TrendReport. */
export const TREND_FORMATS: Registry<TrendReport> = {
  table: async () => (await import('./trend-table.js')).formatTrendTable,
  json,
  markdown: async () => (await import('./trend-markdown.js')).formatTrendMarkdown,
  csv: async () => (await import('./trend-csv.js')).formatTrendCsv,
  svg: async () => (await import('./trend-svg.js')).formatTrendSvg,
};

/** `coopscore diff` formats, over a ReportDiff. */
export const DIFF_FORMATS: Registry<ReportDiff> = {
  table: async () => (await import('./diff-text.js')).formatDiffTable,
  json,
  markdown: async () => (await import('./diff-markdown.js')).formatDiffMarkdown,
};

/** `coopscore ledger` formats, over a Ledger. */
export const LEDGER_FORMATS: Registry<Ledger> = {
  table: async () => (await import('./ledger-table.js')).formatLedgerTable,
  json,
  markdown: async () => (await import('./ledger-markdown.js')).formatLedgerMarkdown,
  csv: async () => (await import('./ledger-csv.js')).formatLedgerCsv,
  svg: async () => (await import('./ledger-svg.js')).formatLedgerSvg,
};

/** `coopscore compare` formats, over a CompareReport. */
export const COMPARE_FORMATS: Registry<CompareReport> = {
  table: async () => (await import('./compare-text.js')).formatCompareTable,
  json,
  markdown: async () => (await import('./compare-markdown.js')).formatCompareMarkdown,
  svg: async () => (await import('./compare-svg.js')).formatCompareSvg,
  html: async () => (await import('./compare-html.js')).formatCompareHtml,
};

/** `coopscore calibrate` formats, over a CalibrationReport. */
export const CALIBRATION_FORMATS: Registry<CalibrationReport> = {
  table: async () => {
    const { formatCalibrationTable } = await import('./calibration.js');
    return (report, { paint }) => formatCalibrationTable(report, paint);
  },
  json,
  markdown: async () => (await import('./calibration.js')).formatCalibrationMarkdown,
};

/** What `coopscore indicators [ID]` shows: the whole set, or the one indicator asked for. */
export interface IndicatorSelection {
  set: IndicatorSet;
  indicators: readonly Indicator[];
  /** True when one indicator was asked for by id: JSON prints it alone, not the set. */
  single: boolean;
}

/** `coopscore indicators` formats, over the active set. */
export const INDICATOR_FORMATS: Registry<IndicatorSelection> = {
  text: async () => {
    const { formatIndicatorsText } = await import('./indicators.js');
    return ({ set, indicators }, { paint }) => formatIndicatorsText(set, indicators, paint);
  },
  json: async () => ({ set, indicators, single }) => jsonText(single ? indicators[0] : set),
  markdown: async () => {
    const { formatIndicatorsMarkdown } = await import('./indicators.js');
    return ({ set, indicators }) => formatIndicatorsMarkdown(set, indicators);
  },
};

/** `coopscore validate` formats, over the problems found (text is '' when there are none). */
export const PROBLEM_FORMATS: Registry<readonly Problem[]> = {
  text: async () => {
    const { formatProblemsText } = await import('./problems-text.js');
    return (problems, { sources, paint }) => formatProblemsText(problems, sources ?? new Map(), paint);
  },
  json: async () => (await import('./problems-json.js')).formatProblemsJson,
  github: async () => (await import('./problems-github.js')).formatProblemsGithub,
  sarif: async () => {
    const { formatProblemsSarif } = await import('./problems-sarif.js');
    return (problems, { tool }) => formatProblemsSarif(problems, tool ?? { name: 'coopscore', version: '0.0.0' });
  },
};
