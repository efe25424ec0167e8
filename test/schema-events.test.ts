import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { defaultSet, ROOT } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'coopscore-schema-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** ajv as a strict 2020-12 validator (ajv-cli's default): no keyword it does not know is accepted. */
function compile(schema: object) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
  return ajv.compile(schema);
}

/** Event files are YAML: parse them as an editor's language server would, dates as strings. */
const readYaml = (file: string) => parse(readFileSync(file, 'utf8')) as unknown;

async function schemaFrom(args: string[] = []): Promise<Record<string, unknown>> {
  const run = await runCli(['schema', 'events', ...args]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

type Props = Record<string, { enum?: string[]; items?: { enum?: string[] } }>;
const eventProps = (schema: Record<string, unknown>) =>
  ((schema.properties as { events: { items: { properties: Props } } }).events.items.properties);

describe('coopscore schema events', async () => {
  const schema = await schemaFrom();
  const validate = compile(schema);
  const set = defaultSet();

  it('is a draft 2020-12 schema whose kind and substance enums are the active set vocabulary', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const props = eventProps(schema);
    expect(props.kind!.enum).toEqual(Object.keys(set.kinds).sort());
    expect(props.substances!.items!.enum).toEqual(Object.keys(set.substances).sort());
    expect(props.status!.enum).toEqual(['pledged', 'announced', 'in-force', 'enforced', 'refused', 'reversed']);
  });

  it('accepts every seed file', () => {
    const seeds = readdirSync(`${ROOT}seeds`).filter((f) => f.endsWith('.yaml') && f !== 'anchors.yaml');
    expect(seeds.length).toBeGreaterThanOrEqual(3);
    for (const file of seeds) {
      const ok = validate(readYaml(`${ROOT}seeds/${file}`));
      expect(validate.errors ?? [], file).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  // Each bad fixture breaks one rule, and the schema must point where `coopscore validate` does.
  const bad: Record<string, { path: string; keyword: string }> = {
    'unknown-kind.yaml': { path: '/events/0/kind', keyword: 'enum' },
    'unknown-status.yaml': { path: '/events/0/status', keyword: 'enum' },
    'unknown-substance.yaml': { path: '/events/0/substances/0', keyword: 'enum' },
    'unknown-key.yaml': { path: '/events/0', keyword: 'additionalProperties' },
    'missing-source.yaml': { path: '/events/0', keyword: 'required' },
    'invalid-url.yaml': { path: '/events/0/source/url', keyword: 'pattern' },
    'invalid-id.yaml': { path: '/events/0/id', keyword: 'pattern' },
    'invalid-magnitude.yaml': { path: '/events/0/magnitude', keyword: 'minimum' },
    'invalid-grade.yaml': { path: '/events/0/source/reliability', keyword: 'enum' },
  };

  it('rejects every bad fixture at the field that is wrong, as validate does', async () => {
    expect(readdirSync(`${ROOT}test/fixtures/schema-bad`).sort()).toEqual(Object.keys(bad).sort());
    for (const [file, expected] of Object.entries(bad)) {
      const full = `${ROOT}test/fixtures/schema-bad/${file}`;
      expect(validate(readYaml(full)), file).toBe(false);
      expect(validate.errors!.map((e) => [e.instancePath, e.keyword]), file).toContainEqual([expected.path, expected.keyword]);
      expect((await runCli(['validate', full])).code, file).toBe(1);
    }
    expect(validate(readYaml(`${ROOT}test/fixtures/invalid/mixed.yaml`))).toBe(false);
  });

  it('follows a custom indicator set: its own kinds validate, and fail against the default schema', async () => {
    const doc = parseDocument(readFileSync(`${ROOT}indicators/us-china-2024.yaml`, 'utf8'));
    doc.setIn(['kinds', 'precursor-audit'], 'An audit of precursor sellers.');
    doc.setIn(['substances', 'carfentanil'], 'Carfentanil.');
    const custom = path.join(tmp, 'custom.yaml');
    writeFileSync(custom, doc.toString());
    const customSchema = await schemaFrom(['--indicators', custom]);
    expect(eventProps(customSchema).kind!.enum).toContain('precursor-audit');
    const file = {
      events: [{ id: 'a', date: '2024-01-01', actor: 'CN', kind: 'precursor-audit', status: 'enforced', summary: 'x', substances: ['carfentanil'], source: { title: 't' } }],
    };
    expect(compile(customSchema)(file)).toBe(true);
    expect(validate(file)).toBe(false);
  });

  it('describes each kind and status for editors, in enum order, in keywords a strict validator accepts', () => {
    type Described = { enum?: string[]; anyOf?: { const: string; description?: string }[] };
    const props = eventProps(schema) as Record<string, Described>;
    const kinds = props.kind!;
    expect(kinds.anyOf!.map((a) => a.const)).toEqual(kinds.enum);
    kinds.enum!.forEach((kind, i) => expect(kinds.anyOf![i]!.description).toContain(set.kinds[kind]!));
    expect(props.status!.anyOf).toHaveLength(6);
    expect(JSON.stringify(schema)).not.toContain('enumDescriptions');
    // Every keyword known to ajv's strict mode, with every strict option on.
    expect(() => new Ajv2020({ strict: true, strictTypes: true, strictTuples: true, strictRequired: true, validateFormats: false }).compile(schema)).not.toThrow();
  });

  it('writes the same bytes with --out and -o, and refuses two different targets', async () => {
    const stdout = (await runCli(['schema', 'events'])).stdout;
    for (const flag of ['--out', '-o', '--output']) {
      const file = path.join(tmp, `schema${flag}.json`);
      const run = await runCli(['schema', 'events', flag, file]);
      expect(run).toMatchObject({ code: 0, stdout: '' });
      expect(readFileSync(file, 'utf8')).toBe(stdout);
    }
    const both = await runCli(['schema', 'events', '--out', path.join(tmp, 'a.json'), '-o', path.join(tmp, 'b.json')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--out and --output/);
  });
});
