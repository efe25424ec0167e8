import { share } from '../core/explain.js';
import type { ScoreReport } from '../core/report.js';

/** Shared wording for the parts every human format shows, so they never drift apart. */

const LIMIT_WORDS: Record<string, string> = { coverage: 'coverage', grade: 'mean grade', 'band-stability': 'band stability' };

export function headline(report: ScoreReport): string {
  const c = report.confidence;
  const limited = c.limitedBy.length ? ` (limited by ${c.limitedBy.map((l) => LIMIT_WORDS[l] ?? l).join(', ')})` : '';
  return `${report.score.toFixed(2)} of 100 · ${report.band} · coverage ${Math.round(report.coverage * 100)}% · confidence ${c.level}${limited} · as of ${report.asOf}${report.since ? ` (since ${report.since})` : ''}`;
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

/** What the band column shows: the band, or why there is none. */
export function bandLabel(ind: ScoreReport['indicators'][number]): string {
  return ind.status === 'unweighted' ? 'not scored' : ind.status === 'no-evidence' ? 'no evidence' : ind.band;
}

/** The sensitivity headline every human format prints. */
export function sensitivityHeadline(s: NonNullable<ScoreReport['sensitivity']>): string {
  return `median ${s.median.toFixed(2)}, 5–95% ${s.p5.toFixed(2)} to ${s.p95.toFixed(2)}; band ${s.band} in ${share(s.bandStability)} of draws`;
}

/** Columns a string takes, counting code points (coopscore's own text has no wide characters). */
const columns = (text: string) => [...text].length;

/**
 * Text wrapped at spaces to `width` columns, lines after the first indented by `indent` spaces; the
 * first line keeps its own leading spaces. A word longer than a line stays whole, so an id or a
 * file:line is never split.
 */
export function wrapText(text: string, width: number, indent = 0): string[] {
  const lead = /^ */.exec(text)![0];
  const words = text.slice(lead.length).split(/ +/).filter((w) => w !== '');
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  for (const word of words) {
    if (!empty && columns(line) + 1 + columns(word) > width) {
      lines.push(line);
      line = pad + word;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/**
 * `prefix` then `body` wrapped to `width`, continuation lines indented to where the body starts:
 * a label column beside wrapped text. `paintBody` colours the body's lines only.
 */
export function hanging(prefix: string, body: string, width: number, paintBody: (s: string) => string = (s) => s): string[] {
  const indent = columns(prefix);
  // Too little room beside the label: the text goes under it.
  if (width - indent < 40) return [prefix.trimEnd(), ...wrapText(`    ${body}`, width, 4).map(paintBody)];
  const lines = wrapText(body, width - indent);
  return lines.map((line, i) => `${i === 0 ? prefix : ' '.repeat(indent)}${paintBody(line)}`);
}
