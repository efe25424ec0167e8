import type { Commitment, Commitments } from '../core/ledger.js';
import { safeUrl, xmlText } from './escape.js';
import { commitmentGroups, commitmentState, totalsLine } from './ledger-words.js';

function eventLink(c: Commitment): string {
  const url = safeUrl(c.source.url);
  const id = `<code>${xmlText(c.eventId)}</code>`;
  return `${url ? `<a href="${xmlText(url)}" rel="noopener noreferrer">${id}</a>` : id} <span class="where">${xmlText(`${c.file}:${c.line}`)}</span>`;
}

/**
 * The "Commitments" section of the HTML report: kept, lapsed and open promises, each linked to
 * its source, with the totals and the say–do ratio. Takes `ledgerCommitments(report.indicators,
 * report.asOf)`; returns lines of HTML (a `<section>`) for the report to place. Every text from a
 * file goes through xmlText and every link through safeUrl.
 */
export function commitmentsHtmlSection(commitments: Commitments): string[] {
  const { items, totals } = commitments;
  const out = ['<section class="commitments">', '<h2>Commitments</h2>'];
  if (items.length === 0) {
    out.push('<p>No promises (pledged or announced events of the subject) in the inputs.</p>', '</section>');
    return out;
  }
  out.push(`<p>${xmlText(totalsLine(totals))}.</p>`);
  for (const [title, group] of commitmentGroups(items)) {
    out.push(`<h3>${title}</h3>`, '<ul>');
    for (const c of group) out.push(`<li class="commitment commitment-${c.state}">${c.date} ${eventLink(c)}: ${xmlText(c.summary)} — ${xmlText(commitmentState(c))}.</li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out;
}
