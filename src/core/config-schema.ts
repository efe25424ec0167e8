import { z } from 'zod';
import { problemText } from './messages.js';
import { problem } from './problems.js';
import type { Problem } from './types.js';
import { validateDocument, type LocatedData } from './validate.js';

/**
 * `coopscore.config.yaml`: what a team would otherwise repeat on every command and in every CI step
 * (the set, weights, subject, event paths, thresholds, output formats), as ESLint, Spectral and
 * Lighthouse CI read theirs. Paths in it are relative to the file's own folder. A flag given on the
 * command line always wins over the file, and the file over the indicator set's defaults.
 */

export const CONFIG_FILE = 'coopscore.config.yaml';
export const CONFIG_VERSION = 1;

/** Default output formats per command; each lists exactly the formats that command accepts. */
export const COMMAND_FORMATS = {
  score: ['table', 'json', 'markdown'],
  validate: ['text', 'json', 'github', 'sarif'],
  trend: ['table', 'json', 'markdown', 'csv', 'svg'],
  indicators: ['text', 'json', 'markdown'],
  diff: ['table', 'json', 'markdown'],
  compare: ['table', 'json', 'markdown', 'svg', 'html'],
  ledger: ['table', 'json', 'markdown', 'csv', 'svg'],
  calibrate: ['table', 'json', 'markdown'],
} as const;
export type ConfigCommand = keyof typeof COMMAND_FORMATS;

/**
 * The config file's schema, built on first use: zod builds a schema in tens of milliseconds, and
 * most runs have no config file to check (commands import this module for the names above).
 */
function buildConfigSchema() {
  const COUNTRY = /^[A-Z][A-Z0-9-]{1,15}$/;
  const countryCode = z.string().regex(COUNTRY, { error: 'a subject is an ISO 3166 alpha-2 code such as MX, upper case' });
  const filePath = z.string().trim().min(1, { error: 'a path must not be empty' }).max(4096);
  const paths = z.union([filePath, z.array(filePath).min(1)]);
  const formats = z.strictObject({
    score: z.enum(COMMAND_FORMATS.score).optional(),
    validate: z.enum(COMMAND_FORMATS.validate).optional(),
    trend: z.enum(COMMAND_FORMATS.trend).optional(),
    indicators: z.enum(COMMAND_FORMATS.indicators).optional(),
    diff: z.enum(COMMAND_FORMATS.diff).optional(),
    compare: z.enum(COMMAND_FORMATS.compare).optional(),
    ledger: z.enum(COMMAND_FORMATS.ledger).optional(),
    calibrate: z.enum(COMMAND_FORMATS.calibrate).optional(),
  });

  return z
    .strictObject({
      version: z.literal(CONFIG_VERSION, { error: `version must be ${CONFIG_VERSION}` }).describe('Config format version (1).'),
      indicators: filePath.optional().describe('Indicator set file, relative to this file, or the id of a bundled set (us-precursor-cooperation).'),
      weights: filePath.optional().describe('Weights file (version 1), relative to this file.'),
      subject: countryCode.optional().describe('The country scored (ISO 3166 alpha-2), for a set that scores any subject.'),
      paths: paths.optional().describe('Event files, folders or globs for score, validate and trend when the command names none.'),
      subjects: z
        .record(countryCode, paths)
        .optional()
        .describe('For compare: each subject with its event folders (compare with no folders compares these).'),
      failBelow: z.number().min(0).max(100).optional().describe('score: exit 1 below this composite (--fail-below).'),
      minCoverage: z.number().min(0).max(1).optional().describe('score: exit 1 below this coverage (--min-coverage).'),
      maxWarnings: z.int().min(0).optional().describe('validate: exit 1 with more warnings than this (--max-warnings).'),
      anchors: filePath.optional().describe('calibrate: the anchors file (dated judgements from the source), relative to this file (--anchors).'),
      format: formats.optional().describe('Default --format per command.'),
    })
    .meta({ title: 'coopscore config file (coopscore.config.yaml, version 1)' });
}

let built: ReturnType<typeof buildConfigSchema> | undefined;
export const configSchema = (): ReturnType<typeof buildConfigSchema> => (built ??= buildConfigSchema());

export type Config = z.output<ReturnType<typeof buildConfigSchema>>;

/** Check a parsed config file; every problem is located in the file. */
export function validateConfigDoc(doc: LocatedData): { config?: Config; problems: Problem[] } {
  if (typeof doc.data !== 'object' || doc.data === null || Array.isArray(doc.data)) {
    return { problems: [problem(doc.file, doc.locate([]), 'not-a-mapping', problemText('not-a-mapping/config', {}))] };
  }
  const { data, problems } = validateDocument(doc, configSchema());
  return data ? { config: data, problems } : { problems };
}

/** A config value that may name one path or several, as a list. */
export const pathList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);
