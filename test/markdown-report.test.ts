import { readdirSync, readFileSync } from 'node:fs';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scoreEvents } from '../src/core/engine.js';
import type { ScoreReport } from '../src/core/report.js';
import { formatMarkdown } from '../src/format/markdown.js';
import { defaultSet, ev, ROOT } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';

const html = (markdown: string) => marked.parse(markdown, { async: false, gfm: true });
const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const strip = (s: string) => decode(s.replace(/<[^>]+>/g, '')).trim();

/** The rendered table that follows a heading: its header cells and the cells of each body row. */
function tableAfter(page: string, heading: string): { head: string[]; rows: string[][] } {
  const start = page.indexOf(heading);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const tableHtml = page.slice(page.indexOf('<table>', start), page.indexOf('</table>', start));
  const cells = (rowHtml: string, tag: 'th' | 'td') => [...rowHtml.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
  const [thead = '', tbody = ''] = tableHtml.split('<tbody>');
  return {
    head: cells(thead, 'th').map(strip),
    rows: [...tbody.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[1]!, 'td')),
  };
}

const links = (fragment: string) => [...fragment.matchAll(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({ href: decode(m[1]!), text: strip(m[2]!) }));

describe('score --format markdown on the seeds', async () => {
  const md = await runCli(['score', 'seeds/', '--format', 'markdown']);
  const json = await runCli(['score', 'seeds/', '--format', 'json']);
  const report = JSON.parse(json.stdout) as ScoreReport;
  const page = html(md.stdout);

  it('exits 0 and renders one indicator table row per indicator, in order, with its score', () => {
    expect(md.code).toBe(0);
    const { head, rows } = tableAfter(page, '<h2>Indicators</h2>');
    expect(head).toEqual(['Indicator', 'Weight', 'Score', 'Band', 'Contribution', 'Why']);
    expect(rows).toHaveLength(report.indicators.length);
    rows.forEach((cells, i) => {
      expect(cells).toHaveLength(6);
      expect(strip(cells[0]!)).toBe(report.indicators[i]!.title);
      expect(Number(strip(cells[2]!))).toBe(report.indicators[i]!.score);
    });
  });

  it('leads with the composite, band, confidence, coverage and as-of date', () => {
    const lead = strip(page.slice(page.indexOf('<p>'), page.indexOf('</p>')));
    expect(lead).toContain(`${report.score.toFixed(2)} of 100 · ${report.band}`);
    expect(lead).toContain(`confidence ${report.confidence.level}`);
    expect(lead).toContain(`coverage ${Math.round(report.coverage * 100)}%`);
    expect(lead).toContain(`as of ${report.asOf}`);
  });

  it('lists every piece of evidence under its indicator, with a working link to its source', () => {
    const seedUrls = new Set<string>();
    for (const file of readdirSync(`${ROOT}seeds`).filter((f) => f.endsWith('.yaml') && f !== 'anchors.yaml')) {
      const doc = parse(readFileSync(`${ROOT}seeds/${file}`, 'utf8')) as { events: { source?: { url?: string }; sources?: { url?: string }[] }[] };
      for (const e of doc.events) for (const s of e.sources ?? [e.source!]) if (s.url) seedUrls.add(s.url);
    }
    expect(seedUrls.size).toBeGreaterThan(0);
    // Every link on the page goes to a source the inputs or the indicator set name: none is invented or broken.
    const all = links(page);
    expect(all.length).toBeGreaterThan(0);
    for (const { href } of all) expect([...seedUrls, report.indicatorSet.source.url]).toContain(href);

    let linked = 0;
    for (const ind of report.indicators) {
      const { rows } = tableAfter(page, `<h3>${ind.title}:`);
      if (ind.evidence.length === 0) continue;
      // Date, What happened, Status, Grade, Value, Fate, Source, Event.
      expect(rows.map((r) => strip(r[7]!).split(' ')[0])).toEqual(ind.evidence.map((e) => e.eventId));
      ind.evidence.forEach((e, i) => {
        const cells = rows[i]!;
        expect(strip(cells[0]!)).toBe(e.datePrecision === 'year' ? e.date.slice(0, 4) : e.datePrecision === 'month' ? e.date.slice(0, 7) : e.date);
        expect(strip(cells[1]!)).toContain(e.summary);
        expect(strip(cells[2]!).split(' ')[0]).toBe(e.status);
        expect(strip(cells[3]!)).toContain(e.grade);
        const cited = links(cells[6]!);
        if (e.source?.url) {
          expect(cited).toHaveLength(1);
          expect(cited[0]!.href).toBe(e.source.url);
          linked++;
        } else expect(cited).toHaveLength(0);
      });
    }
    expect(linked).toBeGreaterThan(10);

    // The source list gives each cited title once, linked when it has a URL.
    const sourceList = page.slice(page.indexOf('<h2>Sources</h2>'));
    const titled = links(sourceList);
    for (const ind of report.indicators) {
      for (const e of ind.evidence) {
        if (e.source?.url) expect(titled).toContainEqual({ href: e.source.url, text: e.source.title });
        else expect(strip(sourceList)).toContain(e.source!.title);
      }
    }
  });

  it('lists each excluded event with its reason', () => {
    const section = page.slice(page.indexOf('<h2>Excluded events'));
    for (const e of report.excluded) expect(strip(section)).toContain(e.eventId);
    expect(strip(section)).toContain('lagging-outcome');
  });

  it('puts the backsliding alert before the indicators, naming the suspension', async () => {
    // As of a date while the 2022 suspension holds (the seeds' January 2024 restart ends it).
    const during = html((await runCli(['score', 'seeds/', '--format', 'markdown', '--as-of', '2023-09-30'])).stdout);
    const alerts = strip(during.slice(during.indexOf('<h2>Alerts</h2>'), during.indexOf('<h2>Indicators</h2>')));
    expect(alerts).toMatch(/backsliding.*cn-2022-08-suspension/);
  });
});

describe('markdown escaping of user text', () => {
  const hostile = 'A | B\nC *bold* _u_ <script>alert(1)</script> $x$ [x](http://evil.example) `tick` #1 & more\\|';
  const set = { ...defaultSet(), title: `Set | ${hostile}` };
  const report = scoreEvents(
    [
      ev({ id: 'a1', kind: 'arrest', status: 'enforced', date: '2024-01-01', source: { title: hostile, url: 'https://example.org/a b|c?q=<x>', reliability: 'A', credibility: 1 } }),
      ev({ id: 'a2', kind: 'arrest', status: 'enforced', date: '2024-01-02', source: { title: 'evil', url: 'javascript:alert(1)' } }),
      ev({ id: 'd1', kind: 'dialogue', status: 'pledged', date: '2024-01-03', origin: { file: 'we|ird`s.yaml', line: 3, column: 5 } }),
    ],
    set,
  );
  const page = html(formatMarkdown(report));

  it('keeps every table row to its columns when titles hold pipes and line breaks', () => {
    for (const { rows } of [tableAfter(page, '<h2>Indicators</h2>'), tableAfter(page, '<h3>Arrests in China:')]) {
      const width = rows[0]!.length;
      for (const r of rows) expect(r).toHaveLength(width);
    }
    const excluded = tableAfter(page, '<h2>Excluded events');
    expect(strip(excluded.rows[0]![4]!)).toBe('we|ird`s.yaml:3');
  });

  it('shows user text literally: no markup, no HTML, no script links', () => {
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<strong>bold');
    expect(page).not.toMatch(/href="javascript:/);
    // The [x](...) in the title stays text: no link whose words differ from its address was made from it.
    expect(links(page).filter((l) => l.text === 'x')).toEqual([]);
    const sourceList = page.slice(page.indexOf('<h2>Sources</h2>'));
    expect(strip(sourceList)).toContain(hostile.replace('\n', ' '));
    expect(links(sourceList)).toContainEqual({ href: 'https://example.org/a%20b%7Cc?q=%3Cx%3E', text: 'link' });
    expect(links(tableAfter(page, '<h3>Arrests in China:').rows[0]![6]!)).toEqual([{ href: 'https://example.org/a%20b%7Cc?q=%3Cx%3E', text: 'S1' }]);
  });
});

describe('alerts and watch list sections', () => {
  const base = scoreEvents([ev({ id: 'r1', kind: 'arrest', status: 'enforced', date: '2024-03-01' })], defaultSet());

  it('renders alerts with their events, and the watch list ranked with gains', () => {
    const report: ScoreReport = {
      ...base,
      alerts: [
        {
          code: 'backsliding',
          trigger: 'reversal',
          message: 'a suspension | still in effect',
          events: [{ eventId: 'cn-2022-08-suspension', date: '2022-08-05', kind: 'cooperation-suspension', status: 'reversed', file: 'a.yaml', line: 3, indicators: [] }],
        },
      ],
    };
    const page = html(formatMarkdown(report));
    const alerts = strip(page.slice(page.indexOf('<h2>Alerts</h2>'), page.indexOf('<h2>Indicators</h2>')));
    expect(alerts).toContain('backsliding (reversal): a suspension | still in effect; events cn-2022-08-suspension');
    const watch = tableAfter(page, '<h2>Watch list');
    expect(watch.rows).toHaveLength(base.watchList.length);
    expect(watch.rows.map((r) => strip(r[0]!))).toEqual(base.watchList.map((_, i) => String(i + 1)));
    expect(strip(watch.rows[0]![1]!)).toContain(base.watchList[0]!.id);
  });

  it('has no alerts section when the report has no alerts', () => {
    const page = html(formatMarkdown({ ...base, alerts: [] }));
    expect(page).not.toContain('<h2>Alerts</h2>');
  });
});
