import { describe, expect, it } from 'vitest';
import { csvCell, markdownText, safeUrl, terminalBlock, terminalText, xmlText } from '../src/format/escape.js';

describe('escaping untrusted text', () => {
  it('makes terminal controls visible, line breaks included', () => {
    expect(terminalText('intel\u001b]0;PWNED\u0007\u001b[2J')).toBe('intel\\u001b]0;PWNED\\u0007\\u001b[2J');
    expect(terminalText('x\n::error file=README.md::INJECTED')).toBe('x\\u000a::error file=README.md::INJECTED');
    expect(terminalText('a\u009bb\u202ec\u2066d\u007f')).toBe('a\\u009bb\\u202ec\\u2066d\\u007f');
    expect(terminalText('plain – text, 中文')).toBe('plain – text, 中文');
  });
  it('keeps line feeds and tabs in blocks', () => {
    expect(terminalBlock('a\n\tb\u001b')).toBe('a\n\tb\\u001b');
  });
  it('escapes markup and drops characters XML forbids', () => {
    expect(xmlText('<script>"&\'\u0001</script>')).toBe('&lt;script&gt;&quot;&amp;&#39;&lt;/script&gt;');
    expect(xmlText('ok\ud800')).toBe('ok');
    expect(xmlText('😀')).toBe('😀');
  });
  it('passes only http(s) links', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(safeUrl(undefined)).toBeUndefined();
  });
  it('keeps CSV cells as text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(-3.5)).toBe('-3.5');
  });
  it('escapes Markdown markup', () => {
    expect(markdownText('[x](javascript:y) <b>|`')).toBe('\\[x\\](javascript:y) &lt;b&gt;\\|\\`');
  });
});
