// Regenerate the README's indicator table from the bundled set (run by `npm run docs`, after a build).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { syncReadme } from '../dist/format/readme.js';
import { loadIndicatorSet } from '../dist/io/load.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const loaded = await loadIndicatorSet(undefined, root);
if (!loaded.set) {
  console.error(loaded.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}`).join('\n'));
  process.exit(2);
}
const file = `${root}README.md`;
const before = readFileSync(file, 'utf8');
const after = syncReadme(before, loaded.set);
if (after === before) console.error('README.md: indicator table already up to date');
else {
  writeFileSync(file, after);
  console.error('README.md: indicator table regenerated');
}
