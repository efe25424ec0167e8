import type { ScoreReport } from '../core/report.js';

/** The report as is: the stable, versioned contract that pipelines read. */
export function formatJson(report: ScoreReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
