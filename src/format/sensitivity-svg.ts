import { ASSUMPTION_LABELS } from '../core/explain-sensitivity.js';
import type { ScoreReport, SensitivityResult } from '../core/report.js';
import { xmlText } from './escape.js';
import { sensitivityHeadline } from './summary.js';

/**
 * The sensitivity analysis as a self-contained SVG (`score --sensitivity --format svg`): above, the
 * 5–95% interval of the composite and of each indicator over the draws, on the score scale with
 * the band cut points; below, the first-order and total Sobol index of each assumption as bars
 * with their bootstrap intervals. No scripts, fonts or external references.
 */

const W = 1000;
const LABEL_X = 24;
const PLOT = { left: 250, right: 930 };
const ROW = 26;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
/** Band fills from weak (warm) to strong (cool), as the trend chart draws them. */
const BAND_FILLS = ['#fbe3e1', '#fcedd8', '#fbf6d9', '#e8f3df', '#dcefe9', '#dde8f5'];
const FIRST = '#9ab8d8';
const TOTAL = '#2f5d8a';

const n = (x: number) => String(Math.round(x * 10) / 10);
const t = xmlText;

interface Row {
  label: string;
  point: number;
  median: number;
  p5: number;
  p95: number;
  bold: boolean;
}

function intervalPanel(s: SensitivityResult, bands: readonly { id: string; min: number }[], top: number, out: string[]): number {
  const rows: Row[] = [
    { label: 'Composite', point: s.point, median: s.median, p5: s.p5, p95: s.p95, bold: true },
    ...(s.indicators ?? []).map((i) => ({ label: i.id, point: i.point, median: i.median, p5: i.p5, p95: i.p95, bold: false })),
  ];
  const width = PLOT.right - PLOT.left;
  const x = (v: number) => PLOT.left + (Math.max(0, Math.min(100, v)) / 100) * width;
  const plotTop = top + 34;
  const bottom = plotTop + rows.length * ROW;
  out.push(`<text x="${LABEL_X}" y="${top + 14}" font-size="14" font-weight="700" fill="#1f2933">Where the draws put each score (5–95% of ${s.draws} draws; dot: the reported score; tick: median)</text>`);
  bands.forEach((band, i) => {
    const upper = bands[i + 1]?.min ?? 100;
    out.push(`<rect x="${n(x(band.min))}" y="${plotTop}" width="${n(x(upper) - x(band.min))}" height="${bottom - plotTop}" fill="${BAND_FILLS[i % BAND_FILLS.length]}"><title>${t(`${band.id}: ${band.min} to ${upper}`)}</title></rect>`);
    out.push(`<text x="${n((x(band.min) + x(upper)) / 2)}" y="${plotTop - 6}" font-size="11" text-anchor="middle" fill="#7b8794" font-style="italic">${t(band.id)}</text>`);
    if (band.min > 0) out.push(`<line x1="${n(x(band.min))}" x2="${n(x(band.min))}" y1="${plotTop}" y2="${bottom}" stroke="#9aa5b1" stroke-width="1" stroke-dasharray="4 3"/>`);
  });
  rows.forEach((r, i) => {
    const cy = plotTop + i * ROW + ROW / 2;
    if (i > 0) out.push(`<line x1="${LABEL_X}" x2="${PLOT.right}" y1="${n(cy - ROW / 2)}" y2="${n(cy - ROW / 2)}" stroke="#e4e7eb" stroke-width="0.6"/>`);
    out.push(`<text x="${PLOT.left - 10}" y="${n(cy + 4)}" font-size="12" text-anchor="end" fill="#1f2933"${r.bold ? ' font-weight="700"' : ''}>${t(r.label)}</text>`);
    const stroke = r.bold ? '#1f2933' : '#3e4c59';
    const thick = r.bold ? 4 : 2.5;
    const span = `${r.label}: reported ${r.point.toFixed(2)}, median ${r.median.toFixed(2)}, 90% of draws ${r.p5.toFixed(2)} to ${r.p95.toFixed(2)}`;
    out.push(`<g><title>${t(span)}</title>`);
    out.push(`<line x1="${n(x(r.p5))}" x2="${n(Math.max(x(r.p95), x(r.p5) + 1))}" y1="${n(cy)}" y2="${n(cy)}" stroke="${stroke}" stroke-width="${thick}" stroke-linecap="round"/>`);
    out.push(`<line x1="${n(x(r.median))}" x2="${n(x(r.median))}" y1="${n(cy - 7)}" y2="${n(cy + 7)}" stroke="${stroke}" stroke-width="1.5"/>`);
    out.push(`<circle cx="${n(x(r.point))}" cy="${n(cy)}" r="${r.bold ? 5 : 4}" fill="#ffffff" stroke="#c0392b" stroke-width="2"/>`);
    out.push('</g>');
  });
  out.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${bottom}" y2="${bottom}" stroke="#3e4c59" stroke-width="1"/>`);
  for (let v = 0; v <= 100; v += 10) {
    out.push(`<line x1="${n(x(v))}" x2="${n(x(v))}" y1="${bottom}" y2="${bottom + 4}" stroke="#3e4c59" stroke-width="1"/>`);
    out.push(`<text x="${n(x(v))}" y="${bottom + 17}" font-size="11" text-anchor="middle" fill="#3e4c59">${v}</text>`);
  }
  out.push(`<text x="${n((PLOT.left + PLOT.right) / 2)}" y="${bottom + 34}" font-size="12" text-anchor="middle" fill="#3e4c59">Score (0–100); dashed lines are the band cut points</text>`);
  return bottom + 44;
}

function sobolPanel(s: SensitivityResult, top: number, out: string[]): number {
  const sobol = s.sobol;
  out.push(`<text x="${LABEL_X}" y="${top + 14}" font-size="14" font-weight="700" fill="#1f2933">Which assumption drives the variance (Sobol indices, 90% bootstrap intervals)</text>`);
  if (!sobol) {
    out.push(`<text x="${LABEL_X}" y="${top + 40}" font-size="12" fill="#52606d">No Sobol indices: nothing was drawn, or the analysis ran without them.</text>`);
    return top + 56;
  }
  const indices = [...sobol.indices].sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
  const width = PLOT.right - PLOT.left;
  const x = (v: number) => PLOT.left + Math.max(0, Math.min(1, v)) * width;
  const plotTop = top + 44;
  out.push(`<rect x="${PLOT.left}" y="${top + 24}" width="12" height="10" fill="${FIRST}"/><text x="${PLOT.left + 18}" y="${top + 33}" font-size="11" fill="#3e4c59">first-order: the assumption on its own</text>`);
  out.push(`<rect x="${PLOT.left + 260}" y="${top + 24}" width="12" height="10" fill="${TOTAL}"/><text x="${PLOT.left + 278}" y="${top + 33}" font-size="11" fill="#3e4c59">total: with its interactions</text>`);
  const bottom = plotTop + indices.length * ROW;
  for (let v = 0; v <= 1.0001; v += 0.2) {
    out.push(`<line x1="${n(x(v))}" x2="${n(x(v))}" y1="${plotTop}" y2="${bottom}" stroke="#e4e7eb" stroke-width="0.8"/>`);
    out.push(`<text x="${n(x(v))}" y="${bottom + 17}" font-size="11" text-anchor="middle" fill="#3e4c59">${v.toFixed(1)}</text>`);
  }
  indices.forEach((idx, i) => {
    const y0 = plotTop + i * ROW;
    const label = ASSUMPTION_LABELS[idx.id] ?? idx.id;
    out.push(`<text x="${PLOT.left - 10}" y="${n(y0 + ROW / 2 + 4)}" font-size="12" text-anchor="end" fill="#1f2933">${t(label)}</text>`);
    const bar = (value: number, [lo, hi]: [number, number], y: number, fill: string, what: string) => {
      out.push(`<g><title>${t(`${label}, ${what}: ${value.toFixed(3)} (${lo.toFixed(3)} to ${hi.toFixed(3)})`)}</title>`);
      out.push(`<rect x="${PLOT.left}" y="${n(y)}" width="${n(x(value) - PLOT.left)}" height="8" fill="${fill}"/>`);
      out.push(`<line x1="${n(x(lo))}" x2="${n(x(hi))}" y1="${n(y + 4)}" y2="${n(y + 4)}" stroke="#1f2933" stroke-width="1"/>`);
      out.push('</g>');
    };
    bar(idx.first, idx.firstInterval, y0 + 4, FIRST, 'first-order');
    bar(idx.total, idx.totalInterval, y0 + 13, TOTAL, 'total');
  });
  out.push(`<line x1="${PLOT.left}" x2="${PLOT.left}" y1="${plotTop}" y2="${bottom}" stroke="#3e4c59" stroke-width="1"/>`);
  out.push(`<text x="${n((PLOT.left + PLOT.right) / 2)}" y="${bottom + 34}" font-size="12" text-anchor="middle" fill="#3e4c59">Share of the composite's variance over the draws (${sobol.samples} base samples, ${sobol.evaluations} scorings)</text>`);
  return bottom + 44;
}

/** The SVG of a report's sensitivity analysis. */
export function formatSensitivitySvg(report: ScoreReport): string {
  const s = report.sensitivity;
  if (!s) throw new RangeError('formatSensitivitySvg needs a report with its sensitivity analysis');
  const title = `${report.indicatorSet.title}: ${report.subject}, sensitivity as of ${report.asOf}`;
  const body: string[] = [];
  let y = intervalPanel(s, s.cuts ?? [], 76, body);
  y = sobolPanel(s, y + 16, body);
  const H = Math.ceil(y + 8);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="chart-title chart-desc" font-family="${t(FONT)}">`,
    `<title id="chart-title">${t(title)}</title>`,
    `<desc id="chart-desc">${t(s.reasoning)}</desc>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${LABEL_X}" y="30" font-size="18" font-weight="700" fill="#1f2933">${t(title)}</text>`,
    `<text x="${LABEL_X}" y="52" font-size="12" fill="#52606d">${t(`Composite ${report.score.toFixed(2)} ${report.band}; ${sensitivityHeadline(s)}; seed ${s.seed}`)}</text>`,
    ...body,
    '</svg>',
  ];
  return `${out.join('\n')}\n`;
}
