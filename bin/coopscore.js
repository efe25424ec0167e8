#!/usr/bin/env node
// CommonJS (see bin/package.json): Node starts a CommonJS entry sooner. src/boot.cts says why.
require('../dist/boot.cjs')
  .boot(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
