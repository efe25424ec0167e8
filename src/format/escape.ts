/**
 * Text that came from an input file is untrusted wherever it is printed: on a terminal an ESC
 * starts a control sequence (retitle the window, clear the screen, write the clipboard with
 * OSC 52), in a CI log a line that starts with `::` is a workflow command, in a spreadsheet a
 * cell that starts with `=` is a formula, and in XML or HTML a `<` starts markup. One function
 * per target, used by every formatter, so no formatter decides this on its own.
 */

// C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional controls that can
// reorder what a reader sees (Trojan Source): LRE RLE PDF LRO RLO (U+202A-E), LRI RLI FSI PDI
// (U+2066-9), LRM RLM ALM, and the line and paragraph separators.
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const TERMINAL_UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

// The same classes, tested once without replacing: most texts hold none, and a test allocates nothing.
const HAS_TERMINAL_UNSAFE = new RegExp(TERMINAL_UNSAFE.source);
const HAS_TERMINAL_UNSAFE_LINE = new RegExp(TERMINAL_UNSAFE_LINE.source);

const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text for a terminal or a log, one logical line: every control character (line breaks too) is
 * written visibly as `\u001b`, so a value can neither run a control sequence nor start a new
 * line that a CI runner would read as a command.
 */
export function terminalText(text: string): string {
  return HAS_TERMINAL_UNSAFE_LINE.test(text) ? text.replace(TERMINAL_UNSAFE_LINE, visible) : text;
}

/** Like terminalText, but keeps line feeds and tabs: for multi-line text such as a code frame. */
export function terminalBlock(text: string): string {
  return HAS_TERMINAL_UNSAFE.test(text) ? text.replace(TERMINAL_UNSAFE, visible) : text;
}

// Characters XML 1.0 forbids outright (C0 except tab, LF, CR; lone surrogates; U+FFFE/U+FFFF).
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for XML, SVG or HTML content and attribute values: forbidden characters dropped, markup escaped. */
export function xmlText(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A link target for HTML or Markdown: only http(s) URLs pass; anything else (javascript:, data:) is dropped. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A CSV cell (RFC 4180). A cell that a spreadsheet would read as a formula (it starts with `=`,
 * `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'` so it stays text, as OWASP
 * advises; a cell holding a comma, quote or line break is quoted. Numbers pass as they are.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  let text = value.replace(XML_FORBIDDEN, '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Text for Markdown inline content: control characters made visible (as on a terminal), and the
 * characters that start markup (`<`, `[`, `]`, backticks, `|` in tables, `*`, `_`) escaped so a
 * title cannot inject HTML, links or table cells.
 */
export function markdownText(text: string): string {
  return terminalText(text).replace(/[\\`*_[\]<>|]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/**
 * Text as a Markdown code span (an id, a file:line) that stays one table cell: control characters
 * made visible, `|` escaped (GitHub splits table cells on it even inside code), and a fence of
 * backticks longer than any run of backticks in the text.
 */
export function markdownCode(text: string): string {
  const safe = terminalText(text).replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of safe.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}

/**
 * The start of a self-contained HTML page (the briefing, the comparison), through `<body>`: one
 * policy for every page coopscore writes — nothing loads from anywhere (inline styles and data:
 * images only), no base URL or form target can be injected, no referrer leaves with a link.
 */
export function htmlPageStart(title: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${xmlText(title)}</title>
<style>${style}</style>
</head>
<body>
`;
}
