import type { Evidence, IndicatorResult, ScoreReport } from '../core/report.js';
import { excludedByReason, headline, reasonWithoutHead } from './summary.js';

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

function evidenceStatus(e: Evidence): string {
  if (e.endedBy) return `${e.status}, ended by ${code(e.endedBy.eventId)} on ${e.endedBy.date}`;
  if (e.inEffect) return `${e.status}, in effect`;
  return e.status;
}

function evidenceTable(ind: IndicatorResult, sources: SourceIndex): string[] {
  return table(
    ['Event', 'Date', 'Kind', 'Status', 'Value', 'Source', 'Where'],
    ['l', 'l', 'l', 'l', 'r', 'l', 'l'],
    ind.evidence.map((e) => [
      `${code(e.eventId)}${e.role === 'counterpart' ? ` (counterpart, ${inline(e.actor)})` : ''}`,
      e.date,
      inline(e.kind),
      evidenceStatus(e),
      num(e.value, 4),
      e.source ? sources.cite(e.source, e.eventId) : '',
      code(`${e.file}:${e.line}`),
    ]),
  );
}

// Fields that other parts of the report may add (alerts from `trend`, a watch list of what would
// move the score). They are read defensively so a report without them, or from another version,
// still renders.
type Loose = Record<string, unknown>;
const str = (o: Loose, ...keys: string[]) => {
  for (const k of keys) if (typeof o[k] === 'string' && o[k] !== '') return o[k] as string;
  return undefined;
};
const numAt = (o: Loose, ...keys: string[]) => {
  for (const k of keys) if (typeof o[k] === 'number' && Number.isFinite(o[k])) return o[k] as number;
  return undefined;
};
const records = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.filter((v): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
const eventIdsOf = (o: Loose): string[] =>
  [o.events, o.eventIds]
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x !== null ? str(x as Loose, 'eventId', 'id') : undefined))
    .filter((x): x is string => x !== undefined);

function alertsSection(report: ScoreReport): string[] {
  const alerts = records((report as unknown as Loose).alerts);
  if (alerts.length === 0) return [];
  const out = ['## Alerts', ''];
  for (const a of alerts) {
    const name = str(a, 'code', 'kind', 'type') ?? 'alert';
    const when = [str(a, 'trigger'), str(a, 'date', 'period', 'asOf')].filter(Boolean).join(', ');
    const message = str(a, 'message', 'reason', 'summary');
    const ids = eventIdsOf(a);
    out.push(
      `- **${inline(name)}**${when ? ` (${inline(when)})` : ''}${message ? `: ${inline(message)}` : ''}${ids.length ? `; events ${ids.map(code).join(', ')}` : ''}`,
    );
  }
  return [...out, ''];
}

function watchSection(report: ScoreReport): string[] {
  const loose = report as unknown as Loose;
  const list = records(loose.watchList ?? loose.watchlist ?? loose.watch);
  if (list.length === 0) return [];
  const titles = new Map(report.indicators.map((i) => [i.id, i.title]));
  const rows = list.map((w, i) => {
    const id = str(w, 'indicator', 'indicatorId', 'id') ?? '';
    const gain = numAt(w, 'gain', 'compositeGain', 'delta');
    const available = numAt(w, 'pointsAvailable');
    const note = str(w, 'reasoning', 'message', 'reason', 'summary');
    return [
      String(i + 1),
      `${inline(str(w, 'title') ?? titles.get(id) ?? id)}${id ? ` ${code(id)}` : ''}`,
      gain === undefined ? '' : `+${num(gain)}`,
      available === undefined ? '' : num(available),
      note ? inline(note) : '',
    ];
  });
  return [
    '## Watch list: what would move the score',
    '',
    ...table(['#', 'Indicator', 'One more enforced action', 'Points available', 'Note'], ['r', 'l', 'r', 'r', 'l'], rows),
    '',
  ];
}

/**
 * A briefing an analyst can paste into a report or a pull request: the headline, the indicator
 * table, then for every indicator the reasoning and the evidence with its sources, what was left
 * out and why. Every piece of user text is escaped, so a title with `|` or a line break cannot
 * break a table.
 */
export function formatMarkdown(report: ScoreReport): string {
  const out: string[] = [];
  const set = report.indicatorSet;
  const sources = new SourceIndex();
  out.push(`# Cooperation briefing: ${inline(report.subject)}`, '');
  out.push(`**Composite ${headline(report)}**`, '');
  const scored = report.inputs.events - report.excluded.length;
  out.push(
    `- **Indicator set:** ${inline(set.title)} (${code(set.id)}), after ${link(set.source.title, set.source.url)}${set.source.author ? ` by ${inline(set.source.author)}` : ''}`,
    `- **Inputs:** ${plural(report.inputs.events, 'event')}${report.inputs.files.length ? ` in ${plural(report.inputs.files.length, 'file')}` : ''}: ${scored} counted, ${report.excluded.length} excluded`,
    `- **Method:** ${report.method.aggregation} mean of indicator scores; ${report.method.missing === 'zero' ? 'an indicator without evidence scores 0' : 'indicators without evidence are left out and the weights renormalised'}; mean evidence grade ${num(report.meanGrade)}`,
  );
  if (!report.verdict.passed) out.push(`- **Checks failed:** ${report.verdict.failures.map((f) => inline(f.message)).join('; ')}`);
  out.push(`- **Tool:** ${inline(report.tool.name)} ${inline(report.tool.version)}, report schema version ${report.schemaVersion}`, '');

  out.push(...alertsSection(report));

  out.push('## Indicators', '');
  out.push(
    ...table(
      ['Indicator', 'Weight', 'Score', 'Band', 'Contribution', 'Why'],
      ['l', 'r', 'r', 'l', 'r', 'l'],
      report.indicators.map((ind) => [
        inline(ind.title),
        String(ind.weight),
        num(ind.score),
        ind.status === 'no-evidence' ? 'no evidence' : inline(ind.band),
        num(ind.contribution),
        `${inline(ind.summary)}${ind.flags.length ? ` _(${ind.flags.join(', ')})_` : ''}`,
      ]),
    ),
    '',
  );

  out.push(...watchSection(report));

  out.push('## Reasoning and evidence', '');
  for (const ind of report.indicators) {
    out.push(`### ${inline(ind.title)}: ${num(ind.score)} ${ind.status === 'no-evidence' ? 'no evidence' : inline(ind.band)}`, '');
    const facts = [
      code(ind.id),
      `weight ${ind.weight}`,
      `contribution ${num(ind.contribution)}`,
      `${num(ind.pointsAvailable)} points available`,
      ...(ind.flags.length ? [`flags: ${ind.flags.join(', ')}`] : []),
    ];
    out.push(facts.join(' · '), '');
    out.push(`**Why:** ${inline(reasonWithoutHead(ind.reasoning))}`, '');
    if (ind.evidence.length) out.push(...evidenceTable(ind, sources), '');
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
            return [code(e.eventId), e.date, inline(e.actor), inline(e.kind), code(`${e.file}:${e.line}`)];
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
