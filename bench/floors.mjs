// The parse floors: what the bare parsers cost on the same files, read the same way coopscore
// reads them (whole files for YAML, a stream of lines for JSON Lines), with nothing else done.
// usage: node bench/floors.mjs yaml|js-yaml|js-yaml-5|json-lines PATH
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const [parser, target] = process.argv.slice(2);
const files = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => path.join(target, f))
  : [target];

let parse;
if (parser === 'yaml') {
  const { parseDocument } = await import('yaml');
  parse = (text) => parseDocument(text).toJS();
} else if (parser === 'js-yaml') {
  const { load } = await import('js-yaml');
  parse = (text) => load(text);
} else if (parser === 'js-yaml-5') {
  const { load } = await import('js-yaml-5');
  parse = (text) => load(text);
} else if (parser === 'json-lines') {
  // Stream the file and JSON.parse each line; keep nothing, as a floor should.
  let count = 0;
  let rest = '';
  for await (const chunk of createReadStream(target, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl > start) JSON.parse(text.slice(start, nl)), count++;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest.trim()) JSON.parse(rest), count++;
  process.stderr.write(`${count} lines\n`);
  process.exit(0);
} else {
  process.stderr.write(`unknown parser ${parser}\n`);
  process.exit(2);
}
let documents = 0;
for (const file of files) {
  parse(readFileSync(file, 'utf8'));
  documents++;
}
process.stderr.write(`${documents} files\n`);
