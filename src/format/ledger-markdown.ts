import { signed } from '../core/messages.js';
import type { Commitment, Commitments, Ledger } from '../core/ledger.js';
import { markdownText, safeUrl } from './escape.js';
import { commitmentGroups, commitmentState, ledgerHeadline, leverClassLine, leverNote, plural, ratioText, totalsLine } from './ledger-words.js';

/**
 * How many of a window's acts, and of the levers it overlaps, a briefing names: a reader cannot use
 * thousands of ids in one sentence, and naming all of them grew with the square of the events. The
 * JSON ledger gives all of them, as ranges of its lists.
 */
const NAMED = 12;

/** The first NAMED items in words, then how many more. */
function someOf(names: readonly string[], total: number): string {
  return total > names.length ? `${names.join(', ')} and ${total - names.length} more` : names.join(', ');
}

/** A link destination that no character of the URL can end early. */
const destination = (url: string) => `<${url.replace(/[<>\\ ]/g, encodeURIComponent)}>`;

/** An event id in code, linked to its source when the source has an http(s) URL, with its file and line. */
function eventLink(c: Pick<Commitment, 'eventId' | 'file' | 'line' | 'source'>): string {
  const url = safeUrl(c.source.url);
  const id = `\`${c.eventId}\``;
  return `${url ? `[${id}](${destination(url)})` : id} (${markdownText(`${c.file}:${c.line}`)})`;
}

/**
 * The "Commitments" section of a Markdown briefing: kept, lapsed and open promises, each linked to
 * its source and located by file and line, with the totals and the say–do ratio. Takes
 * `ledgerCommitments(report.indicators, report.asOf)`, so a briefing needs only its ScoreReport;
 * returns lines (no trailing blank line) for the briefing to place where it wants.
 */
export function commitmentsMarkdownSection(commitments: Commitments, heading = '##'): string[] {
  const { items, totals } = commitments;
  const out = [`${heading} Commitments`, ''];
  if (items.length === 0) {
    out.push('No promises (pledged or announced events of the subject) in the inputs.');
    return out;
  }
  out.push(`${totalsLine(totals)}.`);
  for (const [title, group] of commitmentGroups(items)) {
    out.push('', `**${title}**`, '');
    for (const c of group) out.push(`- ${c.date} ${eventLink(c)}: ${markdownText(c.summary)} — ${commitmentState(c)}.`);
  }
  return out;
}

/** The whole ledger for a briefing: commitments by promise and by indicator, then the levers. */
export function formatLedgerMarkdown(ledger: Ledger): string {
  const { commitments, levers } = ledger;
  const out: string[] = [];
  out.push(`# ${markdownText(ledger.indicatorSet.title)}: ledger`, '', `**${markdownText(ledgerHeadline(ledger))}**`, '');
  out.push(...commitmentsMarkdownSection(commitments), '');
  if (commitments.items.length) {
    out.push('| Date | Promise | Status | Due | State | How it stands |', '|---|---|---|---|---|---|');
    for (const c of commitments.items) out.push(`| ${c.date} | \`${c.eventId}\` | ${c.status} | ${c.due ?? '–'} | ${c.state} | ${commitmentState(c)} |`);
    out.push('');
  }
  if (commitments.byIndicator.length) {
    out.push('### By indicator', '', '| Indicator | Promises | Delivered | Lapsed | Open | Due | Say–do | Lapse value | Score |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const i of commitments.byIndicator) {
      out.push(`| ${markdownText(i.title)} | ${i.promises} | ${i.delivered + i.deliveredLate} | ${i.lapsed} | ${i.open} | ${i.due} | ${ratioText(i.sayDo)} | ${i.lapseValue.toFixed(4)} | ${i.score.toFixed(2)} |`);
    }
    out.push('');
  }
  if (commitments.oldestOpen.length) out.push(`Oldest open: ${commitments.oldestOpen.map((id) => `\`${id}\``).join(', ')}.`, '');

  out.push(`## Levers and what followed (window ${plural(ledger.windowDays, 'day')})`, '', `> ${levers.caveat}`, '');
  if (levers.items.length === 0) out.push('No levers (context events of the kinds the set classes as levers) in the inputs.', '');
  else {
    out.push('| Date | Lever | Class | Before | After | Change | What followed |', '|---|---|---|---:|---:|---:|---|');
    for (const l of levers.items) {
      out.push(`| ${l.date} | \`${l.eventId}\` | ${l.class} | ${l.before.toFixed(2)} | ${l.after.toFixed(2)}${l.complete ? '' : ' (cut)'} | ${signed(l.change, 'typographic')} | ${l.overlaps ? '⚠ ' : ''}${leverNote(l, ledger.actions)} |`);
    }
    out.push('');
    for (const l of levers.items) {
      const { first, count } = l.followedBy;
      const acts = ledger.actions.slice(first, first + Math.min(count, NAMED)).map((a) => `\`${a.eventId}\` (${a.date})`);
      const followed = count ? someOf(acts, count) : 'nothing scored';
      const others = levers.items
        .slice(l.near.first, l.near.first + Math.min(l.near.count, NAMED + 1))
        .filter((o) => o !== l)
        .slice(0, NAMED)
        .map((o) => `\`${o.eventId}\``);
      const overlaps = l.overlaps ? `; cannot be told apart from ${someOf(others, l.overlaps)}` : '';
      out.push(`- \`${l.eventId}\` (${markdownText(`${l.file}:${l.line}`)}): ${markdownText(l.summary)} — followed to ${l.windowEnd} by ${followed}${overlaps}.`);
    }
    out.push('');
  }
  for (const c of levers.classes) out.push(`- ${leverClassLine(c)}`);
  return `${out.join('\n')}\n`;
}
