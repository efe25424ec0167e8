// Preloaded (NODE_OPTIONS=--require) when /usr/bin/time is missing: at exit, write this process's
// CPU time and peak RSS in /usr/bin/time's "%U %S %M" form to the file the bench names.
const { appendFileSync } = require('node:fs');

const file = process.env.COOPSCORE_BENCH_RUSAGE;
if (file) {
  delete process.env.COOPSCORE_BENCH_RUSAGE; // children (none expected) must not overwrite it
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(file, `${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6} ${u.maxRSS}\n`);
  });
}
