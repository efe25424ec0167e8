import type { Evidence, IndicatorResult } from '../core/report.js';

/** How many events the table names per indicator; the JSON report keeps every one. */
export const TOP_EVIDENCE = 3;

/**
 * The subject events that moved an indicator most: largest value first, positive or negative
 * (ties: newer first, then by id, so the choice is stable). A table over a million events still
 * names only these, each traceable to its file and line.
 */
export function topEvidence(indicator: Pick<IndicatorResult, 'evidence'>, n = TOP_EVIDENCE): { top: Evidence[]; more: number } {
  const subject = indicator.evidence.filter((e) => e.role === 'subject');
  const top = subject
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0))
    .slice(0, n);
  return { top, more: subject.length - top.length };
}

/** "id (file:line), … +N more"; empty when the indicator has no subject evidence. */
export function topEvidenceLine(indicator: Pick<IndicatorResult, 'evidence'>, n = TOP_EVIDENCE): string {
  const { top, more } = topEvidence(indicator, n);
  if (top.length === 0) return '';
  return `${top.map((e) => `${e.eventId} (${e.file}:${e.line})`).join(', ')}${more ? ` +${more} more` : ''}`;
}
