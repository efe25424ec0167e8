import type { Alert } from '../core/report.js';
import type { TrendReport } from '../core/trend.js';
import { indicatorSeries, trendHeadline } from './time-summary.js';

/**
 * A self-contained SVG line chart of a trend: the composite bold, each indicator thin, the score
 * bands shaded behind, alerts marked where they were raised. No scripts, fonts or external
 * references, so it opens in any browser and embeds in a report as it is.
 */

const W = 1000;
const H = 600;
const PLOT = { left: 72, right: 760, top: 104, bottom: 512 };
const LEGEND_X = 784;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Tableau 10: distinct, colour-blind-aware hues for thin indicator lines. */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#8c8c8c'];
/** Band fills from weak (warm) to strong (cool), light enough for lines to read on top. */
const BAND_FILLS = ['#fbe3e1', '#fcedd8', '#fbf6d9', '#e8f3df', '#dcefe9', '#dde8f5'];
const ALERT_COLOURS: Record<Alert['code'], string> = { backsliding: '#c0392b', 'crisis-risk': '#d68910' };

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
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

export function formatTrendSvg(report: TrendReport): string {
  const periods = report.periods;
  const series = indicatorSeries(report);
  const composite = periods.map((p) => p.score);
  const top = yTop(Math.max(...composite, ...series.flatMap((s) => s.values)), report.bands);
  const width = PLOT.right - PLOT.left;
  const height = PLOT.bottom - PLOT.top;
  const x = (i: number) => (periods.length === 1 ? PLOT.left + width / 2 : PLOT.left + (i * width) / (periods.length - 1));
  const y = (v: number) => PLOT.bottom - (Math.min(v, top) / top) * height;
  const path = (values: readonly number[]) => values.map((v, i) => `${i === 0 ? 'M' : 'L'}${n(x(i))},${n(y(v))}`).join(' ');

  const title = `${report.indicatorSet.title}: ${report.subject}, ${report.every === 'month' ? 'monthly' : report.every === 'quarter' ? 'quarterly' : 'yearly'} trend`;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="chart-title chart-desc" font-family="${esc(FONT)}">`);
  out.push(`<title id="chart-title">${esc(title)}</title>`);
  out.push(`<desc id="chart-desc">${esc(trendHeadline(report))}. Composite score (bold) and each indicator (thin) scored as of the end of each period; shaded bands are the score bands; triangles mark backsliding alerts and diamonds crisis-risk alerts.</desc>`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${PLOT.left}" y="30" font-size="18" font-weight="700" fill="#1f2933">${esc(title)}</text>`);
  out.push(`<text x="${PLOT.left}" y="52" font-size="12" fill="#52606d">${esc(trendHeadline(report))}</text>`);

  // Bands, drawn bottom-up and clipped to the chart's top, each labelled at its right edge.
  const bands = report.bands.filter((b) => b.min < top);
  bands.forEach((band, i) => {
    const upper = Math.min(bands[i + 1]?.min ?? 100, top);
    out.push(`<rect x="${PLOT.left}" y="${n(y(upper))}" width="${width}" height="${n(y(band.min) - y(upper))}" fill="${BAND_FILLS[i % BAND_FILLS.length]}"><title>${esc(`${band.id}: ${band.min} to ${upper}`)}</title></rect>`);
    out.push(`<text x="${PLOT.right - 6}" y="${n(y(upper) + 14)}" font-size="11" text-anchor="end" fill="#7b8794" font-style="italic">${esc(band.id)}</text>`);
  });

  // Grid and y axis.
  const step = tickStep(top);
  for (let v = 0; v <= top + 1e-9; v += step) {
    out.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="#cbd2d9" stroke-width="${v === 0 ? 1.2 : 0.6}"/>`);
    out.push(`<text x="${PLOT.left - 8}" y="${n(y(v) + 4)}" font-size="11" text-anchor="end" fill="#3e4c59">${v}</text>`);
  }
  out.push(`<text transform="translate(22 ${n(PLOT.top + height / 2)}) rotate(-90)" font-size="12" text-anchor="middle" fill="#3e4c59">Score (0–100)</text>`);

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
  periods.forEach((p, i) => {
    if (p.alerts.length === 0) return;
    const codes = [...new Set(p.alerts.map((a) => a.code))];
    out.push(`<line x1="${n(x(i))}" x2="${n(x(i))}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="${ALERT_COLOURS[codes[0]!]}" stroke-width="1" stroke-dasharray="4 3" opacity="0.7"/>`);
    for (const code of codes) {
      const [cx, cy] = [x(i), LANES[code]];
      const tip = esc(`${p.label}: ${p.alerts.filter((a) => a.code === code).map((a) => `${a.code}: ${a.message}`).join('\n')}`);
      const shape =
        code === 'backsliding'
          ? `<path d="M${n(cx - r)},${n(cy - r)} L${n(cx + r)},${n(cy - r)} L${n(cx)},${n(cy + r)} Z" fill="${ALERT_COLOURS[code]}"/>`
          : `<path d="M${n(cx)},${n(cy - r)} L${n(cx + r)},${n(cy)} L${n(cx)},${n(cy + r)} L${n(cx - r)},${n(cy)} Z" fill="${ALERT_COLOURS[code]}"/>`;
      out.push(`<g class="alert ${code}"><title>${tip}</title>${shape}</g>`);
    }
  });

  // Indicators thin, composite bold on top with its points marked.
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    out.push(`<path d="${path(s.values)}" fill="none" stroke="${colour}" stroke-width="1.4" stroke-linejoin="round" opacity="0.9"><title>${esc(`${s.id}: ${s.values.map((v) => v.toFixed(2)).join(', ')}`)}</title></path>`);
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
    out.push(`<line x1="${LEGEND_X}" x2="${LEGEND_X + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2"/>`);
    out.push(`<text x="${LEGEND_X + 32}" y="${ly}" font-size="11" fill="#3e4c59">${esc(s.id)} (${s.weight})</text>`);
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
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
