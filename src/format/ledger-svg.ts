import { dateOfDay, dayNumber } from '../core/dates.js';
import type { CommitmentState, Ledger } from '../core/ledger.js';
import type { LeverClass, Status } from '../core/types.js';
import { xmlText } from './escape.js';
import { commitmentState, ledgerHeadline, leverClassLine, leverNote } from './ledger-words.js';

/**
 * The ledger as a self-contained SVG timeline: the counterpart's levers as labelled markers above
 * the axis, the subject's scored acts below it, and each promise as a bar from its date to its due
 * date coloured by how it stands (the way trade-deal trackers draw commitments against delivery).
 * No scripts, fonts or external references; every text that came from a file goes through xmlText.
 */

const W = 1200;
const RIGHT = 1170;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const LABEL_ROW = 15;
const CHAR = 6.2;

const LEVER_COLOURS: Record<LeverClass, string> = { pressure: '#c0392b', inducement: '#2e8b57', engagement: '#4e79a7' };
const STATE_COLOURS: Record<CommitmentState, string> = {
  delivered: '#2e8b57',
  'delivered-late': '#7fb77e',
  'partly-delivered': '#b5a642',
  lapsed: '#c0392b',
  open: '#e0a030',
  superseded: '#9aa5b1',
};
const STATE_LABELS: Record<CommitmentState, string> = {
  delivered: 'delivered on time',
  'delivered-late': 'delivered late',
  'partly-delivered': 'partly delivered',
  lapsed: 'lapsed',
  open: 'open',
  superseded: 'superseded',
};
const ACTION_COLOURS: Record<Status, string> = {
  enforced: '#1f2933',
  'in-force': '#616e7c',
  pledged: '#e0a030',
  announced: '#e0a030',
  refused: '#c0392b',
  reversed: '#c0392b',
};

const n = (x: number) => String(Math.round(x * 10) / 10);

function yearTicks(from: number, to: number): { day: number; label: string }[] {
  const first = Number(dateOfDay(from).slice(0, 4));
  const last = Number(dateOfDay(to).slice(0, 4));
  const step = Math.max(1, Math.ceil((last - first + 1) / 12));
  const ticks: { day: number; label: string }[] = [];
  for (let y = first; y <= last + 1; y += step) {
    const day = dayNumber(`${String(y).padStart(4, '0')}-01-01`);
    if (day >= from && day <= to) ticks.push({ day, label: String(y) });
  }
  return ticks;
}

/** Rows for labels so none overlaps the previous one in its row: greedy, left to right. */
function stack(items: { x: number; width: number }[]): number[] {
  const ends: number[] = [];
  return items.map((item) => {
    let row = ends.findIndex((end) => end + 8 <= item.x);
    if (row === -1) row = ends.length;
    ends[row] = item.x + item.width;
    return row;
  });
}

export function formatLedgerSvg(ledger: Ledger): string {
  const { commitments, levers } = ledger;
  // Talk is drawn as the promise bars; below the axis go the acts (and the refusals and reversals).
  const actions = ledger.actions.filter((a) => a.status !== 'pledged' && a.status !== 'announced');
  const promises = commitments.items;
  const dates = [ledger.asOf, ...levers.items.map((l) => l.date), ...actions.map((a) => a.date), ...promises.flatMap((p) => [p.date, p.due ?? p.date])];
  const days = dates.map(dayNumber);
  const span = Math.max(30, Math.max(...days) - Math.min(...days));
  const from = Math.min(...days) - Math.round(span * 0.02);
  const to = Math.max(...days) + Math.round(span * 0.02);
  // Room at the left for the longest promise id (ids past 44 characters are shortened; the tooltip has them whole).
  const label = (id: string) => (id.length > 44 ? `${id.slice(0, 43)}…` : id);
  const LEFT = Math.round(Math.min(330, Math.max(160, 42 + Math.max(0, ...promises.map((p) => label(p.eventId).length)) * CHAR)));
  const x = (date: string) => LEFT + ((dayNumber(date) - from) / (to - from)) * (RIGHT - LEFT);

  // Lever labels stacked above the axis.
  const leverItems = levers.items.map((l) => ({ x: x(l.date) - 4, width: (l.kind.length + 11) * CHAR }));
  const leverRows = stack(leverItems);
  const leverRowCount = Math.max(1, ...leverRows.map((r) => r + 1));
  const TOP = 118;
  const AXIS = TOP + leverRowCount * LABEL_ROW + 34;
  // Acts below the axis: same-day acts stack downwards.
  const perDay = new Map<string, number>();
  const actionY = actions.map((a) => {
    const k = perDay.get(a.date) ?? 0;
    perDay.set(a.date, k + 1);
    return AXIS + 22 + k * 11;
  });
  const ACTS_BOTTOM = Math.max(AXIS + 30, ...actionY.map((y) => y + 8));
  const BARS = ACTS_BOTTOM + 40;
  const BAR_ROW = 20;
  const LEGEND = BARS + Math.max(1, promises.length) * BAR_ROW + 34;
  const H = LEGEND + 76 + levers.classes.length * 16 + 20;

  const title = `${ledger.indicatorSet.title}: commitments and levers`;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="ledger-title ledger-desc" font-family="${xmlText(FONT)}">`);
  out.push(`<title id="ledger-title">${xmlText(title)}</title>`);
  out.push(
    `<desc id="ledger-desc">${xmlText(`${ledgerHeadline(ledger)}. Levers are marked above the time axis, the subject's scored acts below it, and each promise is a bar from its date to its due date coloured by how it stands. ${levers.caveat}`)}</desc>`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="30" y="32" font-size="18" font-weight="700" fill="#1f2933">${xmlText(title)}</text>`);
  out.push(`<text x="30" y="54" font-size="12" fill="#52606d">${xmlText(ledgerHeadline(ledger))}</text>`);
  out.push(`<text class="caveat" x="30" y="74" font-size="12" font-style="italic" fill="#8d5b00">${xmlText(levers.caveat)}</text>`);

  // Section labels at the left.
  out.push(`<text x="30" y="${TOP + 4}" font-size="12" font-weight="700" fill="#3e4c59">Levers</text>`);
  out.push(`<text x="30" y="${AXIS + 26}" font-size="12" font-weight="700" fill="#3e4c59">Acts of ${xmlText(ledger.subject)}</text>`);
  out.push(`<text x="30" y="${BARS - 14}" font-size="12" font-weight="700" fill="#3e4c59">Promises (date → due)</text>`);

  // Time axis with year ticks, and the scoring date.
  out.push(`<line class="axis" x1="${LEFT}" x2="${RIGHT}" y1="${AXIS}" y2="${AXIS}" stroke="#3e4c59" stroke-width="1.2"/>`);
  for (const t of yearTicks(from, to)) {
    const tx = LEFT + ((t.day - from) / (to - from)) * (RIGHT - LEFT);
    out.push(`<line x1="${n(tx)}" x2="${n(tx)}" y1="${TOP - 10}" y2="${LEGEND - 24}" stroke="#e4e7eb" stroke-width="1"/>`);
    out.push(`<text x="${n(tx)}" y="${AXIS + 14}" font-size="11" text-anchor="middle" fill="#3e4c59">${t.label}</text>`);
  }
  const asOfX = x(ledger.asOf);
  out.push(`<line class="as-of" x1="${n(asOfX)}" x2="${n(asOfX)}" y1="${TOP - 10}" y2="${LEGEND - 24}" stroke="#52606d" stroke-width="1" stroke-dasharray="4 3"/>`);
  out.push(`<text x="${n(asOfX - 4)}" y="${TOP - 14}" font-size="11" text-anchor="end" fill="#52606d">as of ${ledger.asOf}</text>`);

  // Levers: a stem from the axis up to a downward triangle, labelled with its kind and date.
  levers.items.forEach((l, i) => {
    const lx = x(l.date);
    const ly = AXIS - 26 - leverRows[i]! * LABEL_ROW;
    const colour = LEVER_COLOURS[l.class];
    const tip = `${l.date} ${l.eventId} (${l.class}): ${l.summary}. Composite ${l.before.toFixed(2)} → ${l.after.toFixed(2)} by ${l.windowEnd}; ${leverNote(l, ledger.actions)}`;
    out.push(`<g class="lever lever-${l.class}" data-event="${xmlText(l.eventId)}"><title>${xmlText(tip)}</title>`);
    out.push(`<line x1="${n(lx)}" x2="${n(lx)}" y1="${AXIS}" y2="${n(ly)}" stroke="${colour}" stroke-width="1"/>`);
    out.push(`<path d="M${n(lx - 5)},${n(ly - 8)} L${n(lx + 5)},${n(ly - 8)} L${n(lx)},${n(ly)} Z" fill="${colour}"/>`);
    out.push(`<text x="${n(lx + 7)}" y="${n(ly - 1)}" font-size="11" fill="${colour}">${xmlText(`${l.kind} ${l.date}`)}${l.overlaps ? ' ⚠' : ''}</text>`);
    out.push('</g>');
  });

  // The subject's scored acts: filled circles for action, hollow for law on the books, crosses for a step back.
  actions.forEach((a, i) => {
    const ax = x(a.date);
    const ay = actionY[i]!;
    const colour = ACTION_COLOURS[a.status];
    const tip = `${a.date} ${a.eventId} (${a.kind}, ${a.status}): ${a.summary} [${a.indicators.join(', ')}]`;
    const mark =
      a.status === 'refused' || a.status === 'reversed'
        ? `<path d="M${n(ax - 4)},${n(ay - 4)} L${n(ax + 4)},${n(ay + 4)} M${n(ax - 4)},${n(ay + 4)} L${n(ax + 4)},${n(ay - 4)}" stroke="${colour}" stroke-width="2"/>`
        : a.status === 'in-force'
          ? `<circle cx="${n(ax)}" cy="${n(ay)}" r="4" fill="#ffffff" stroke="${colour}" stroke-width="1.6"/>`
          : `<circle cx="${n(ax)}" cy="${n(ay)}" r="4" fill="${colour}"/>`;
    out.push(`<g class="action action-${a.status}" data-event="${xmlText(a.eventId)}"><title>${xmlText(tip)}</title>${mark}</g>`);
  });

  // Promises: one bar each, from the promise to its due date, with the delivering act marked.
  if (promises.length === 0) out.push(`<text x="${LEFT}" y="${BARS + 12}" font-size="12" fill="#52606d">No promises in the inputs.</text>`);
  promises.forEach((p, i) => {
    const y = BARS + i * BAR_ROW;
    const x0 = x(p.date);
    const x1 = Math.max(x0 + 3, x(p.due ?? p.date));
    const colour = STATE_COLOURS[p.state];
    const tip = `${p.date} ${p.eventId} (${p.kind}, ${p.status}), due ${p.due ?? 'n/a'}: ${p.summary}. ${commitmentState(p)}`;
    out.push(`<g class="promise promise-${p.state}" data-event="${xmlText(p.eventId)}"><title>${xmlText(tip)}</title>`);
    out.push(`<text x="${LEFT - 8}" y="${y + 11}" font-size="11" text-anchor="end" fill="#3e4c59">${xmlText(label(p.eventId))}</text>`);
    out.push(
      `<rect x="${n(x0)}" y="${y + 2}" width="${n(x1 - x0)}" height="12" rx="2" fill="${colour}"${p.state === 'superseded' ? ' fill-opacity="0.5"' : ''}/>`,
    );
    if (p.by) {
      const bx = x(p.by.date);
      out.push(`<path d="M${n(bx)},${y} L${n(bx)},${y + 16}" stroke="#1f2933" stroke-width="2"/>`);
    }
    out.push('</g>');
  });

  // Legend: lever classes, act marks, promise states.
  const legend: { swatch: string; label: string }[] = [];
  for (const c of levers.classes) legend.push({ swatch: `<path d="M-5,-8 L5,-8 L0,0 Z" fill="${LEVER_COLOURS[c.class]}"/>`, label: `${c.class} lever` });
  legend.push({ swatch: `<circle cx="0" cy="-4" r="4" fill="${ACTION_COLOURS.enforced}"/>`, label: 'act (enforced)' });
  legend.push({ swatch: `<circle cx="0" cy="-4" r="4" fill="#ffffff" stroke="${ACTION_COLOURS['in-force']}" stroke-width="1.6"/>`, label: 'law in force' });
  legend.push({ swatch: `<path d="M-4,-8 L4,0 M-4,0 L4,-8" stroke="${ACTION_COLOURS.refused}" stroke-width="2"/>`, label: 'refused or reversed' });
  for (const state of ['delivered', 'delivered-late', 'partly-delivered', 'lapsed', 'open', 'superseded'] as const) {
    legend.push({ swatch: `<rect x="-8" y="-10" width="16" height="10" rx="2" fill="${STATE_COLOURS[state]}"/>`, label: `promise ${STATE_LABELS[state]}` });
  }
  legend.push({ swatch: '<path d="M0,-12 L0,2" stroke="#1f2933" stroke-width="2"/>', label: 'delivery' });
  legend.push({ swatch: '<text x="-6" y="0" font-size="11" fill="#3e4c59">⚠</text>', label: 'window overlaps another lever' });
  out.push(`<g class="legend" transform="translate(30 ${LEGEND})">`);
  let lx = 8;
  let row = 0;
  for (const item of legend) {
    const width = 24 + item.label.length * CHAR;
    if (lx + width > W - 60) {
      lx = 8;
      row++;
    }
    out.push(`<g class="legend-item" transform="translate(${n(lx)} ${row * 18})">${item.swatch}<text x="12" y="0" font-size="11" fill="#3e4c59">${xmlText(item.label)}</text></g>`);
    lx += width;
  }
  out.push('</g>');
  levers.classes.forEach((c, i) => {
    out.push(`<text class="lever-summary" x="30" y="${LEGEND + 40 + row * 18 + i * 16}" font-size="11" fill="#52606d">${xmlText(leverClassLine(c))}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
