import { bestOf } from '../core/pieces.js';
import type { Evidence, IndicatorResult } from '../core/report.js';

/** How many events the table names per indicator; the JSON report keeps every one. */
export const TOP_EVIDENCE = 3;

/**
 * The subject events that moved an indicator most: largest value first, positive or negative
 * (ties: newer first, then by id, so the choice is stable). A table over a million events still
 * names only these, each traceable to its file and line.
 */
export function topEvidence(indicator: Pick<IndicatorResult, 'evidence'>, n = TOP_EVIDENCE): { top: Evidence[]; more: number } {
  const { evidence } = indicator;
  const subject = (at: number) => evidence[at]!.role === 'subject';
  const top = bestOf(
    n,
    evidence.length,
    (at) => evidence[at]!.value,
    (at) => ({ date: evidence[at]!.date, id: evidence[at]!.eventId }),
    subject,
  ).map((at) => evidence[at]!);
  let count = 0;
  for (let at = 0; at < evidence.length; at++) if (subject(at)) count++;
  return { top, more: count - top.length };
}

/**
 * "id (file:line), … +N more"; empty when the indicator has no subject evidence. The count of the
 * rest comes from the tally (every subject piece has a status), so a report that keeps only the
 * pieces a table names (scoreEvents's `evidence` option) gives the same line as one that keeps all.
 */
export function topEvidenceLine(indicator: Pick<IndicatorResult, 'evidence' | 'tally'>, n = TOP_EVIDENCE): string {
  const { top } = topEvidence(indicator, n);
  if (top.length === 0) return '';
  let subject = 0;
  for (const count of Object.values(indicator.tally.byStatus)) subject += count ?? 0;
  const more = Math.max(0, subject - top.length);
  return `${top.map((e) => `${e.eventId} (${e.file}:${e.line})`).join(', ')}${more ? ` +${more} more` : ''}`;
}
