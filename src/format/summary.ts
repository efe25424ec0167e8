import { share } from '../core/explain.js';
import type { ScoreReport } from '../core/report.js';

/** Shared wording for the parts every human format shows, so they never drift apart. */

export function reasonWithoutHead(reasoning: string): string {
  const colon = reasoning.indexOf(': ');
  return colon >= 0 ? reasoning.slice(colon + 2) : reasoning;
}

export function headline(report: ScoreReport): string {
  return `${report.score.toFixed(2)} ${report.band} · coverage ${Math.round(report.coverage * 100)}% · confidence ${report.confidence.level} · as of ${report.asOf}${report.since ? ` (since ${report.since})` : ''}`;
}

/** Excluded events grouped by reason, most common first, ties by reason code. */
export function excludedByReason(report: ScoreReport): { reason: string; message: string; count: number; ids: string[] }[] {
  const groups = new Map<string, { reason: string; message: string; count: number; ids: string[] }>();
  for (const e of report.excluded) {
    const g = groups.get(e.reason) ?? { reason: e.reason, message: e.message, count: 0, ids: [] };
    g.count++;
    g.ids.push(e.eventId);
    groups.set(e.reason, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}

/** A change in points with its sign: "+4.47", "-3.29", "0.00". */
export function signed(x: number): string {
  return x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2);
}

/** What the band column shows: the band, or why there is none. */
export function bandLabel(ind: ScoreReport['indicators'][number]): string {
  return ind.status === 'unweighted' ? 'not scored' : ind.status === 'no-evidence' ? 'no evidence' : ind.band;
}

/** The sensitivity headline every human format prints. */
export function sensitivityHeadline(s: NonNullable<ScoreReport['sensitivity']>): string {
  return `median ${s.median.toFixed(2)}, 5–95% ${s.p5.toFixed(2)} to ${s.p95.toFixed(2)}; band ${s.band} in ${share(s.bandStability)} of draws`;
}
