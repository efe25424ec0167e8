/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ScoreReport } from '../../src/core/report.js';
import { formatHtml } from '../../src/format/html.js';
import { plain } from '../../src/format/paint.js';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * The HTML report opened in a real headless Chromium, as a reader would open it: from a file, with
 * nothing to fetch. Screenshots land in .tmp/browser/ (git-ignored) for a person to look at.
 */

const executablePath = findChromium();
const OUT = path.join(ROOT, '.tmp', 'browser');

if (!executablePath) {
  if (process.env.CI) throw new Error('CI runs the browser tests: no Chromium found (apt-get install chromium, or set COOPSCORE_CHROMIUM)');
  process.stderr.write('browser tests skipped: no Chromium found (apt-get install chromium, or set COOPSCORE_CHROMIUM); CI fails without one\n');
}

const HOSTILE_TEXT = '<script>window.__pwned = "script"</script><img src=x onerror="window.__pwned = \'img\'">';

/** The seeds report with hostile text where input files put text, and a javascript: link. */
function hostile(report: ScoreReport): ScoreReport {
  const copy = structuredClone(report);
  const target = copy.indicators.find((i) => i.evidence.length > 0)!;
  const e = target.evidence[0]!;
  e.summary = `${HOSTILE_TEXT} hostile summary`;
  e.source = { title: `<script>window.__pwned = "title"</script>`, url: 'javascript:window.__pwned="link"', publisher: '<b onmouseover="window.__pwned=1">pub</b>' };
  e.eventId = `${e.eventId}"><script>window.__pwned="id"</script>`;
  copy.indicators[0]!.title = `<iframe src="https://example.invalid/"></iframe>${copy.indicators[0]!.title}`;
  return copy;
}

describe.skipIf(!executablePath)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let report: ScoreReport;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const html = await runCli(['score', 'seeds', '--format', 'html', '-o', path.join(OUT, 'report.html')]);
    expect(html.code).toBe(0);
    files.report = path.join(OUT, 'report.html');
    report = JSON.parse((await runCli(['score', 'seeds', '--format', 'json'])).stdout) as ScoreReport;
    files.hostile = path.join(OUT, 'hostile.html');
    writeFileSync(files.hostile, formatHtml(hostile(report), { paint: plain, color: false, width: 80 }));
    const svg = await runCli(['trend', 'seeds', '--format', 'svg', '-o', path.join(OUT, 'trend.svg')]);
    expect(svg.code).toBe(0);
    files.svg = path.join(OUT, 'trend.svg');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: executablePath!, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Open a file and record every request the page makes after its own document. */
  async function open(file: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; requests: string[]; violations: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
    const url = pathToFileURL(file).href;
    const requests: string[] = [];
    const violations: string[] = [];
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('dialog', (dialog) => {
      violations.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return { page, requests, violations };
  }

  it.each([1280, 375])('at %i px: no network request, every indicator row visible, nothing wider than the screen', async (width) => {
    const { page, requests, violations } = await open(files.report!, width);
    expect(requests).toEqual([]);
    expect(violations).toEqual([]);
    for (const ind of report.indicators) {
      await expect(page.locator(`#row-${ind.id}`).isVisible()).resolves.toBe(true);
      await expect(page.locator(`#ind-${ind.id} h3`).isVisible()).resolves.toBe(true);
    }
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    // The page never scrolls sideways; only the chart's own frame may.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(OUT, `report-${width}.png`), fullPage: true });
    await page.screenshot({ path: path.join(OUT, `report-${width}-top.png`) });
    await page.close();
  });

  it('follows a dark colour scheme, and prints', async () => {
    const { page } = await open(files.report!, 1280, 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(17, 20, 24)');
    await page.screenshot({ path: path.join(OUT, 'report-1280-dark.png') });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    const pdf = await page.pdf({ format: 'A4' });
    writeFileSync(path.join(OUT, 'report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('keeps hostile text inert: no script runs, no javascript: link, the text shows as text', async () => {
    const { page, requests, violations } = await open(files.hostile!, 1280);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('script, iframe, img, b[onmouseover]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).toMatch(/^(https?:|#)/);
    expect(await page.locator('body').innerText()).toContain('<script>window.__pwned = "script"</script>');
    expect(requests).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('draws the trend SVG on the fixed 0-100 scale', async () => {
    const { page, requests } = await open(files.svg!, 1080);
    expect(requests).toEqual([]);
    const ticks = await page.locator('svg > text[text-anchor="end"]').allTextContents();
    expect(ticks).toContain('100');
    await page.screenshot({ path: path.join(OUT, 'trend.png') });
    await page.close();
  });
});
