import { signed } from '../core/messages.js';
import type { Evidence, IndicatorResult, ScoreReport } from '../core/report.js';
import type { TrendReport } from '../core/trend.js';
import { describeWatchEvent, reasoningBody } from '../core/explain.js';
import { ledgerCommitments } from '../core/ledger.js';
import { commitmentsMarkdownSection } from './ledger-markdown.js';
import { ASSUMPTION_LABELS, describeRanges } from '../core/explain-sensitivity.js';
import { countryName } from '../core/names.js';
import type { FormatOptions } from './options.js';
import { formatSensitivitySvg } from './sensitivity-svg.js';
import { bandLabel, excludedByReason, headline, sensitivityHeadline } from './summary.js';

/** Text inside a Markdown table cell: pipes escaped, line breaks folded. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * User text (titles, ids, messages) as inert Markdown inline text: line breaks folded and every
 * character that could start markup escaped, including `$` (GitHub renders math) and `<` (HTML).
 * Pipes are left for `row()`, which escapes them once for the table they end up in.
 */
export function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>&#~$]/g, '\\$&');
}

/** A code span that survives backticks and line breaks in its content. */
export function code(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** The href of an http(s) URL, or undefined for a missing URL or another scheme (never a `javascript:` link). */
function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    // href percent-encodes spaces, quotes and angle brackets; the rest cannot end a <...> destination.
    return parsed.href.replace(/[<>\\]/g, encodeURIComponent);
  } catch {
    return undefined;
  }
}

// Text that GFM (and GitHub after rendering) turns into a link by itself; a link inside link text
// would undo the outer link, so such a title is never used as link text.
const AUTOLINKABLE = /:\/\/|www\.|@/i;

/** An http(s) link on the title, or the plain title when there is no usable URL. */
export function link(title: string, url: string | undefined): string {
  const href = safeHref(url);
  if (href === undefined) return inline(title);
  return AUTOLINKABLE.test(title) ? `${inline(title)} ([link](<${href}>))` : `[${inline(title)}](<${href}>)`;
}

/**
 * Sources cited by the evidence, numbered S1, S2 ... in order of first citation. Tables cite the
 * short label as a reference link, so rows stay narrow; the list at the end gives each title once.
 */
class SourceIndex {
  private readonly byKey = new Map<string, { label: string; title: string; href: string | undefined; citedBy: string[] }>();

  cite(source: { title: string; url?: string }, eventId: string): string {
    const key = JSON.stringify([source.title, source.url ?? null]);
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { label: `S${this.byKey.size + 1}`, title: source.title, href: safeHref(source.url), citedBy: [] };
      this.byKey.set(key, entry);
    }
    if (!entry.citedBy.includes(eventId)) entry.citedBy.push(eventId);
    return entry.href === undefined ? entry.label : `[${entry.label}]`;
  }

  section(): string[] {
    if (this.byKey.size === 0) return [];
    const out = ['## Sources', ''];
    for (const s of this.byKey.values()) {
      out.push(`- **${s.label}** ${link(s.title, s.href)}; cited for ${s.citedBy.map(code).join(', ')}`);
    }
    return [...out, ''];
  }

  /** Link reference definitions: invisible when rendered, they make the labels in tables links. */
  definitions(): string[] {
    return [...this.byKey.values()].filter((s) => s.href !== undefined).map((s) => `[${s.label}]: <${s.href}>`);
  }
}

/**
 * One table row. Pipes are escaped here, once, for every cell: GFM removes that escape before it
 * reads the cell, also inside code spans and link destinations.
 */
function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function table(head: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]): string[] {
  return [row(head), `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`, ...rows.map(row)];
}

const num = (x: number, places = 2) => x.toFixed(places);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A date as precise as the event file gave it: 2021-07 for a month, 2021 for a year. */
function preciseDate(e: Pick<Evidence, 'date' | 'datePrecision'>): string {
  return e.datePrecision === 'year' ? e.date.slice(0, 4) : e.datePrecision === 'month' ? e.date.slice(0, 7) : e.date;
}

const STAGE_WORDS: Record<Evidence['stage'], string> = { practice: 'practice', books: 'law on the books', talk: 'talk', negative: 'step back' };

/** What happened to the evidence under the method, with the event responsible and the rule in words. */
function evidenceFate(e: Evidence): string {
  const parts = [e.fate === 'delivered-late' ? 'delivered late' : e.fate];
  if (e.fateBy) parts.push(`by ${code(e.fateBy.eventId)} (${e.fateBy.date})`);
  else if (e.endedBy) parts.push(`ended by ${code(e.endedBy.eventId)} (${e.endedBy.date})`);
  if (e.inEffect) parts.push('in effect');
  if (e.promise) parts.push(`promise due ${e.promise.due}: ${e.promise.state}${e.promise.by ? ` by ${code(e.promise.by.eventId)}` : ''}`);
  return `${parts.join(', ')}${e.note ? `: ${inline(e.note)}` : ''}`;
}

function evidenceTable(ind: IndicatorResult, report: ScoreReport, sources: SourceIndex): string[] {
  const subject = countryName(report.subject);
  return table(
    ['Date', 'What happened', 'Status', 'Grade', 'Value', 'Fate', 'Source', 'Event'],
    ['l', 'l', 'l', 'l', 'r', 'l', 'l', 'l'],
    ind.evidence.map((e) => [
      preciseDate(e),
      `${inline(e.summary)}${e.role === 'counterpart' ? ` _(an action of ${inline(countryName(e.actor))}: the bar ${inline(subject)} is measured against, not ${inline(subject)}'s cooperation)_` : ''}`,
      `${e.status} (${STAGE_WORDS[e.stage]})`,
      `${inline(e.grade)}${e.solid ? '' : ', not solid'}`,
      num(e.value, 4),
      evidenceFate(e),
      e.source ? sources.cite(e.source, e.eventId) : '',
      `${code(e.eventId)} ${code(`${e.file}:${e.line}`)}`,
    ]),
  );
}

/**
 * The composite over time as a Mermaid `xychart-beta` block, which GitHub and other Markdown
 * viewers draw as a chart (and others show as a readable list of numbers). Labels are period
 * names the tool made, never text from a file.
 */
function trendChart(trend: TrendReport | undefined): string[] {
  if (!trend || trend.periods.length < 2) return [];
  const every = trend.every === 'month' ? 'month' : trend.every === 'quarter' ? 'quarter' : 'year';
  return [
    '## Over time',
    '',
    `The composite at the end of each ${every}, on the fixed 0-100 scale (\`coopscore trend --format svg\` draws it with every indicator).`,
    '',
    '```mermaid',
    'xychart-beta',
    `    title "Composite score by ${every}"`,
    `    x-axis [${trend.periods.map((p) => `"${p.label}${p.partial ? '*' : ''}"`).join(', ')}]`,
    '    y-axis "Score (out of 100)" 0 --> 100',
    `    line [${trend.periods.map((p) => p.score.toFixed(2)).join(', ')}]`,
    '```',
    '',
  ];
}

function alertsSection(report: ScoreReport): string[] {
  if (report.alerts.length === 0) return [];
  const out = ['## Alerts', ''];
  for (const a of report.alerts) {
    const ids = a.events.map((e) => code(e.eventId));
    out.push(`- **${a.code}** (${a.trigger}): ${inline(a.message)}${ids.length ? `; events ${ids.join(', ')}` : ''}`);
  }
  return [...out, ''];
}

function watchSection(report: ScoreReport): string[] {
  if (report.watchList.length === 0) return [];
  const rows = report.watchList.map((w, i) => {
    const also = [
      ...(w.ends.length ? [`ends ${w.ends.map(code).join(', ')}`] : []),
      ...(w.alsoCounts.length ? [`also counts for ${w.alsoCounts.map(code).join(', ')}`] : []),
    ];
    return [String(i + 1), `${inline(w.title)} ${code(w.id)}`, inline(describeWatchEvent(w)), signed(w.gain, 'ascii'), num(w.score), num(w.pointsAvailable), also.join('; ')];
  });
  return [
    '## Watch list: what would move the score',
    '',
    `What one more enforced, A1-graded action dated ${report.asOf} would add to the composite, found by scoring again with it:`,
    '',
    ...table(['#', 'Indicator', 'Action assumed', 'Gain', 'Composite', 'Points available', 'Also'], ['r', 'l', 'l', 'r', 'r', 'r', 'l'], rows),
    '',
  ];
}

function sensitivitySection(report: ScoreReport): string[] {
  const s = report.sensitivity;
  if (!s) return [];
  const out = ['## Sensitivity', '', `${s.draws} draws, seed ${s.seed}: ${inline(sensitivityHeadline(s))}. Ranges: ${inline(describeRanges(s.ranges))}.`, ''];
  out.push(
    ...table(
      ['Draws', 'n', 'Median', '5%', '95%'],
      ['l', 'r', 'r', 'r', 'r'],
      [
        ['all', String(s.draws), num(s.median), num(s.p5), num(s.p95)],
        ...s.byAggregation.map((r) => [r.aggregation, String(r.draws), num(r.median), num(r.p5), num(r.p95)]),
      ],
    ),
    '',
    `Bands: ${s.bands.map((b) => `${b.band} ${(b.share * 100).toFixed(1)}%`).join(', ')}.`,
    '',
  );
  if (s.leaveOneOut.length) {
    out.push(...table(['Left out', 'Composite', 'Change'], ['l', 'r', 'r'], s.leaveOneOut.map((l) => [code(l.id), num(l.score), signed(l.delta, 'ascii')])), '');
  }
  if (s.sobol) {
    // An estimate within rounding of 0 prints as 0.00, never −0.00 (small negatives are sampling noise).
    const index = (x: number) => num(Math.abs(x) < 0.005 ? 0 : x);
    const span = ([lo, hi]: [number, number]) => `${index(lo)} to ${index(hi)}`;
    out.push(
      `Which assumption drives the variance: Sobol indices from ${s.sobol.samples} base samples (${s.sobol.evaluations} scorings; intervals from ${s.sobol.bootstrap} bootstrap replicates).`,
      '',
      ...table(
        ['Assumption', 'First-order', '90% interval', 'Total', '90% interval'],
        ['l', 'r', 'r', 'r', 'r'],
        [...s.sobol.indices].sort((a, b) => b.total - a.total).map((x) => [ASSUMPTION_LABELS[x.id] ?? x.id, index(x.first), span(x.firstInterval), index(x.total), span(x.totalInterval)]),
      ),
      '',
    );
  }
  out.push(inline(s.reasoning), '');
  // The picture, embedded so the briefing stays one file (\`--format svg\` writes it on its own).
  const svg = Buffer.from(formatSensitivitySvg(report), 'utf8').toString('base64');
  out.push(`![The intervals of the composite and each indicator with the band cut points, and the Sobol indices](data:image/svg+xml;base64,${svg})`, '');
  return out;
}

/**
 * A briefing an analyst can paste into a report or a pull request: the headline, the indicator
 * table, then for every indicator the reasoning and the evidence with its sources, what was left
 * out and why. Every piece of user text is escaped, so a title with `|` or a line break cannot
 * break a table.
 */
export function formatMarkdown(report: ScoreReport, options?: Pick<FormatOptions, 'trend'>): string {
  const out: string[] = [];
  const set = report.indicatorSet;
  const sources = new SourceIndex();
  out.push(`# Cooperation briefing: ${inline(countryName(report.subject))}`, '');
  out.push(`**Composite ${headline(report)}**`, '');
  const scored = report.inputs.events - report.excluded.length;
  out.push(
    `- **Indicator set:** ${inline(set.title)} (${code(set.id)}), after ${link(set.source.title, set.source.url)}${set.source.author ? ` by ${inline(set.source.author)}` : ''}`,
    `- **Inputs:** ${plural(report.inputs.events, 'event')}${report.inputs.files.length ? ` in ${plural(report.inputs.files.length, 'file')}` : ''}: ${scored} counted, ${report.excluded.length} excluded`,
    `- **Method:** ${inline(reasoningBody(report))}; mean evidence grade ${num(report.meanGrade)}`,
  );
  if (!report.verdict.passed) out.push(`- **Checks failed:** ${report.verdict.failures.map((f) => inline(f.message)).join('; ')}`);
  out.push(`- **Tool:** ${inline(report.tool.name)} ${inline(report.tool.version)}, report schema version ${report.schemaVersion}`, '');

  out.push(...alertsSection(report), ...trendChart(options?.trend));

  out.push('## Indicators', '');
  out.push(
    ...table(
      ['Indicator', 'Weight', 'Score', 'Band', 'Contribution', 'Why'],
      ['l', 'r', 'r', 'l', 'r', 'l'],
      report.indicators.map((ind) => [
        inline(ind.title),
        String(ind.weight),
        num(ind.score),
        inline(bandLabel(ind)),
        num(ind.contribution),
        `${inline(ind.summary)}${ind.flags.length ? ` _(${ind.flags.join(', ')})_` : ''}`,
      ]),
    ),
    '',
  );

  out.push(...watchSection(report), ...commitmentsMarkdownSection(ledgerCommitments(report.indicators, report.asOf)), '', ...sensitivitySection(report));

  out.push('## Reasoning and evidence', '');
  for (const ind of report.indicators) {
    out.push(`### ${inline(ind.title)}: ${num(ind.score)} ${inline(bandLabel(ind))}`, '');
    const facts = [
      code(ind.id),
      `weight ${ind.weight}`,
      `contribution ${num(ind.contribution)}`,
      `${num(ind.pointsAvailable)} points available`,
      ...(ind.flags.length ? [`flags: ${ind.flags.join(', ')}`] : []),
    ];
    out.push(facts.join(' · '), '');
    out.push(`**Why:** ${inline(reasoningBody(ind))}`, '');
    const { practice, books, talk, negative } = ind.mix;
    if (ind.evidence.length) out.push(`Practice ${num(practice, 4)} · law on the books ${num(books, 4)} · talk ${num(talk, 4)} · against ${num(negative, 4)}`, '');
    if (ind.evidence.length) out.push(...evidenceTable(ind, report, sources), '');
  }

  if (report.excluded.length) {
    out.push(`## Excluded events (${report.excluded.length})`, '', 'Recorded, not scored, each for the reason given.', '');
    const byId = new Map(report.excluded.map((e) => [e.eventId, e]));
    for (const g of excludedByReason(report)) {
      out.push(`**${inline(g.reason)}** (${g.count}): ${inline(g.message)}`, '');
      out.push(
        ...table(
          ['Event', 'Date', 'Actor', 'Kind', 'Where'],
          ['l', 'l', 'l', 'l', 'l'],
          g.ids.map((id) => {
            const e = byId.get(id)!;
            return [code(e.eventId), e.date, inline(countryName(e.actor)), inline(e.kind), code(`${e.file}:${e.line}`)];
          }),
        ),
        '',
      );
    }
  }

  if (report.warnings.length) {
    out.push('## Warnings', '');
    for (const w of report.warnings) out.push(`- ${code(`${w.file}:${w.line}:${w.column}`)} ${code(w.code)}: ${inline(w.message)}`);
    out.push('');
  }
  out.push(...sources.section(), ...sources.definitions());
  return `${out.join('\n').trimEnd()}\n`;
}
