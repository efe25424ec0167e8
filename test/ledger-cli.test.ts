import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ledgerCommitments, type Ledger, type Lever } from '../src/core/ledger.js';
import { ledgerSchema } from '../src/core/ledger-schema.js';
import type { Evidence } from '../src/core/report.js';
import { commitmentsHtmlSection } from '../src/format/ledger-html.js';
import { commitmentsMarkdownSection, formatLedgerMarkdown } from '../src/format/ledger-markdown.js';
import { formatLedgerCsv } from '../src/format/ledger-csv.js';
import { formatLedgerSvg } from '../src/format/ledger-svg.js';
import { formatLedgerTable } from '../src/format/ledger-table.js';
import { plain } from '../src/format/paint.js';
import { evidenceOf, ROOT } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';
import { expectGolden } from './helpers/golden.js';

/** The other levers within one window of `l`, by id (the ledger gives them as a range of its levers). */
const nearIds = (ledger: Ledger, l: Lever) => ledger.levers.items.slice(l.near.first, l.near.first + l.near.count).filter((o) => o !== l).map((o) => o.eventId);

const FIXTURE = 'test/fixtures/ledger/levers.yaml';

async function ledgerOf(args: string[]): Promise<Ledger> {
  const { code, stdout, stderr } = await runCli(['ledger', ...args, '-f', 'json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as Ledger;
}

/** Evidence for a hand-built promise (text a format must escape); the engine's own states come from scoreEvents. */
const promiseEvidence = (eventId: string, date: string, extra: Partial<Evidence>): Evidence =>
  evidenceOf(eventId, date, { value: 0.05, line: 7, source: { title: 't', url: 'https://example.org/a b' }, summary: `=cmd| ${eventId} <b>`, ...extra });

/** The fixture's ledger with one promise in each state, so every format shows every state. */
async function everyState(): Promise<Ledger> {
  const ledger = await ledgerOf([FIXTURE, '--as-of', '2025-06-30']);
  const act = { eventId: 'arrest-one', date: '2024-03-15' };
  const evidence = [
    promiseEvidence('kept', '2024-01-01', { promise: { due: '2024-12-31', state: 'delivered', by: act, days: 74 } }),
    promiseEvidence('lapsed-one', '2024-02-29', { promise: { due: '2025-02-28', state: 'lapsed' }, fate: 'lapsed', value: -0.3 }),
    promiseEvidence('open-one', '2025-03-01', { promise: { due: '2026-03-01', state: 'open' } }),
    promiseEvidence('m-first', '2024-01-03', { measure: 'm', promise: { due: '2025-01-03', state: 'delivered', by: act, days: 72 } }),
    promiseEvidence('stage', '2024-01-05', { status: 'announced', measure: 'm', fate: 'superseded', fateBy: act, promise: { due: '2025-01-05', state: 'delivered', by: act, days: 70 } }),
  ];
  return { ...ledger, commitments: ledgerCommitments([{ id: 'kyc-adoption', title: 'KYC', score: 3, evidence }], ledger.asOf) };
}

describe('coopscore ledger', () => {
  it('prints a deterministic JSON ledger that its published schema accepts', async () => {
    const first = await runCli(['ledger', FIXTURE, '--as-of', '2025-06-30', '-f', 'json']);
    const again = await runCli(['ledger', FIXTURE, '--as-of', '2025-06-30', '-f', 'json']);
    expect(first.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    const ledger = JSON.parse(first.stdout) as Ledger;
    expect(ledger.ledgerVersion).toBe(2);
    expect(ledgerSchema.safeParse(ledger).success).toBe(true);

    const schema = await runCli(['schema', 'ledger']);
    expect(schema.code).toBe(0);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    expect(ajv.validate(JSON.parse(schema.stdout), ledger)).toBe(true);
    expect(ajv.validate(JSON.parse(schema.stdout), { ...ledger, ledgerVersion: 1 })).toBe(false);
    expect(ajv.validate(JSON.parse(schema.stdout), await everyState())).toBe(true);
  });

  it('measures each lever over its window, with the composite at both ends and overlaps flagged', async () => {
    const ledger = await ledgerOf([FIXTURE, '--as-of', '2025-06-30']);
    const followed = (l: Lever) => ledger.actions.slice(l.followedBy.first, l.followedBy.first + l.followedBy.count).map((a) => a.eventId);
    expect(ledger.levers.items.map((l) => [l.eventId, l.class, l.windowEnd, followed(l), nearIds(ledger, l), l.overlaps])).toEqual([
      ['us-sanction-one', 'pressure', '2024-07-08', ['kyc-pledge', 'arrest-one'], ['us-concession-one'], 1],
      ['us-concession-one', 'inducement', '2024-07-30', ['kyc-pledge', 'arrest-one'], ['us-sanction-one'], 1],
    ]);
    const sanction = ledger.levers.items[0]!;
    expect(sanction.change).toBeCloseTo(sanction.after - sanction.before, 2);
    // The composite at the window's end is the score as of that date.
    const scored = JSON.parse((await runCli(['score', FIXTURE, '--as-of', '2024-07-08', '-f', 'json'])).stdout) as { score: number };
    expect(sanction.after).toBe(scored.score);
    expect(ledger.levers.classes.map((c) => [c.class, c.count, c.overlapping])).toEqual([
      ['pressure', 1, 1],
      ['inducement', 1, 1],
      ['engagement', 0, 0],
    ]);
  });

  it('takes --window as 90d or 90, cuts windows at --as-of, and refuses bad windows and ranges', async () => {
    const days = await ledgerOf([FIXTURE, '--window', '90d']);
    expect(days).toEqual(await ledgerOf([FIXTURE, '--window', '90']));
    expect(days.windowDays).toBe(90);
    expect(nearIds(days, days.levers.items[0]!)).toEqual(['us-concession-one']);
    const short = await ledgerOf([FIXTURE, '--window', '20d']);
    expect([nearIds(short, short.levers.items[0]!), short.levers.items[0]!.overlaps]).toEqual([[], 0]);
    const cut = await ledgerOf([FIXTURE, '--as-of', '2024-03-01']);
    expect(cut.levers.items.map((l) => [l.windowEnd, l.complete])).toEqual([
      ['2024-03-01', false],
      ['2024-03-01', false],
    ]);
    for (const bad of ['0', '-5', '180w', 'soon', '40000']) {
      const run = await runCli(['ledger', FIXTURE, '--window', bad]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--window takes a number of days/);
    }
    const inverted = await runCli(['ledger', FIXTURE, '--since', '2025-01-01', '--as-of', '2024-01-01']);
    expect(inverted.code).toBe(2);
    expect(inverted.stderr).toMatch(/--since \(2025-01-01\) is after --as-of/);
  });

  it('leaves out levers before --since', async () => {
    const ledger = await ledgerOf([FIXTURE, '--since', '2024-01-20']);
    expect(ledger.levers.items.map((l) => l.eventId)).toEqual(['us-concession-one']);
  });

  it('prints an empty ledger in every format', async () => {
    for (const format of ['table', 'json', 'markdown', 'csv', 'svg']) {
      const run = await runCli(['ledger', 'test/fixtures/ledger/no-levers.yaml', '-f', format]);
      expect(run.code).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
    }
    const ledger = await ledgerOf(['test/fixtures/ledger/no-levers.yaml']);
    expect(ledger.commitments.items).toEqual([]);
    expect(ledger.commitments.totals.sayDo).toBeNull();
    expect(ledger.levers.items).toEqual([]);
    expect(ledger.actions.map((a) => a.eventId)).toEqual(['arrest-only']);
    const table = (await runCli(['ledger', 'test/fixtures/ledger/no-levers.yaml'])).stdout;
    expect(table).toContain('No promises');
    expect(table).toContain('No levers');
    // No events at all, but a date to score on: an empty ledger, not an error.
    const none = await runCli(['ledger', 'test/fixtures/ledger/', '--since', '2030-01-01', '--as-of', '2030-06-30', '-f', 'svg']);
    expect(none.code).toBe(0);
    expect(XMLValidator.validate(none.stdout)).toBe(true);
  });

  it('says in every format that levers are timing, not proof of cause', async () => {
    for (const format of ['table', 'markdown', 'csv', 'svg']) {
      const { stdout } = await runCli(['ledger', FIXTURE, '-f', format]);
      expect(stdout.replace(/\r?\n/g, ' ')).toMatch(/timing, not proof\s+of cause/);
    }
    expect((await ledgerOf([FIXTURE])).levers.caveat).toMatch(/timing, not proof of cause/);
  });

  it('fits the table to the width it is given', async () => {
    const ledger = await everyState();
    for (const width of [60, 80, 120]) {
      const text = formatLedgerTable(ledger, { paint: plain, color: false, width });
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(width);
    }
    const text = formatLedgerTable(ledger, { paint: plain, color: false, width: 120 });
    expect(text).toMatch(/^2024-02-29 +lapsed-one +pledged +2025-02-28 +lapsed +lapsed on 2025-02-28/m);
    expect(text).toMatch(/kept .* delivered +delivered by arrest-one on 2024-03-15, after 74 days/);
    expect(text).toMatch(/stage .* superseded +superseded by m-first/);
    const flat = text.replace(/\n/g, ' ');
    expect(flat).toContain('say–do ratio 0.67 (2 delivered of 3 due)');
    expect(flat).toContain('Oldest open: open-one');
  });

  it('keeps spreadsheet formulas as text in CSV', async () => {
    const csv = formatLedgerCsv(await everyState());
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^section,event_id,date,kind,/);
    expect(rows.filter((r) => r.startsWith('commitment,'))).toHaveLength(5);
    expect(rows.filter((r) => r.startsWith('lever,'))).toHaveLength(2);
    expect(csv).toContain(`"'=cmd| kept <b>"`.replace(/"/g, '')); // a formula cell starts with '
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")`);
    expect(csv).not.toMatch(/,=/);
  });

  it('writes Markdown and HTML Commitments sections with links to the events, escaped', async () => {
    const ledger = await everyState();
    const md = commitmentsMarkdownSection(ledger.commitments);
    expect(md[0]).toBe('## Commitments');
    expect(md).toContain('**Kept**');
    expect(md).toContain('**Lapsed**');
    expect(md).toContain('**Open**');
    expect(md.join('\n')).toContain('[`kept`](<https://example.org/a%20b>) (events.yaml:7)');
    expect(md.join('\n')).not.toContain('<b>');
    expect(commitmentsMarkdownSection(ledger.commitments, '###')[0]).toBe('### Commitments');
    const full = formatLedgerMarkdown(ledger);
    expect(full).toContain('| 2024-02-29 | `lapsed-one` | pledged | 2025-02-28 | lapsed |');
    expect(full).toContain('&lt;script&gt;');

    const html = commitmentsHtmlSection(ledger.commitments).join('\n');
    expect(html).toMatch(/^<section class="commitments">/);
    expect(html).toContain('<a href="https://example.org/a%20b" rel="noopener noreferrer"><code>kept</code></a>');
    expect(html).toContain('&lt;b&gt;');
    expect(XMLValidator.validate(html)).toBe(true);
  });

  it('draws an SVG timeline: lever markers above the axis, acts below, a bar per promise, and a legend', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coopscore-ledger-'));
    const { code } = await runCli(['ledger', FIXTURE, '--as-of', '2025-06-30', '-f', 'svg', '-o', path.join(dir, 'ledger.svg')]);
    expect(code).toBe(0);
    const cli = readFileSync(path.join(dir, 'ledger.svg'), 'utf8');
    expect(XMLValidator.validate(cli)).toBe(true);
    expect(cli).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(cli).not.toContain('<script');

    const svg = formatLedgerSvg(await everyState());
    expect(XMLValidator.validate(svg)).toBe(true);
    type Node = { class?: string; 'data-event'?: string; g?: Node | Node[]; path?: Node | Node[]; text?: unknown; line?: Node | Node[] };
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg) as { svg: { g: Node[]; line: Node | Node[] } };
    const groups = doc.svg.g;
    const of = (prefix: string) => groups.filter((g) => g.class?.split(' ')[0] === prefix);
    expect(of('lever').map((g) => [g['data-event'], g.class])).toEqual([
      ['us-sanction-one', 'lever lever-pressure'],
      ['us-concession-one', 'lever lever-inducement'],
    ]);
    // The lever's triangle sits above the axis; the acts' marks below it.
    const axisY = Number((svg.match(/<line class="axis" x1="[\d.]+" x2="1170" y1="([\d.]+)"/) ?? [])[1]);
    for (const lever of of('lever')) expect(Number(/,([\d.]+) Z/.exec((lever.path as Node & { d: string }).d)![1])).toBeLessThan(axisY);
    const acts = [...svg.matchAll(/class="action action-[a-z-]+" data-event="([^"]+)"><title>[^<]*<\/title><circle cx="[\d.]+" cy="([\d.]+)"/g)];
    expect(acts.map((m) => m[1])).toEqual(['arrest-one', 'seizure-late']); // the pledge is a bar, not an act
    for (const m of acts) expect(Number(m[2])).toBeGreaterThan(axisY);
    expect(of('promise').map((g) => g.class)).toEqual(['promise promise-delivered', 'promise promise-delivered', 'promise promise-superseded', 'promise promise-lapsed', 'promise promise-open']);
    const legend = groups.find((g) => g.class === 'legend')!;
    const labels = (legend.g as Node[]).map((item) => (item.text as { '#text': string })['#text']);
    expect(labels).toEqual(expect.arrayContaining(['pressure lever', 'inducement lever', 'engagement lever', 'promise delivered on time', 'promise lapsed', 'promise open']));
    expect(svg).toMatch(/class="caveat"[^>]*>Levers show timing, not proof of cause/);
  });

  it('matches the golden ledger of the seeds as of 2024-01-31 and 2025-06-30', async () => {
    for (const asOf of ['2024-01-31', '2025-06-30']) {
      const { code, stdout } = await runCli(['ledger', 'seeds/', '--as-of', asOf, '--quiet']);
      expect(code).toBe(0);
      expectGolden(`ledger-seeds-${asOf}.txt`, stdout);
    }
    expectGolden('ledger-seeds.json', (await runCli(['ledger', 'seeds/', '--as-of', '2025-06-30', '-f', 'json', '--quiet'])).stdout);
  });

  it('prints the same ledger through the real bin with NO_COLOR=1', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/coopscore.js'), 'ledger', 'seeds/', '--as-of', '2025-06-30', '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(ROOT, 'test/golden/ledger-seeds-2025-06-30.txt'), 'utf8'));
  });
});
