import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countryName } from '../src/core/names.js';
import type { ScoreReport } from '../src/core/report.js';
import { setForSubject, subjectRefusal } from '../src/core/subject.js';
import { validateIndicatorSet } from '../src/core/validate.js';
import { parseYamlDoc } from '../src/io/yaml-doc.js';
import { runCli } from './helpers/cli.js';
import { defaultSet, ROOT } from './helpers/fixtures.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'coopscore-subjects-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const GENERAL = 'indicators/us-precursor-cooperation.yaml';
const FIXTURES = 'test/fixtures/compare';

function generalSet() {
  const result = validateIndicatorSet(parseYamlDoc(GENERAL, readFileSync(`${ROOT}${GENERAL}`, 'utf8')));
  if (!result.set) throw new Error(JSON.stringify(result.problems));
  return result.set;
}

describe('country names', () => {
  it('come from ICU for any ISO 3166 code, and a code ICU does not know stays a code', () => {
    expect(['CN', 'MX', 'IN', 'ZA', 'US', 'VN'].map(countryName)).toEqual(['China', 'Mexico', 'India', 'South Africa', 'United States', 'Vietnam']);
    expect(countryName('UNODC')).toBe('UNODC');
    expect(countryName('XX')).toBe('XX');
  });
});

describe('a set for any subject', () => {
  it('renders {subject} and {counterpart} as country names in titles, rationales and reasons', () => {
    const raw = generalSet();
    expect(raw.subjects).toBe('any');
    expect(raw.subject).toBe('');
    for (const [code, name] of [['MX', 'Mexico'], ['IN', 'India']] as const) {
      const set = setForSubject(raw, code);
      expect(set.subject).toBe(code);
      expect(set.title).toBe(`United States–${name} cooperation against synthetic-drug precursors`);
      expect(set.indicators.find((i) => i.id === 'arrests')!.title).toBe(`Arrests in ${name}`);
      expect(set.indicators[0]!.rationale).toContain(`Whether ${name} acts on the leads the United States hands over`);
      expect(set.context.find((c) => c.id === 'counterpart-action')!.reason).toContain(`not ${name}'s cooperation`);
      expect(JSON.stringify(set)).not.toMatch(/\{(subject|counterpart)\}/);
    }
  });

  it('scores the subject its event files name, with names in the report and no China-specific text', async () => {
    const run = await runCli(['score', `${FIXTURES}/in`, '--indicators', 'us-precursor-cooperation', '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ScoreReport;
    expect(report.subject).toBe('IN');
    expect(report.indicatorSet.title).toBe('United States–India cooperation against synthetic-drug precursors');
    expect(report.indicators.map((i) => i.title)).toContain('Prosecutions and convictions in India');
    expect(report.score).toBeGreaterThan(0);
    expect(JSON.stringify(report.indicators.map((i) => [i.title, i.reasoning]))).not.toMatch(/China|Chinese/);
  });

  it('needs a subject from somewhere, and refuses files that record two', async () => {
    const dir = path.join(tmp, 'mixed');
    mkdirSync(dir, { recursive: true });
    const text = (code: string) => readFileSync(`${ROOT}${FIXTURES}/${code.toLowerCase()}/events.yaml`, 'utf8');
    writeFileSync(path.join(dir, 'a.yaml'), text('IN'));
    writeFileSync(path.join(dir, 'b.yaml'), text('ZA'));
    const two = await runCli(['score', dir, '--indicators', 'us-precursor-cooperation']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/different subjects \(IN in .*a\.yaml, ZA in .*b\.yaml\).*coopscore compare/);
    writeFileSync(path.join(dir, 'b.yaml'), text('ZA').replace('subject: ZA\n', ''));
    const none = await runCli(['score', path.join(dir, 'b.yaml'), '--indicators', 'us-precursor-cooperation']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/scores any country, and nothing names the one to score; .*--subject XX/);
    const flagged = await runCli(['score', path.join(dir, 'b.yaml'), '--indicators', 'us-precursor-cooperation', '--subject', 'ZA', '--format', 'json']);
    expect(flagged.code).toBe(0);
    expect((JSON.parse(flagged.stdout) as ScoreReport).subject).toBe('ZA');
    // --subject and a file that records another subject disagree: the file is wrong, at its line.
    const clash = await runCli(['validate', path.join(dir, 'a.yaml'), '--indicators', 'us-precursor-cooperation', '--subject', 'MX']);
    expect(clash.code).toBe(1);
    expect(clash.stdout).toMatch(/a\.yaml:\d+:10 +error +invalid-value +the file records India \(IN\), but this run scores Mexico \(MX\)/);
  });

  it('rejects unknown placeholders and {counterpart} without a counterpart, at their lines', () => {
    const text = readFileSync(`${ROOT}${GENERAL}`, 'utf8').replace('title: Arrests in {subject}', 'title: Arrests in {subjcet}').replace('counterpart: US\n', '');
    const { set, problems } = validateIndicatorSet(parseYamlDoc('bad.yaml', text));
    expect(set).toBeUndefined();
    const arrests = text.split('\n').findIndex((l) => l.includes('{subjcet}')) + 1;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: arrests, code: 'invalid-set', message: expect.stringContaining('unknown placeholder "{subjcet}"'), hint: 'did you mean "{subject}"?' }),
        expect.objectContaining({ code: 'invalid-set', message: 'the text says {counterpart}, but the set names no counterpart' }),
      ]),
    );
  });
});

describe('the China set and another subject', () => {
  it('refuses --subject MX in one line naming --indicators and the general set', async () => {
    const run = await runCli(['score', 'seeds/', '--subject', 'MX']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'coopscore: the indicator set "us-china-2024" scores China (CN) only, not Mexico (MX); for another country pass --indicators us-precursor-cooperation (the bundled set for any source country of precursors), or --indicators FILE with your own set',
    ]);
    expect(subjectRefusal(defaultSet(), 'CN')).toBeUndefined();
  });

  it('refuses an event file that records MX at its line, with the same hint, in plain words', async () => {
    const run = await runCli(['validate', `${FIXTURES}/mx`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/mx\/events\.yaml:3:10 +error +invalid-value +the file records Mexico \(MX\), but the indicator set "us-china-2024" scores China \(CN\) only\n/);
    expect(run.stdout).toContain('hint: for another country pass --indicators us-precursor-cooperation');
    expect(run.stdout).not.toMatch(/records string/);
  });
});
