import type { Location, Log, Region, ReportingDescriptor, Result } from 'sarif';
import { PROBLEM_CODES, type ProblemCode } from '../core/problems.js';
import type { Problem } from '../core/types.js';

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
  const rules: ReportingDescriptor[] = codes.map((code) => ({
    id: code,
    shortDescription: { text: PROBLEM_CODES[code] },
    help: { text: PROBLEM_CODES[code] },
  }));
  const results: Result[] = problems.map((p) => {
    const index = codes.indexOf(p.code as ProblemCode);
    return {
      ruleId: p.code,
      ...(index >= 0 ? { ruleIndex: index } : {}),
      level: p.severity === 'error' ? 'error' : 'warning',
      message: { text: p.hint ? `${p.message} (hint: ${p.hint})` : p.message },
      locations: [location(p)],
    };
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
