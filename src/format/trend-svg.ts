import type { Alert } from '../core/report.js';
import type { TrendReport } from '../core/trend.js';
import { countryName } from '../core/names.js';
import { xmlText } from './escape.js';
import type { FormatOptions } from './options.js';
import { indicatorSeries, trendHeadline } from './time-summary.js';

/**
 * A self-contained SVG line chart of a trend: the composite bold, each indicator thin, the score
 * bands shaded behind, alerts marked where they were raised and listed in words under the chart
 * (so they print). No scripts, fonts or external references, so it opens in any browser and
 * embeds in a report as it is. The y axis runs from 0 to 100 unless asked to zoom (`--y-auto`),
 * so two charts side by side compare; 0 sits a little above the x axis, so an indicator at 0
 * stays visible.
 */

const W = 1060;
const BASE_H = 600;
const PLOT = { left: 72, right: 760, top: 104, bottom: 512 };
/** Pixels between the x axis and the 0 line. */
const ZERO_GAP = 7;
/** Alert lines under the chart; more are counted. */
const ALERT_LINES = 12;
const ALERT_LINE_CHARS = 150;
const LEGEND_X = 784;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/**
 * Okabe and Ito's colour-blind-safe palette (less its black, which is the composite's); past seven
 * indicators the colours repeat with a dash pattern, so no two lines look alike.
 */
const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#B8A200'];
const DASHES = ['', '7 4', '2 3', '10 3 2 3'];
/** Band fills from weak (warm) to strong (cool), light enough for lines to read on top. */
const BAND_FILLS = ['#fbe3e1', '#fcedd8', '#fbf6d9', '#e8f3df', '#dcefe9', '#dde8f5'];
const ALERT_COLOURS: Record<Alert['code'], string> = { backsliding: '#c0392b', 'crisis-risk': '#d68910' };

const esc = xmlText;
const n = (x: number) => String(Math.round(x * 10) / 10);

/** The chart's top: the lowest band boundary (or 100) that leaves the highest line some headroom. */
function yTop(max: number, bands: readonly { min: number }[]): number {
  const bounds = [...bands.map((b) => b.min), 100].filter((b) => b > 0).sort((a, b) => a - b);
  return bounds.find((b) => b >= max * 1.05 && b >= 20) ?? 100;
}

function tickStep(top: number): number {
  for (const step of [5, 10, 20, 25]) if (top / step <= 8) return step;
  return 25;
}

function shorten(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

export function formatTrendSvg(report: TrendReport, options: Partial<Pick<FormatOptions, 'yAuto'>> = {}): string {
  const periods = report.periods;
  const series = indicatorSeries(report);
  const composite = periods.map((p) => p.score);
  const top = options.yAuto ? yTop(Math.max(...composite, ...series.flatMap((s) => s.values)), report.bands) : 100;
  const width = PLOT.right - PLOT.left;
  const height = PLOT.bottom - ZERO_GAP - PLOT.top;
  const zero = PLOT.bottom - ZERO_GAP;
  const x = (i: number) => (periods.length === 1 ? PLOT.left + width / 2 : PLOT.left + (i * width) / (periods.length - 1));
  const y = (v: number) => zero - (Math.min(v, top) / top) * height;
  const alerted = periods.flatMap((p, i) => p.alerts.map((a) => ({ period: p, index: i, alert: a })));
  const alertLines = Math.min(alerted.length, ALERT_LINES) + (alerted.length > ALERT_LINES ? 1 : 0);
  const H = BASE_H + (alertLines ? 24 + alertLines * 16 : 0);
  const path = (values: readonly number[]) => values.map((v, i) => `${i === 0 ? 'M' : 'L'}${n(x(i))},${n(y(v))}`).join(' ');

  const title = `${report.indicatorSet.title}: ${countryName(report.subject)}, ${report.every === 'month' ? 'monthly' : report.every === 'quarter' ? 'quarterly' : 'yearly'} trend`;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="chart-title chart-desc" font-family="${esc(FONT)}">`);
  out.push(`<title id="chart-title">${esc(title)}</title>`);
  out.push(`<desc id="chart-desc">${esc(trendHeadline(report))}. Composite score (bold) and each indicator (thin) scored as of the end of each period, on a ${top === 100 ? 'fixed 0 to 100' : `zoomed 0 to ${top}`} scale; shaded bands are the score bands; triangles mark backsliding alerts and diamonds crisis-risk alerts, each numbered and listed under the chart.</desc>`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${PLOT.left}" y="30" font-size="18" font-weight="700" fill="#1f2933">${esc(title)}</text>`);
  out.push(`<text x="${PLOT.left}" y="52" font-size="12" fill="#52606d">${esc(trendHeadline(report))}</text>`);

  // Bands, drawn bottom-up and clipped to the chart's top, each labelled at its right edge.
  const bands = report.bands.filter((b) => b.min < top);
  bands.forEach((band, i) => {
    const upper = Math.min(bands[i + 1]?.min ?? 100, top);
    const lower = band.min <= 0 ? PLOT.bottom : y(band.min);
    out.push(`<rect x="${PLOT.left}" y="${n(y(upper))}" width="${width}" height="${n(lower - y(upper))}" fill="${BAND_FILLS[i % BAND_FILLS.length]}"><title>${esc(`${band.id}: ${band.min} to ${upper}`)}</title></rect>`);
    out.push(`<text x="${PLOT.right - 6}" y="${n(y(upper) + 14)}" font-size="11" text-anchor="end" fill="#7b8794" font-style="italic">${esc(band.id)}</text>`);
  });

  // Grid and y axis.
  const step = tickStep(top);
  for (let v = 0; v <= top + 1e-9; v += step) {
    out.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="#cbd2d9" stroke-width="${v === 0 ? 0.8 : 0.6}"${v === 0 ? ' stroke-dasharray="2 3"' : ''}/>`);
    out.push(`<text x="${PLOT.left - 8}" y="${n(y(v) + 4)}" font-size="11" text-anchor="end" fill="#3e4c59">${v}</text>`);
  }
  out.push(`<text transform="translate(22 ${n(PLOT.top + height / 2)}) rotate(-90)" font-size="12" text-anchor="middle" fill="#3e4c59">${top === 100 ? 'Score (out of 100)' : `Score (zoomed to 0–${top} of 100)`}</text>`);

  // x axis: period labels, thinned so they never collide.
  const LABEL_GAP = 64;
  const every = Math.max(1, Math.ceil(periods.length / Math.max(1, Math.floor(width / LABEL_GAP))));
  const lastX = x(periods.length - 1);
  out.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="#3e4c59" stroke-width="1"/>`);
  periods.forEach((p, i) => {
    const isLast = i === periods.length - 1;
    // The last label is always shown, so a regular one too close to it gives way.
    const shown = isLast || (i % every === 0 && lastX - x(i) >= LABEL_GAP);
    out.push(`<line x1="${n(x(i))}" x2="${n(x(i))}" y1="${PLOT.bottom}" y2="${PLOT.bottom + (shown ? 5 : 3)}" stroke="#3e4c59" stroke-width="1"/>`);
    if (shown) out.push(`<text x="${n(x(i))}" y="${PLOT.bottom + 19}" font-size="11" text-anchor="middle" fill="#3e4c59">${esc(p.label)}${p.partial ? '*' : ''}</text>`);
  });
  const partial = periods.some((p) => p.partial) ? `; * scored as of ${report.until}` : '';
  out.push(`<text x="${n(PLOT.left + width / 2)}" y="${PLOT.bottom + 42}" font-size="12" text-anchor="middle" fill="#3e4c59">${esc(`Period (scored as of each period's end${partial})`)}</text>`);

  // Alerts: a dashed rule through the period and a marker in its code's lane above the plot,
  // sized so markers of neighbouring periods never overlap.
  const spacing = periods.length > 1 ? width / (periods.length - 1) : width;
  const r = Math.max(2.5, Math.min(6, spacing * 0.4));
  const LANES: Record<Alert['code'], number> = { backsliding: PLOT.top - 26, 'crisis-risk': PLOT.top - 10 };
  // Each alert is numbered: the number beside its marker, the words in the list under the chart.
  const numbers = new Map(alerted.map((a, k) => [a.alert, k + 1]));
  periods.forEach((p, i) => {
    if (p.alerts.length === 0) return;
    const codes = [...new Set(p.alerts.map((a) => a.code))];
    out.push(`<line x1="${n(x(i))}" x2="${n(x(i))}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="${ALERT_COLOURS[codes[0]!]}" stroke-width="1" stroke-dasharray="4 3" opacity="0.7"/>`);
    for (const code of codes) {
      const [cx, cy] = [x(i), LANES[code]];
      const own = p.alerts.filter((a) => a.code === code);
      const tip = esc(`${p.label}: ${own.map((a) => `${a.code}: ${a.message}`).join('\n')}`);
      const shape =
        code === 'backsliding'
          ? `<path d="M${n(cx - r)},${n(cy - r)} L${n(cx + r)},${n(cy - r)} L${n(cx)},${n(cy + r)} Z" fill="${ALERT_COLOURS[code]}"/>`
          : `<path d="M${n(cx)},${n(cy - r)} L${n(cx + r)},${n(cy)} L${n(cx)},${n(cy + r)} L${n(cx - r)},${n(cy)} Z" fill="${ALERT_COLOURS[code]}"/>`;
      const first = numbers.get(own[0]!)!;
      const label = own.length === 1 ? String(first) : `${first}–${first + own.length - 1}`;
      out.push(`<g class="alert ${code}"><title>${tip}</title>${shape}<text x="${n(cx + r + 2)}" y="${n(cy + 4)}" font-size="10" fill="${ALERT_COLOURS[code]}">${label}</text></g>`);
    }
  });

  // Indicators thin, composite bold on top with its points marked.
  const style = (i: number) => ({ colour: PALETTE[i % PALETTE.length]!, dash: DASHES[Math.floor(i / PALETTE.length) % DASHES.length]! });
  const dashAttr = (dash: string) => (dash ? ` stroke-dasharray="${dash}"` : '');
  // A line drawn exactly over an earlier one would vanish: the legend says whose line it shares.
  const sameAs = series.map((s, i) => series.slice(0, i).find((t) => t.values.every((v, k) => v === s.values[k]))?.id);
  series.forEach((s, i) => {
    const { colour, dash } = style(i);
    out.push(`<path d="${path(s.values)}" fill="none" stroke="${colour}" stroke-width="1.8" stroke-linejoin="round"${dashAttr(dash)}><title>${esc(`${s.id}: ${s.values.map((v) => v.toFixed(2)).join(', ')}`)}</title></path>`);
    if (periods.length === 1) out.push(`<circle cx="${n(x(0))}" cy="${n(y(s.values[0]!))}" r="2.5" fill="${colour}"/>`);
  });
  out.push(`<path d="${path(composite)}" fill="none" stroke="#111827" stroke-width="3.2" stroke-linejoin="round" stroke-linecap="round"/>`);
  periods.forEach((p, i) => {
    const alerted = p.alerts.length > 0;
    if (!alerted && spacing < 10) return; // dense months: the line alone reads better than a row of dots
    out.push(
      `<circle cx="${n(x(i))}" cy="${n(y(p.score))}" r="${alerted ? 4.5 : 3}" fill="${alerted ? ALERT_COLOURS[p.alerts[0]!.code] : '#111827'}" stroke="#ffffff" stroke-width="1"><title>${esc(`${p.label} (as of ${p.asOf}): composite ${p.score.toFixed(2)}, ${p.band}`)}</title></circle>`,
    );
  });

  // Legend.
  let ly = PLOT.top + 4;
  out.push(`<text x="${LEGEND_X}" y="${ly}" font-size="12" font-weight="700" fill="#1f2933">Legend</text>`);
  ly += 20;
  out.push(`<line x1="${LEGEND_X}" x2="${LEGEND_X + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="#111827" stroke-width="3.2"/>`);
  out.push(`<text x="${LEGEND_X + 32}" y="${ly}" font-size="12" font-weight="700" fill="#1f2933">composite</text>`);
  series.forEach((s, i) => {
    ly += 18;
    const { colour, dash } = style(i);
    const note = s.values.every((v) => v === 0) ? ', 0 throughout' : sameAs[i] ? ` = ${sameAs[i]}` : '';
    out.push(`<line x1="${LEGEND_X}" x2="${LEGEND_X + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="2.5"${dashAttr(dash)}/>`);
    out.push(`<text x="${LEGEND_X + 32}" y="${ly}" font-size="11" fill="#3e4c59">${esc(`${s.id} (${s.weight})${note}`)}</text>`);
  });
  ly += 26;
  out.push(`<path d="M${LEGEND_X + 6},${ly - 10} L${LEGEND_X + 18},${ly - 10} L${LEGEND_X + 12},${ly + 1} Z" fill="${ALERT_COLOURS.backsliding}"/>`);
  out.push(`<text x="${LEGEND_X + 32}" y="${ly}" font-size="11" fill="#3e4c59">backsliding alert</text>`);
  ly += 18;
  out.push(`<path d="M${LEGEND_X + 12},${ly - 11} L${LEGEND_X + 18},${ly - 5} L${LEGEND_X + 12},${ly + 1} L${LEGEND_X + 6},${ly - 5} Z" fill="${ALERT_COLOURS['crisis-risk']}"/>`);
  out.push(`<text x="${LEGEND_X + 32}" y="${ly}" font-size="11" fill="#3e4c59">crisis-risk alert</text>`);
  ly += 24;
  out.push(`<text x="${LEGEND_X}" y="${ly}" font-size="11" fill="#52606d">(weight in parentheses)</text>`);
  out.push(`<text x="${LEGEND_X}" y="${ly + 16}" font-size="11" fill="#52606d">${esc(`${report.indicatorSet.id} · coopscore ${report.tool.version}`)}</text>`);

  // The alerts in words, so a printed chart says what its markers mean.
  if (alertLines) {
    let ay = BASE_H + 4;
    out.push(`<text x="${PLOT.left}" y="${ay}" font-size="12" font-weight="700" fill="#1f2933">Alerts</text>`);
    alerted.slice(0, ALERT_LINES).forEach(({ period, alert }, k) => {
      ay += 16;
      out.push(`<text x="${PLOT.left}" y="${ay}" font-size="11" fill="${ALERT_COLOURS[alert.code]}">${esc(shorten(`${k + 1}. ${period.label}: ${alert.code}: ${alert.message}`, ALERT_LINE_CHARS))}</text>`);
    });
    if (alerted.length > ALERT_LINES) out.push(`<text x="${PLOT.left}" y="${ay + 16}" font-size="11" fill="#52606d">${esc(`and ${alerted.length - ALERT_LINES} more (trend --format json lists them all)`)}</text>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
