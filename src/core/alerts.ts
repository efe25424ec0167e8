import { byDateThenId, dayNumber } from './dates.js';
import type { ReportDiff } from './diff.js';
import { crisisMessage, dropMessage, reversalMessage } from './explain-time.js';
import type { Alert, AlertEvent, Evidence } from './report.js';
import type { Event, IndicatorSet, Status } from './types.js';

/**
 * Time alerts: backsliding (a reversal, or a composite drop between periods) and crisis risk (a
 * crisis shortly before the scoring date). The rules are data in the set's `method.alerts`; a set
 * without that block gets the defaults below, which are the bundled set's own values.
 */

export interface AlertRules {
  reversalStatuses: Status[];
  dropPoints: number;
  crisisKinds: string[];
  crisisWindowDays: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  reversalStatuses: ['reversed'],
  dropPoints: 10,
  crisisKinds: ['bilateral-crisis'],
  crisisWindowDays: 180,
};

/** The set's alert rules with the defaults filled in; `dropPoints` may be overridden (--drop-alert). */
export function alertRules(set: IndicatorSet, overrides: { dropPoints?: number } = {}): AlertRules {
  const config = set.method.alerts ?? {};
  return {
    reversalStatuses: config.backsliding?.statuses ?? DEFAULT_ALERT_RULES.reversalStatuses,
    dropPoints: overrides.dropPoints ?? config.backsliding?.dropPoints ?? DEFAULT_ALERT_RULES.dropPoints,
    crisisKinds: config.crisisRisk?.kinds ?? DEFAULT_ALERT_RULES.crisisKinds,
    crisisWindowDays: config.crisisRisk?.windowDays ?? DEFAULT_ALERT_RULES.crisisWindowDays,
  };
}

/** What a reversal alert reads of a piece of evidence. */
export type ReversalEvidence = Pick<Evidence, 'role' | 'eventId' | 'date' | 'kind' | 'status' | 'file' | 'line' | 'solid' | 'inEffect'>;

/** An indicator with the evidence its reversal alerts may name (a report's indicator will do). */
export interface ReversalsOf {
  id: string;
  weight: number;
  evidence: readonly ReversalEvidence[];
}

/** Reversal evidence, one entry per event, with every indicator it counts against. */
function reversalEvents(indicators: readonly ReversalsOf[], keep: (e: ReversalEvidence) => boolean, rules: AlertRules): AlertEvent[] {
  const byId = new Map<string, AlertEvent>();
  for (const indicator of indicators) {
    if (indicator.weight === 0) continue;
    for (const e of indicator.evidence) {
      if (e.role !== 'subject' || !rules.reversalStatuses.includes(e.status) || !keep(e)) continue;
      const seen = byId.get(e.eventId);
      if (seen) seen.indicators.push(indicator.id);
      else byId.set(e.eventId, { eventId: e.eventId, date: e.date, kind: e.kind, status: e.status, file: e.file, line: e.line, indicators: [indicator.id] });
    }
  }
  return [...byId.values()].sort((a, b) => byDateThenId({ date: a.date, id: a.eventId }, { date: b.date, id: b.eventId }));
}

/**
 * Backsliding by reversal. With a period (`from`), every reversal dated in it; without one (a
 * snapshot, as `score` shows), every reversal still counting against cooperation on the as-of date.
 */
export function reversalAlerts(
  indicators: readonly ReversalsOf[],
  rules: AlertRules,
  window: { from?: string; to: string },
): Alert[] {
  const { from, to } = window;
  const inPeriod = from !== undefined;
  const keep = inPeriod
    ? (e: ReversalEvidence) => e.solid && e.date >= from && e.date <= to
    : // Only a solid reversal still in effect is backsliding: a weak claim cannot mark it (method 2).
      (e: ReversalEvidence) => e.solid && e.inEffect === true;
  return reversalEvents(indicators, keep, rules).map((event) => ({
    code: 'backsliding',
    trigger: 'reversal',
    message: reversalMessage(event, inPeriod),
    events: [event],
  }));
}

/** Crisis risk: a crisis-kind event dated `crisisWindowDays` or fewer before the as-of date (by any actor). */
export function crisisAlerts(events: readonly Event[], rules: AlertRules, asOf: string, since?: string | null): Alert[] {
  const asOfDay = dayNumber(asOf);
  return events
    .filter((e) => rules.crisisKinds.includes(e.kind) && e.date <= asOf && (since == null || e.date >= since))
    .map((e) => ({ e, days: asOfDay - dayNumber(e.date) }))
    .filter(({ days }) => days <= rules.crisisWindowDays)
    .sort((a, b) => byDateThenId(a.e, b.e))
    .map(({ e, days }) => {
      const event: AlertEvent = { eventId: e.id, date: e.date, kind: e.kind, status: e.status, file: e.origin.file, line: e.origin.line, indicators: [] };
      return { code: 'crisis-risk', trigger: 'crisis', message: crisisMessage(event, days, asOf), daysBefore: days, events: [event] };
    });
}

/** How many events a score-drop alert names: the ones that took the most off the composite. */
export const DROP_EVENTS_SHOWN = 5;

/**
 * Backsliding by a composite drop of at least `dropPoints` from one period to the next. The events
 * named are those whose change took the most off, weighed by their indicator's weight: new
 * negative evidence, positive evidence that aged or ended, evidence that fell out.
 */
export function dropAlert(diff: ReportDiff, rules: AlertRules): Alert | undefined {
  const drop = Math.round(-diff.composite.delta * 100) / 100;
  if (!(drop >= rules.dropPoints && drop > 0)) return undefined;
  const losses = new Map<string, { event: AlertEvent; loss: number }>();
  for (const indicator of diff.indicators) {
    if (indicator.delta >= 0) continue;
    for (const change of indicator.events) {
      if (change.role !== 'subject' || change.delta >= 0) continue;
      const loss = -change.delta * indicator.weight;
      const seen = losses.get(change.eventId);
      if (seen) {
        seen.loss += loss;
        seen.event.indicators.push(indicator.id);
      } else {
        losses.set(change.eventId, {
          loss,
          event: { eventId: change.eventId, date: change.date, kind: change.kind, status: change.status, file: change.file, line: change.line, indicators: [indicator.id] },
        });
      }
    }
  }
  const events = [...losses.values()]
    .sort((a, b) => b.loss - a.loss || (a.event.eventId < b.event.eventId ? -1 : 1))
    .slice(0, DROP_EVENTS_SHOWN)
    .map((l) => l.event);
  return {
    code: 'backsliding',
    trigger: 'score-drop',
    message: dropMessage(drop, diff.base.asOf, rules.dropPoints, events),
    drop,
    events,
  };
}

/**
 * The alerts a single report carries (`score`): reversals still in effect and recent crises.
 * `reversals(statuses)` gives each indicator's subject evidence of those statuses (the only
 * evidence a reversal alert reads), so scoring need not make an Evidence object of every piece.
 */
export function snapshotAlerts(
  events: readonly Event[],
  reversals: (statuses: readonly Status[]) => readonly ReversalsOf[],
  set: IndicatorSet,
  asOf: string,
  since: string | null,
): Alert[] {
  const rules = alertRules(set);
  return [...reversalAlerts(reversals(rules.reversalStatuses), rules, { to: asOf }), ...crisisAlerts(events, rules, asOf, since)];
}
