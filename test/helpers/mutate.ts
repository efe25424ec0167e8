/**
 * One edit to a text, as the fuzz-style tests draw them: a character inserted, deleted or replaced
 * at an offset, or a whole line repeated, dropped, indented, dedented, preceded by a comment or a
 * line of spaces, or given trailing spaces. Used to hold readers to each other on broken input.
 */
export interface Mutation {
  /** Any natural number: taken modulo the text's length (or its number of lines). */
  at: number;
  kind: 'insert' | 'delete' | 'replace' | 'repeat-line' | 'drop-line' | 'indent-line' | 'dedent-line' | 'blank-spaces' | 'comment-line' | 'trailing-spaces';
  /** What `insert` and `replace` put in (and what ends an inserted comment). */
  char: string;
  /** Spaces for `comment-line`, `blank-spaces` and (plus one) `trailing-spaces`. */
  depth?: number;
}

export function mutate(text: string, m: Mutation): string {
  const at = m.at % text.length;
  if (m.kind === 'insert') return text.slice(0, at) + m.char + text.slice(at);
  if (m.kind === 'delete') return text.slice(0, at) + text.slice(at + 1);
  if (m.kind === 'replace') return text.slice(0, at) + m.char + text.slice(at + 1);
  const lines = text.split('\n');
  const n = at % lines.length;
  const depth = m.depth ?? 0;
  if (m.kind === 'repeat-line') lines.splice(n, 0, lines[n]!);
  else if (m.kind === 'drop-line') lines.splice(n, 1);
  else if (m.kind === 'indent-line') lines[n] = ` ${lines[n]}`;
  else if (m.kind === 'dedent-line') lines[n] = lines[n]!.replace(/^ /, '');
  else if (m.kind === 'comment-line') lines.splice(n, 0, `${' '.repeat(depth)}# a comment${m.char}`);
  else if (m.kind === 'trailing-spaces') lines[n] = `${lines[n]}${' '.repeat(depth + 1)}`;
  else lines.splice(n, 0, ' '.repeat(depth));
  return lines.join('\n');
}
