import type { Location, Log, Region, ReportingDescriptor, Result } from 'sarif';
import { PROBLEM_CODES, type ProblemCode } from '../core/problems.js';
import type { Problem } from '../core/types.js';
import { terminalText } from './escape.js';

/** Where the tool and its problem codes are documented (the README, as the package page shows it). */
export const INFORMATION_URI = 'https://www.npmjs.com/package/coopscore';
const HELP_URI = `${INFORMATION_URI}#problem-codes`;

/** `yaml-syntax` → `YamlSyntax`: SARIF's friendly rule name. */
const friendlyName = (code: string) => code.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());

/** A display path as a SARIF artifact URI: relative paths resolve against the checkout (%SRCROOT%). */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  if (file.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}

function location(p: Problem): Location {
  const region: Region | undefined =
    p.line > 0
      ? {
          startLine: p.line,
          startColumn: p.column,
          // A zero-width span (the start of a mapping) is left open rather than shown as empty.
          ...(p.endLine > p.line || (p.endLine === p.line && p.endColumn > p.column) ? { endLine: p.endLine, endColumn: p.endColumn } : {}),
        }
      : undefined;
  return { physicalLocation: { artifactLocation: artifactLocation(p.file), ...(region ? { region } : {}) } };
}

/**
 * Problems as a SARIF 2.1.0 log (what GitHub code scanning and most CI dashboards read): one rule
 * per problem code with its one-line meaning as help, one result per problem. Columns count UTF-16
 * code units, as the YAML positions do; an end column is exclusive, as SARIF's is. No timestamps.
 */
export function formatProblemsSarif(problems: readonly Problem[], tool: { name: string; version: string }): string {
  const codes = Object.keys(PROBLEM_CODES) as ProblemCode[];
  const rules: ReportingDescriptor[] = codes.map((code) => {
    const meaning = PROBLEM_CODES[code];
    const full = `${meaning} coopscore reports it at the file, line and column where it was found, with a message naming the value and, where it can, a fix.`;
    return {
      id: code,
      name: friendlyName(code),
      shortDescription: { text: meaning },
      fullDescription: { text: full },
      help: { text: `${meaning} See the Problem codes section of the coopscore README: ${HELP_URI}`, markdown: `${meaning} See [Problem codes](${HELP_URI}) in the coopscore README.` },
      helpUri: HELP_URI,
    };
  });
  const results: Result[] = problems.map((p) => {
    const index = codes.indexOf(p.code as ProblemCode);
    return {
      ruleId: p.code,
      ...(index >= 0 ? { ruleIndex: index } : {}),
      level: p.severity === 'error' ? 'error' : 'warning',
      message: { text: terminalText(p.hint ? `${p.message} (hint: ${p.hint})` : p.message) },
      locations: [location(p)],
    };
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: INFORMATION_URI, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
