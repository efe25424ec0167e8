// Regenerate the README's indicator table from the bundled set, and its "Where cooperation stands"
// block and chart (docs/standing.svg) from seeds/ (run by `npm run docs`, after a build).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { syncReadme, syncStanding } from '../dist/format/readme.js';
import { CHART, standing } from './standing.mjs';
import { loadIndicatorSet } from '../dist/io/load.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const loaded = await loadIndicatorSet(undefined, root);
if (!loaded.set) {
  console.error(loaded.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}`).join('\n'));
  process.exit(2);
}
const file = `${root}README.md`;
const before = readFileSync(file, 'utf8');
const { section, svg } = await standing(root);
const after = syncStanding(syncReadme(before, loaded.set), section);
if (after === before) console.error('README.md: indicator table and standing already up to date');
else {
  writeFileSync(file, after);
  console.error('README.md: indicator table and standing regenerated');
}
mkdirSync(`${root}docs`, { recursive: true });
writeFileSync(`${root}${CHART}`, svg);
