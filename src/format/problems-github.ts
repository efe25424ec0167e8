import type { Problem } from '../core/types.js';
import { terminalText } from './escape.js';

/**
 * GitHub's workflow-command escaping (as in @actions/core): data escapes %, CR and LF. Control
 * characters are written visibly first (a raw ESC in a log is still a terminal escape).
 */
const escapeData = (s: string) => terminalText(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
/** Property values also escape the separators ":" and ",". */
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * Problems as GitHub Actions workflow commands, one per line, so a CI run annotates the pull
 * request at each file, line and column: `::error file=…,line=…,col=…,title=…::message`.
 * A problem with a path but no position (a missing file) names only the file.
 */
export function formatProblemsGithub(problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const props: [string, string | number][] = [['file', p.file]];
      if (p.line > 0) {
        props.push(['line', p.line], ['col', p.column]);
        if (p.endLine >= p.line && (p.endLine > p.line || p.endColumn > p.column)) props.push(['endLine', p.endLine], ['endColumn', p.endColumn]);
      }
      props.push(['title', `coopscore ${p.code}`]);
      const message = p.hint ? `${p.message} (hint: ${p.hint})` : p.message;
      return `::${p.severity === 'error' ? 'error' : 'warning'} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(message)}\n`;
    })
    .join('');
}
