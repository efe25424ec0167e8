/**
 * coopscore as a library: load event files and an indicator set, score them, render the report.
 *
 * ```js
 * import { loadEventFiles, loadIndicatorSet, scoreEvents, formatReport } from 'coopscore';
 * const { set } = await loadIndicatorSet();
 * const { events, problems } = await loadEventFiles(['events/'], set);
 * const report = scoreEvents(events, set);
 * console.log(await formatReport(report, 'markdown'));
 * ```
 *
 * The loaders do the I/O and never throw for bad input (they return `problems`);
 * {@link scoreEvents} and {@link formatReport} are pure.
 *
 * @packageDocumentation
 */

export { loadEventFiles, loadIndicatorSet, scoreEvents, VERSION } from './io/library.js';
export type { LoadEventsOptions, LoadSetOptions } from './io/library.js';
export type { LoadedEvents, LoadedSet } from './io/load.js';
export { formatReport, REPORT_FORMAT_NAMES } from './format/format-report.js';
export type { FormatReportOptions } from './format/format-report.js';
export { eventsJsonSchema, reportJsonSchema } from './core/json-schema.js';
export { PROBLEM_CODES } from './core/problems.js';
// A set for any subject (`subjects: any`) loads with subject ''; select it for a country before scoring.
export { setForSubject, subjectRefusal } from './core/subject.js';
export { countryName } from './core/names.js';
export type { ProblemCode } from './core/problems.js';
export { SCHEMA_VERSION } from './core/report.js';
export type { ScoreOptions } from './core/engine.js';
export type { KeptEvidence } from './core/pieces.js';
export type { SummaryKey } from './core/evidence.js';
export type {
  Confidence,
  Evidence,
  Exclusion,
  Flag,
  IndicatorResult,
  IndicatorTally,
  InputFile,
  ScoreReport,
  VerdictFailure,
} from './core/report.js';
export { STATUSES } from './core/types.js';
export type {
  Credibility,
  Event,
  EventSource,
  Indicator,
  IndicatorSet,
  MatchClause,
  Method,
  Origin,
  Problem,
  Reliability,
  Severity,
  Status,
} from './core/types.js';
export { buildLedger, ledgerCommitments, LEDGER_VERSION } from './core/ledger.js';
export type { Commitment, CommitmentState, Commitments, Ledger, LedgerOptions, Lever, Range as LedgerRange } from './core/ledger.js';
