import { readFileSync } from 'node:fs';

let version: string | undefined;

/**
 * This package's version, from its package.json, read once: `--version`, the `tool` stamp on
 * reports and SARIF, and the library's VERSION all come from here. (bin/coopscore.js answers a
 * bare `--version` through src/boot.cts, which reads the same file before loading any module.)
 */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
