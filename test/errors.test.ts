import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

/** One fixture per problem code: where it is reported, and what each command exits with. */
const CASES: { file: string; code: string; line: number; column: number; severity?: 'warning'; validate: number; score: number }[] = [
  { file: 'yaml-syntax.yaml', code: 'yaml-syntax', line: 6, column: 1, validate: 1, score: 2 },
  { file: 'duplicate-key.yaml', code: 'duplicate-key', line: 5, column: 5, validate: 1, score: 2 },
  { file: 'not-a-mapping.yaml', code: 'not-a-mapping', line: 1, column: 1, validate: 1, score: 2 },
  { file: 'missing-field.yaml', code: 'missing-field', line: 3, column: 5, validate: 1, score: 2 },
  { file: 'unknown-key.yaml', code: 'unknown-key', line: 10, column: 5, validate: 1, score: 2 },
  { file: 'invalid-type.yaml', code: 'invalid-type', line: 10, column: 11, validate: 1, score: 2 },
  { file: 'invalid-value.yaml', code: 'invalid-value', line: 10, column: 16, validate: 1, score: 2 },
  { file: 'invalid-date.yaml', code: 'invalid-date', line: 4, column: 11, validate: 1, score: 2 },
  { file: 'invalid-url.yaml', code: 'invalid-url', line: 11, column: 12, validate: 1, score: 2 },
  { file: 'unknown-kind.yaml', code: 'unknown-kind', line: 6, column: 11, validate: 1, score: 2 },
  { file: 'unknown-status.yaml', code: 'unknown-status', line: 7, column: 13, validate: 1, score: 2 },
  { file: 'unknown-substance.yaml', code: 'unknown-substance', line: 9, column: 28, validate: 1, score: 2 },
  { file: 'duplicate-id.yaml', code: 'duplicate-id', line: 10, column: 9, validate: 1, score: 2 },
  { file: 'empty-events.yaml', code: 'empty-events', line: 2, column: 9, severity: 'warning', validate: 0, score: 2 },
  { file: 'invalid-encoding.yaml', code: 'invalid-encoding', line: 4, column: 18, validate: 1, score: 2 },
];

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

describe('one fixture per problem code', () => {
  for (const c of CASES) {
    it(`${c.code}: ${c.file} at ${c.line}:${c.column}`, async () => {
      const path = `test/fixtures/errors/${c.file}`;
      const validate = await runCli(['validate', path, '--format', 'json']);
      expect(validate.code).toBe(c.validate);
      const problems = JSON.parse(validate.stdout) as JsonProblem[];
      expect(problems).toContainEqual(
        expect.objectContaining({ file: path, code: c.code, line: c.line, column: c.column, severity: c.severity ?? 'error' }),
      );

      const score = await runCli(['score', path]);
      expect(score.code).toBe(c.score);
      expect(score.stdout).toBe('');
      const where = c.line > 0 ? `${path}:${c.line}:${c.column}` : path;
      expect(score.stderr).toContain(`${where}  ${c.severity ?? 'error'}  ${c.code}`);
      expect(score.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('published-after-as-of is a warning in the report, on stderr, and does not fail the run', async () => {
    const path = 'test/fixtures/errors/published-after-as-of.yaml';
    const result = await runCli(['score', path, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { warnings: JsonProblem[] };
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'published-after-as-of', line: 3, column: 5, severity: 'warning' })]);
    expect(result.stderr).toContain(`${path}:3:5  warning  published-after-as-of`);
    expect((await runCli(['score', path, '--quiet'])).stderr).toBe('');
  });

  it('no-events: a file with an empty list cannot be scored', async () => {
    const result = await runCli(['score', 'test/fixtures/errors/empty-events.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-events');
  });

  it('file-not-found and no-input exit 2 under both commands, never a silent success', async () => {
    for (const command of ['validate', 'score']) {
      const missing = await runCli([command, 'no/such/file.yaml']);
      expect(missing.code).toBe(2);
      expect(missing.stderr + missing.stdout).toContain('no/such/file.yaml  error  file-not-found');
      const glob = await runCli([command, 'seeds/*.nothing.yaml']);
      expect(glob.code).toBe(2);
      expect(glob.stderr + glob.stdout).toContain('no-input');
      const folder = await runCli([command, 'src/commands']);
      expect(folder.code).toBe(2);
      expect(folder.stderr + folder.stdout).toContain('no-input');
    }
  });

  it('invalid-set: an indicator set rule naming an unknown kind is reported at its line', async () => {
    const result = await runCli(['score', 'seeds', '--indicators', 'test/fixtures/sets/invalid-set.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('test/fixtures/sets/invalid-set.yaml:32:15  error  invalid-set  rule names unknown kind "arrests"');
    expect(result.stderr).toContain('did you mean "arrest"?');
    const validate = await runCli(['validate', 'seeds', '--indicators', 'test/fixtures/sets/invalid-set.yaml']);
    expect(validate.code).toBe(1);
  });

  it('a file with a non-calendar date, a misspelt kind, a duplicate id and a missing field: all four, in line order', async () => {
    const path = 'test/fixtures/invalid/mixed.yaml';
    const validate = await runCli(['validate', path, '--format', 'json']);
    expect(validate.code).toBe(1);
    const problems = JSON.parse(validate.stdout) as JsonProblem[];
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ['invalid-date', 4, 11],
      ['unknown-kind', 13, 11],
      ['duplicate-id', 17, 9],
      ['missing-field', 24, 5],
      ['unknown-key', 30, 5],
    ]);
    const score = await runCli(['score', path]);
    expect(score.code).toBe(2);
    for (const p of problems) expect(score.stderr).toContain(`${path}:${p.line}:${p.column}  error  ${p.code}`);
    expect(score.stderr).toContain('  > 4 |     date: 2024-02-30\n');
    expect(score.stderr).toContain('did you mean "website-takedown"?');
  });
});
