import { signed } from '../core/messages.js';
import { describeWatchEvent, reasoningBody } from '../core/explain.js';
import { ledgerCommitments } from '../core/ledger.js';
import { commitmentsHtmlSection } from './ledger-html.js';
import { describeRanges } from '../core/explain-sensitivity.js';
import { countryName } from '../core/names.js';
import type { Evidence, Fate, IndicatorResult, ScoreReport, Stage } from '../core/report.js';
import { htmlPageStart, safeUrl, xmlText } from './escape.js';
import type { FormatOptions } from './options.js';
import { bandLabel, excludedByReason, sensitivityHeadline } from './summary.js';
import { formatTrendSvg } from './trend-svg.js';

/**
 * A briefing for readers who do not run tools: one HTML file that holds everything it shows (no
 * scripts, no external styles, fonts or images; a Content-Security-Policy that forbids loading
 * anything), so it opens from a disk or an e-mail attachment and prints as it reads. Every piece
 * of text from an input file goes through `xmlText`, and only http(s) URLs become links.
 */

const h = xmlText;
const num = (x: number, places = 2) => x.toFixed(places);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A date as precise as the event file gave it: 2021-07 for a month, 2021 for a year. */
export function preciseDate(e: Pick<Evidence, 'date' | 'datePrecision'>): string {
  return e.datePrecision === 'year' ? e.date.slice(0, 4) : e.datePrecision === 'month' ? e.date.slice(0, 7) : e.date;
}

const STAGE_WORDS: Record<Stage, string> = { practice: 'practice', books: 'law on the books', talk: 'talk', negative: 'step back' };

const FATE_WORDS: Record<Fate, string> = {
  counted: 'counted',
  capped: 'counted, capped',
  'carried-in': 'carried in',
  superseded: 'superseded',
  duplicate: 'duplicate',
  delivered: 'delivered',
  silenced: 'silenced',
  ended: 'ended',
  undone: 'undone',
  lapsed: 'lapsed',
  'delivered-late': 'delivered late',
};

const LIMIT_WORDS: Record<string, string> = { coverage: 'coverage', grade: 'mean evidence grade', 'band-stability': 'band stability' };

/** Sources numbered S1, S2 ... in order of first citation; the evidence tables cite the number. */
class Sources {
  private readonly byKey = new Map<string, { n: number; title: string; publisher?: string; href?: string; citedBy: string[] }>();

  cite(source: Evidence['source'], eventId: string): number {
    const key = JSON.stringify([source.title, source.url ?? null, source.publisher ?? null]);
    let entry = this.byKey.get(key);
    if (!entry) {
      const href = safeUrl(source.url);
      entry = { n: this.byKey.size + 1, title: source.title, ...(source.publisher ? { publisher: source.publisher } : {}), ...(href ? { href } : {}), citedBy: [] };
      this.byKey.set(key, entry);
    }
    if (!entry.citedBy.includes(eventId)) entry.citedBy.push(eventId);
    return entry.n;
  }

  get size(): number {
    return this.byKey.size;
  }

  items(): string[] {
    return [...this.byKey.values()].map(
      (s) =>
        `<li id="src-${s.n}"><span class="label">S${s.n}</span> ${s.href ? `<a href="${h(s.href)}" rel="noopener noreferrer">${h(s.title)}</a>` : h(s.title)}${s.publisher ? ` <span class="muted">(${h(s.publisher)})</span>` : ''}; cited for ${s.citedBy.map((id) => `<code>${h(id)}</code>`).join(', ')}</li>`,
    );
  }
}

/** Who published a source, for a narrow table cell: the publisher, else the link's host, else its title. */
function shortSource(source: Evidence['source']): string {
  if (source.publisher) return source.publisher;
  const href = safeUrl(source.url);
  if (href) return new URL(href).host.replace(/^www\./, '');
  return source.title.length > 48 ? `${source.title.slice(0, 47)}…` : source.title;
}

function sourceCell(e: Evidence, sources: Sources): string {
  const n = sources.cite(e.source, e.eventId);
  const href = safeUrl(e.source.url);
  const name = h(shortSource(e.source));
  return `${href ? `<a href="${h(href)}" rel="noopener noreferrer" title="${h(e.source.title)}">${name}</a>` : `<span title="${h(e.source.title)}">${name}</span>`} <a class="ref" href="#src-${n}">S${n}</a>`;
}

function fateCell(e: Evidence): string {
  const parts = [`<span class="fate fate-${e.fate}">${FATE_WORDS[e.fate]}</span>`];
  if (e.fateBy) parts.push(`by <code>${h(e.fateBy.eventId)}</code> (${h(e.fateBy.date)})`);
  if (e.endedBy && !e.fateBy) parts.push(`ended by <code>${h(e.endedBy.eventId)}</code> (${h(e.endedBy.date)})`);
  if (e.inEffect) parts.push('in effect');
  if (e.promise) {
    const p = e.promise;
    const state = p.state === 'delivered-late' ? 'delivered late' : p.state;
    parts.push(`promise due ${h(p.due)}: ${state}${p.by ? ` by <code>${h(p.by.eventId)}</code>` : ''}${p.days !== undefined ? ` after ${plural(p.days, 'day')}` : ''}`);
  }
  if (e.uncapped !== undefined) parts.push(`before caps ${num(e.uncapped, 4)}`);
  if (e.share !== undefined && e.share !== 1) parts.push(`share ${num(e.share, 2)}`);
  if (e.alsoCounts?.length) parts.push(`also counts for ${e.alsoCounts.map((id) => `<code>${h(id)}</code>`).join(', ')}`);
  const note = e.note ? `<div class="note">${h(e.note)}</div>` : '';
  return `${parts.join('; ')}${note}`;
}

function evidenceTable(ind: IndicatorResult, report: ScoreReport, sources: Sources): string {
  const rows = ind.evidence.map((e) => {
    const who =
      e.role === 'counterpart'
        ? `<div class="counterpart-note">An action of ${h(countryName(e.actor))}: the bar ${h(countryName(report.subject))} is measured against, not ${h(countryName(report.subject))}'s cooperation</div>`
        : e.actor !== report.subject
          ? `<div class="muted">by ${h(countryName(e.actor))}</div>`
          : '';
    return `<tr class="${e.role}${e.value < 0 ? ' against' : ''}">
<td data-label="Date" class="date">${h(preciseDate(e))}</td>
<td data-label="What happened">${h(e.summary)}${who}<div class="where"><code>${h(e.eventId)}</code> · ${h(e.kind)} · ${h(e.file)}:${e.line}</div></td>
<td data-label="Status">${h(e.status)}<div class="muted">${STAGE_WORDS[e.stage]}</div></td>
<td data-label="Grade">${h(e.grade)}<div class="muted">${num(e.gradeFactor)}${e.solid ? ', solid' : ', not solid'}</div></td>
<td data-label="Source">${sourceCell(e, sources)}</td>
<td data-label="Value" class="num">${num(e.value, 4)}</td>
<td data-label="Fate">${fateCell(e)}</td>
</tr>`;
  });
  return `<div class="scroll"><table class="evidence cards">
<thead><tr><th>Date</th><th>What happened</th><th>Status</th><th>Grade</th><th>Source</th><th class="num">Value</th><th>Fate</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

function flagList(flags: readonly string[]): string {
  return flags.map((f) => `<span class="flag">${h(f)}</span>`).join(' ');
}

function headline(report: ScoreReport): string {
  const c = report.confidence;
  const limited = c.limitedBy.length ? `, limited by ${c.limitedBy.map((l) => LIMIT_WORDS[l] ?? l).join(' and ')}` : '';
  const stability = c.bandStability === null ? '' : `; ${pct(c.bandStability)} of sensitivity draws stay in the band`;
  const failures = report.verdict.failures.map((f) => `<p class="failure" role="alert">✖ ${h(f.message)}</p>`).join('\n');
  return `<section class="headline" aria-label="Headline">
<div class="score"><span class="big">${num(report.score)}</span><span class="of">of 100</span></div>
<div class="facts">
<p class="band band-${h(report.band)}">${h(report.band)}</p>
<p>Coverage <strong>${pct(report.coverage)}</strong> of the weight has evidence · confidence <strong>${h(c.level)}</strong>${limited}${stability}</p>
<p>Scored as of <strong>${h(report.asOf)}</strong>${report.since ? ` (evidence since ${h(report.since)})` : ''} · mean evidence grade ${num(report.meanGrade)}</p>
</div>
${failures}
</section>`;
}

function alertsSection(report: ScoreReport): string {
  if (report.alerts.length === 0) return '';
  const items = report.alerts.map((a) => {
    const events = a.events.map((e) => `<code>${h(e.eventId)}</code> (${h(e.date)}, ${h(e.file)}:${e.line})`).join(', ');
    return `<li class="alert alert-${h(a.code)}"><strong>${h(a.code)}</strong> (${h(a.trigger)}): ${h(a.message)}${events ? `<div class="muted">${events}</div>` : ''}</li>`;
  });
  return `<section id="alerts"><h2>Alerts</h2><ul class="alerts">${items.join('\n')}</ul></section>`;
}

function trendSection(options: FormatOptions): string {
  const trend = options.trend;
  if (!trend) return '';
  // The chart is the same SVG `trend --format svg` writes, fixed 0-100 scale, embedded inline.
  const svg = formatTrendSvg(trend).trimEnd();
  return `<section id="trend"><h2>Over time</h2>
<p>The composite and each indicator scored at the end of every ${trend.every} up to the scoring date, by the same method.</p>
<figure class="chart">${svg}</figure>
</section>`;
}

function contributionSection(report: ScoreReport): string {
  const weighted = report.indicators.filter((i) => i.status !== 'unweighted');
  const full = Math.max(1e-9, ...weighted.map((i) => i.contribution + i.pointsAvailable));
  const rows = weighted.map((ind) => {
    const got = (ind.contribution / full) * 100;
    const open = (ind.pointsAvailable / full) * 100;
    return `<div class="bar-row">
<div class="bar-label">${h(ind.title)}</div>
<div class="bar" role="img" aria-label="${h(`${ind.title}: ${num(ind.contribution)} points of the composite, ${num(ind.pointsAvailable)} more available`)}"><span class="got" style="width:${num(got, 3)}%"></span><span class="open" style="width:${num(open, 3)}%"></span></div>
<div class="bar-value">${num(ind.contribution)} <span class="muted">+ ${num(ind.pointsAvailable)} available</span></div>
</div>`;
  });
  return `<section id="contributions"><h2>Where the points come from</h2>
<p>Each bar is an indicator's share of the composite: the dark part is what it contributes now, the light part what it would add at 100. Contributions add up to ${num(report.score)}.</p>
<div class="bars">${rows.join('\n')}</div>
</section>`;
}

function indicatorTable(report: ScoreReport): string {
  const rows = report.indicators.map(
    (ind) => `<tr id="row-${h(ind.id)}" class="indicator-row">
<td data-label="Indicator"><a href="#ind-${h(ind.id)}">${h(ind.title)}</a><div class="where"><code>${h(ind.id)}</code></div></td>
<td data-label="Weight" class="num">${ind.weight}</td>
<td data-label="Score" class="num">${num(ind.score)}</td>
<td data-label="Band">${h(bandLabel(ind))}</td>
<td data-label="Contribution" class="num">${num(ind.contribution)}</td>
<td data-label="Why">${h(ind.summary)} ${flagList(ind.flags.filter((f) => f !== 'no-evidence'))}</td>
</tr>`,
  );
  return `<section id="indicators"><h2>Indicators</h2>
<p class="muted">Scores are out of 100; the contribution is the indicator's points in the composite.</p>
<table class="indicators cards">
<thead><tr><th>Indicator</th><th class="num">Weight</th><th class="num">Score</th><th>Band</th><th class="num">Contribution</th><th>Why</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

function watchSection(report: ScoreReport): string {
  if (report.watchList.length === 0) return '';
  const rows = report.watchList.map((w) => {
    const also = [
      ...(w.ends.length ? [`ends ${w.ends.map((id) => `<code>${h(id)}</code>`).join(', ')}`] : []),
      ...(w.alsoCounts.length ? [`also counts for ${w.alsoCounts.map((id) => `<code>${h(id)}</code>`).join(', ')}`] : []),
    ];
    return `<tr><td data-label="Indicator">${h(w.title)}</td><td data-label="Action assumed">${h(describeWatchEvent(w))}${also.length ? `<div class="muted">${also.join('; ')}</div>` : ''}</td><td data-label="Gain" class="num">${signed(w.gain, 'ascii')}</td><td data-label="Composite" class="num">${num(w.score)}</td></tr>`;
  });
  return `<section id="watch"><h2>Watch list: what would move the score</h2>
<p>What one more enforced action, graded A1 and dated ${h(report.asOf)}, would add to the composite, found by scoring again with it.</p>
<table class="cards"><thead><tr><th>Indicator</th><th>Action assumed</th><th class="num">Gain</th><th class="num">Composite</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</section>`;
}

function mixLine(ind: IndicatorResult): string {
  const { practice, books, talk, negative } = ind.mix;
  if (practice === 0 && books === 0 && talk === 0 && negative === 0) return '';
  return `<p class="mix">Practice ${num(practice, 4)} · law on the books ${num(books, 4)} · talk ${num(talk, 4)} · against ${num(negative, 4)}</p>`;
}

function reasoningSection(report: ScoreReport, sources: Sources): string {
  const articles = report.indicators.map((ind) => {
    const facts = [`<code>${h(ind.id)}</code>`, `weight ${ind.weight}`, `contribution ${num(ind.contribution)}`, `${num(ind.pointsAvailable)} points available`];
    return `<article id="ind-${h(ind.id)}" class="indicator">
<h3>${h(ind.title)}: ${num(ind.score)} <span class="muted">${h(bandLabel(ind))}</span></h3>
<p class="muted">${facts.join(' · ')} ${flagList(ind.flags)}</p>
<p>${h(reasoningBody(ind))}</p>
${mixLine(ind)}
${ind.evidence.length ? evidenceTable(ind, report, sources) : '<p class="muted">No evidence matched this indicator.</p>'}
</article>`;
  });
  return `<section id="reasoning"><h2>Reasoning and evidence</h2>
${articles.join('\n')}
</section>`;
}

function excludedSection(report: ScoreReport): string {
  if (report.excluded.length === 0) return '';
  const byId = new Map(report.excluded.map((e) => [e.eventId, e]));
  const groups = excludedByReason(report).map((g) => {
    const items = g.ids.map((id) => {
      const e = byId.get(id)!;
      return `<li><code>${h(e.eventId)}</code> ${h(e.date)} · ${h(countryName(e.actor))} · ${h(e.kind)} <span class="muted">${h(e.file)}:${e.line}</span></li>`;
    });
    return `<h3>${h(g.reason)} (${g.count})</h3><p>${h(g.message)}</p><ul>${items.join('\n')}</ul>`;
  });
  return `<section id="excluded"><h2>Recorded, not scored (${report.excluded.length})</h2>
${groups.join('\n')}
</section>`;
}

function methodSection(report: ScoreReport): string {
  const m = report.method;
  const weights =
    report.weights.source === 'file'
      ? `Weights from ${h(report.weights.file ?? 'a weights file')}${report.weights.changed.length ? `, changing ${report.weights.changed.map((c) => `${h(c.id)} ${c.from} → ${c.to}`).join(', ')}` : ''}.`
      : "The indicator set's own weights.";
  const s = report.sensitivity;
  const sensitivity = s
    ? `<p><strong>Sensitivity</strong> (${s.draws} draws, seed ${s.seed}): ${h(sensitivityHeadline(s))}. Ranges: ${h(describeRanges(s.ranges))}.</p>`
    : '';
  return `<section id="method"><h2>How the score is made</h2>
<p>${h(reasoningBody(report))}. ${weights}</p>
<ul>
<li>Each event is evidence for the indicators the set maps it to. Its value is its stage (a pledge or announcement counts little, a law in force more, an enforcement action most; a refusal or a reversal counts against) × its size × its source's grade (Admiralty reliability × credibility) × how much it has decayed with age.</li>
<li>One act counts once: stages of one measure, several reports of one act and exact duplicates are merged; a promise and the act that delivers it count as the larger of the two.</li>
<li>Only solid evidence (graded well enough) can end a suspension, undo a law, silence talk or deliver a promise. Talk, laws on the books and thinly sourced claims are each capped, so talk alone never scores more than minimal.</li>
<li>A promise not delivered by its due date stops counting and counts against its indicator (lapsed).</li>
<li>An indicator scores 100 × (1 − e<sup>−net/saturation</sup>) of its net evidence; the composite combines them by ${h(m.aggregation)} mean${m.missing === 'renormalize' ? ', leaving out indicators without evidence' : ', counting indicators without evidence as 0'}; attribution is ${h(m.attribution)}.</li>
<li>Confidence (ICD 203 words) needs coverage, the mean evidence grade and the stability of the band under other plausible methods all to be high.</li>
</ul>
${sensitivity}
<p class="muted">Method version ${m.version}; report schema version ${report.schemaVersion}; the JSON report (<code>--format json</code>) holds every number shown here.</p>
</section>`;
}

function warningsSection(report: ScoreReport): string {
  if (report.warnings.length === 0) return '';
  const items = report.warnings.map((w) => `<li><code>${h(`${w.file}:${w.line}:${w.column}`)}</code> <strong>${h(w.code)}</strong>: ${h(w.message)}</li>`);
  return `<section id="warnings"><h2>Warnings about the inputs</h2><ul>${items.join('\n')}</ul></section>`;
}

const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2933; --muted: #52606d; --rule: #d9e2ec; --card: #f5f7fa; --accent: #0b5cad; --got: #1f5f99; --open: #c9d9ea; --warn: #a8420b; --bad: #b3261e; --flag-bg: #fff4d6; --flag-fg: #6b4b00; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #111418; --fg: #e4e7eb; --muted: #9aa5b1; --rule: #323f4b; --card: #1b2128; --accent: #7cb7ff; --got: #6aa9e9; --open: #2c3e52; --warn: #f0a060; --bad: #ff8a80; --flag-bg: #3d3214; --flag-fg: #ffd97a; }
  figure.chart svg { border-radius: 6px; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 72rem; padding: 1.25rem; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; line-height: 1.2; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .25rem; }
a { color: var(--accent); }
code { font: .85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.where, .where code { word-break: break-word; }
.muted, .where { color: var(--muted); }
.where { font-size: .85em; }
.subtitle { margin: 0; color: var(--muted); }
.headline { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: center; margin: 1rem 0; padding: 1rem 1.25rem; background: var(--card); border-radius: 8px; }
.headline .big { font-size: 3rem; font-weight: 700; line-height: 1; }
.headline .of { margin-left: .35rem; color: var(--muted); }
.headline .facts p { margin: .15rem 0; }
.headline .band { font-size: 1.2rem; font-weight: 700; text-transform: capitalize; }
.failure { color: var(--bad); font-weight: 600; flex-basis: 100%; margin: 0; }
ul.alerts { padding-left: 1.2rem; }
.alert { margin: .35rem 0; }
.alert strong { color: var(--warn); }
.flag { display: inline-block; padding: 0 .4rem; border-radius: 4px; background: var(--flag-bg); color: var(--flag-fg); font-size: .8em; white-space: nowrap; }
figure.chart { margin: 0; overflow-x: auto; }
figure.chart svg { display: block; width: 100%; min-width: 40rem; height: auto; }
.bars { display: grid; gap: .35rem; }
.bar-row { display: grid; grid-template-columns: minmax(10rem, 22rem) 1fr auto; gap: .75rem; align-items: center; }
.bar { display: flex; height: 1rem; background: transparent; border-left: 1px solid var(--muted); }
.bar span { display: block; height: 100%; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar .got { background: var(--got); }
.bar .open { background: var(--open); }
.bar-value { font-variant-numeric: tabular-nums; white-space: nowrap; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { padding: .4rem .5rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { font-weight: 600; background: var(--card); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.counterpart td { background: var(--card); }
tr.against td.num { color: var(--bad); }
.counterpart-note { font-size: .85em; color: var(--muted); font-style: italic; }
.date { white-space: nowrap; }
.note { font-size: .85em; color: var(--muted); }
.fate { font-weight: 600; }
.fate-superseded, .fate-duplicate, .fate-silenced, .fate-ended, .fate-undone, .fate-delivered { color: var(--muted); }
.fate-lapsed { color: var(--bad); }
.ref { font-size: .8em; }
.mix { font-size: .9em; color: var(--muted); }
#sources ul { list-style: none; padding-left: 0; }
#sources li { margin: .25rem 0; }
.label { font-weight: 700; }
footer { margin-top: 2.5rem; padding-top: .75rem; border-top: 1px solid var(--rule); font-size: .85em; color: var(--muted); }
@media (max-width: 40rem) {
  body { padding: .75rem; font-size: 14px; }
  .headline .big { font-size: 2.4rem; }
  .bar-row { grid-template-columns: 1fr; gap: .1rem; margin-bottom: .4rem; }
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards tr { border: 1px solid var(--rule); border-radius: 6px; margin: 0 0 .6rem; padding: .25rem .5rem; }
  table.cards td { border: 0; padding: .15rem 0; text-align: left; white-space: normal; }
  table.cards td::before { content: attr(data-label); display: block; font-size: .75em; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
  table.cards td.num, table.cards td.date { display: inline-block; width: auto; margin-right: 1.25rem; }
  table.cards td.num::before, table.cards td.date::before { display: inline; margin-right: .35rem; }
}
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --rule: #bbbbbb; --card: #f2f2f2; --accent: #000000; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, .bar-row, .headline, article h3 { break-inside: avoid; }
  figure.chart { overflow: visible; }
  figure.chart svg { min-width: 0; }
  #sources a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; overflow-wrap: anywhere; }
}
`;

/** `score --format html`: the whole briefing as one self-contained HTML file. */
export function formatHtml(report: ScoreReport, options: FormatOptions): string {
  const subject = countryName(report.subject);
  const set = report.indicatorSet;
  const sources = new Sources();
  // Reasoning first, so sources are numbered in the order a reader meets them there.
  const reasoning = reasoningSection(report, sources);
  const setSource = safeUrl(set.source.url);
  const scored = report.inputs.events - report.excluded.length;
  const body = [
    `<header><h1>Cooperation briefing: ${h(subject)}</h1>
<p class="subtitle">${h(set.title)} · after ${setSource ? `<a href="${h(setSource)}" rel="noopener noreferrer">${h(set.source.title)}</a>` : h(set.source.title)}${set.source.author ? ` by ${h(set.source.author)}` : ''}</p></header>`,
    headline(report),
    alertsSection(report),
    trendSection(options),
    contributionSection(report),
    indicatorTable(report),
    watchSection(report),
    commitmentsHtmlSection(ledgerCommitments(report.indicators, report.asOf)).join('\n'),
    reasoning,
    excludedSection(report),
    sources.size ? `<section id="sources"><h2>Sources</h2><ul class="plain">${sources.items().join('\n')}</ul></section>` : '',
    methodSection(report),
    warningsSection(report),
    `<footer>${h(report.tool.name)} ${h(report.tool.version)} · ${plural(report.inputs.events, 'event')} in ${plural(report.inputs.files.length, 'file')}: ${scored} scored or weighed, ${report.excluded.length} recorded only · indicator set <code>${h(set.id)}</code> sha256 <code>${h(set.sha256.slice(0, 12))}</code></footer>`,
  ].filter((part) => part !== '');
  return `${htmlPageStart(`Cooperation briefing: ${subject}, ${num(report.score)} ${report.band}, as of ${report.asOf}`, STYLE)}${body.join('\n')}
</body>
</html>
`;
}
