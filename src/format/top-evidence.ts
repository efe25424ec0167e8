import type { Evidence, IndicatorResult } from '../core/report.js';

/** How many events the table names per indicator; the JSON report keeps every one. */
export const TOP_EVIDENCE = 3;

/**
 * The subject events that moved an indicator most: largest value first, positive or negative
 * (ties: newer first, then by id, so the choice is stable). A table over a million events still
 * names only these, each traceable to its file and line.
 */
export function topEvidence(indicator: Pick<IndicatorResult, 'evidence'>, n = TOP_EVIDENCE): { top: Evidence[]; more: number } {
  // One pass keeping the best n: a million pieces of evidence are not sorted to name three.
  const top: Evidence[] = [];
  let subject = 0;
  for (const e of indicator.evidence) {
    if (e.role !== 'subject') continue;
    subject++;
    if (top.length === n && !before(e, top[n - 1]!)) continue;
    let at = top.length === n ? n - 1 : top.length;
    while (at > 0 && before(e, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = e;
    if (top.length > n) top.length = n;
  }
  return { top, more: subject - top.length };
}

/** Does a rank before b? Larger absolute value, then newer, then smaller id. */
function before(a: Evidence, b: Evidence): boolean {
  const d = Math.abs(a.value) - Math.abs(b.value);
  if (d !== 0) return d > 0;
  if (a.date !== b.date) return a.date > b.date;
  return a.eventId < b.eventId;
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
