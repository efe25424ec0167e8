import type { CompareReport, CompareRow } from '../core/compare.js';
import { xmlText } from './escape.js';
import { THIN_WORDS } from './compare-text.js';

/**
 * A comparison as one self-contained SVG, after COINr's plot_uncertainty: a row per subject (best
 * first) with its composite (dot) and 5–95% interval (bar) on a fixed 0–100 scale with the band cut
 * points, its median rank and rank interval, the evidence behind it (⚠ where thin, and the dot drawn
 * hollow), and a heat table of its indicator scores. No scripts, fonts or external references.
 */

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const ROW = 40;
const TOP = 170;
const LABEL = { left: 24, width: 210 };
const SCORE = { left: 260, right: 520 };
const RANK = { left: 560, right: 680 };
const HEAT_LEFT = 710;
const INK = '#1f2933';
const MUTED = '#52606d';
const THIN = '#b45309';

const n = (x: number) => String(Math.round(x * 10) / 10);

/** Sequential blue scale (light to dark, as ColorBrewer's Blues): 0 is nearly white, 100 dark blue. */
function heat(score: number): string {
  const [a, b] = [
    [239, 246, 255],
    [8, 48, 107],
  ] as const;
  const t = Math.max(0, Math.min(1, score / 100));
  const c = a.map((v, i) => Math.round(v + (b[i]! - v) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function formatCompareSvg(report: CompareReport): string {
  const rows = report.subjects;
  const k = report.indicators.length;
  const cell = Math.max(18, Math.min(34, Math.floor((1000 - HEAT_LEFT - 20) / Math.max(1, k))));
  // Room on the right for the last indicator's slanted label.
  const width = Math.max(1000, HEAT_LEFT + k * cell + 110);
  const height = TOP + rows.length * ROW + 80;
  const x = (score: number) => SCORE.left + (score / 100) * (SCORE.right - SCORE.left);
  const maxRank = Math.max(2, rows.length);
  const xr = (rank: number) => RANK.left + ((rank - 1) / (maxRank - 1)) * (RANK.right - RANK.left);
  const title = report.indicatorSet.title;
  const sub = `${rows.length} subjects compared as of ${report.asOf}; dots are scores, bars the 5–95% interval across ${report.draws} sensitivity draws (seed ${report.seed})`;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="compare-title compare-desc" font-family="${xmlText(FONT)}">`);
  out.push(`<title id="compare-title">${xmlText(title)}</title>`);
  out.push(`<desc id="compare-desc">${xmlText(report.reasoning)}</desc>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${LABEL.left}" y="32" font-size="18" font-weight="700" fill="${INK}">${xmlText(title)}</text>`);
  out.push(`<text x="${LABEL.left}" y="54" font-size="12" fill="${MUTED}">${xmlText(sub)}</text>`);

  // Column heads.
  const headY = TOP - 16;
  out.push(`<text x="${LABEL.left}" y="${headY}" font-size="12" font-weight="700" fill="${INK}">Subject · evidence</text>`);
  out.push(`<text x="${SCORE.left}" y="${headY - 36}" font-size="12" font-weight="700" fill="${INK}">Composite (0–100)</text>`);
  out.push(`<text x="${RANK.left}" y="${headY - 36}" font-size="12" font-weight="700" fill="${INK}">Rank (1 = best)</text>`);
  report.indicators.forEach((ind, j) => {
    const cx = HEAT_LEFT + j * cell + cell / 2;
    out.push(`<text transform="translate(${n(cx + 4)},${headY}) rotate(-55)" font-size="11" fill="${INK}">${xmlText(ind.id)}</text>`);
  });

  // Score axis with band cut points, and rank axis.
  const plotTop = TOP - 4;
  const plotBottom = TOP + rows.length * ROW - 4;
  report.bands.forEach((band, b) => {
    out.push(`<line x1="${n(x(band.min))}" y1="${plotTop - (b % 2) * 11}" x2="${n(x(band.min))}" y2="${plotBottom}" stroke="#cbd2d9" stroke-dasharray="3 3"/>`);
    // Alternate heights so neighbouring band names never overlap.
    out.push(`<text x="${n(x(band.min) + 3)}" y="${headY - (b % 2) * 11}" font-size="10" fill="${MUTED}">${xmlText(band.id)}</text>`);
  });
  for (const tick of [0, 25, 50, 75, 100]) {
    out.push(`<text x="${n(x(tick))}" y="${plotBottom + 16}" font-size="10" text-anchor="middle" fill="${MUTED}">${tick}</text>`);
  }
  out.push(`<line x1="${SCORE.left}" y1="${plotBottom}" x2="${SCORE.right}" y2="${plotBottom}" stroke="#9aa5b1"/>`);
  out.push(`<line x1="${RANK.left}" y1="${plotBottom}" x2="${RANK.right}" y2="${plotBottom}" stroke="#9aa5b1"/>`);
  for (let r = 1; r <= rows.length; r++) {
    out.push(`<text x="${n(xr(r))}" y="${plotBottom + 16}" font-size="10" text-anchor="middle" fill="${MUTED}">${r}</text>`);
  }

  rows.forEach((row: CompareRow, i) => {
    const y = TOP + i * ROW + ROW / 2 - 4;
    if (i % 2 === 1) out.push(`<rect x="${LABEL.left - 8}" y="${y - ROW / 2 + 2}" width="${width - 2 * (LABEL.left - 8)}" height="${ROW}" fill="#f5f7fa"/>`);
    const name = row.name === row.subject ? row.subject : `${row.name} (${row.subject})`;
    out.push(`<text x="${LABEL.left}" y="${y - 2}" font-size="13" font-weight="600" fill="${INK}">${row.rank}. ${xmlText(name)}</text>`);
    const evidence = `${row.evidence.events} events, mean grade ${row.evidence.meanGrade.toFixed(2)}`;
    out.push(`<text x="${LABEL.left}" y="${y + 13}" font-size="11" fill="${row.thin.length ? THIN : MUTED}">${xmlText(evidence)}${row.thin.length ? ` · ⚠ thin: ${xmlText(row.thin.map((t) => THIN_WORDS[t]).join(', '))}` : ''}</text>`);
    // Composite: interval bar, then the point score (hollow when the evidence is thin).
    out.push(`<line x1="${n(x(row.interval.p5))}" y1="${y}" x2="${n(x(row.interval.p95))}" y2="${y}" stroke="#4e79a7" stroke-width="5" stroke-linecap="round" opacity="0.45"/>`);
    out.push(`<circle cx="${n(x(row.score))}" cy="${y}" r="5.5" fill="${row.thin.length ? '#ffffff' : '#1f4e79'}" stroke="#1f4e79" stroke-width="2"/>`);
    out.push(`<text x="${n(Math.min(SCORE.right + 6, x(row.interval.p95) + 10))}" y="${y + 4}" font-size="11" fill="${INK}">${row.score.toFixed(1)}</text>`);
    // Rank: interval bar and median.
    out.push(`<line x1="${n(xr(row.rankInterval.p5))}" y1="${y}" x2="${n(xr(row.rankInterval.p95))}" y2="${y}" stroke="#e15759" stroke-width="5" stroke-linecap="round" opacity="0.45"/>`);
    out.push(`<circle cx="${n(xr(row.rankInterval.median))}" cy="${y}" r="5" fill="#c0392b"/>`);
    // Heat table.
    row.indicators.forEach((ind, j) => {
      const cx = HEAT_LEFT + j * cell;
      const none = ind.status === 'no-evidence';
      out.push(`<rect x="${cx + 1}" y="${y - ROW / 2 + 5}" width="${cell - 2}" height="${ROW - 8}" fill="${none ? '#ffffff' : heat(ind.score)}" stroke="#d9e2ec"/>`);
      const label = none ? '–' : ind.score.toFixed(0);
      out.push(`<text x="${n(cx + cell / 2)}" y="${y + 4}" font-size="10" text-anchor="middle" fill="${!none && ind.score > 55 ? '#ffffff' : INK}">${label}</text>`);
    });
  });
  const foot = plotBottom + 40;
  out.push(`<text x="${LABEL.left}" y="${foot}" font-size="11" fill="${MUTED}">Heat table: each indicator's score for the subject, out of 100 (– no evidence). Rank: median (dot) and 5–95% interval (bar) across the draws.</text>`);
  out.push(`<text x="${LABEL.left}" y="${foot + 16}" font-size="11" fill="${MUTED}">Hollow dot and ⚠: thin evidence (fewer than ${report.thinEvidence.minEvents} counted events, mean grade below ${report.thinEvidence.minGrade}, or coverage below ${report.thinEvidence.minCoverage}).</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
