// The layer graph of src/, checked by test/architecture.test.ts (and `npx depcruise src bin` by hand):
//
//   bin/coopscore.js, src/boot.cts  ->  src/cli.ts  ->  src/commands/  ->  src/io/, src/format/  ->  src/core/
//                                       src/index.ts (the library)  ->  src/io/, src/format/, src/core/
//
// A layer may import its own layer and any layer below it, never one above it; io and format do not
// import each other; nothing imports in a cycle, type-only imports included. src/core imports no
// package but zod and no Node built-in (test/architecture.test.ts also checks that it never reads
// the clock, the process or global randomness).

const BIN = '^(bin/|src/boot[.]cts$)';
const CLI = '^src/cli[.]ts$';
const LIBRARY = '^src/index[.]ts$';
const COMMANDS = '^src/commands/';
const IO = '^src/io/';
const FORMAT = '^src/format/';
const CORE = '^src/core/';

/** A forbidden edge: a module in `from` imports one in any of `to`. */
const upward = (name, from, to, comment) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'Modules that import each other, directly or through others (type-only imports count).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    upward('cli-imports-upward', CLI, [BIN, LIBRARY], 'src/cli.ts builds and runs the program; only bin starts it.'),
    upward('library-imports-upward', LIBRARY, [BIN, CLI, COMMANDS], 'src/index.ts is the library: io, format and core, not the CLI.'),
    upward('commands-import-upward', COMMANDS, [BIN, CLI, LIBRARY], 'A command gets what it needs from src/commands/context.ts, not from the CLI that loads it.'),
    upward('io-imports-upward', IO, [BIN, CLI, LIBRARY, COMMANDS, FORMAT], 'src/io reads and writes; it imports only io and core.'),
    upward('format-imports-upward', FORMAT, [BIN, CLI, LIBRARY, COMMANDS, IO], 'Formatters are pure functions of core data; they import only format and core.'),
    upward('core-imports-upward', CORE, [BIN, CLI, LIBRARY, COMMANDS, IO, FORMAT], 'src/core is the pure engine; it imports only core.'),
    {
      name: 'core-imports-a-package',
      comment: 'src/core is pure: no Node built-in, no package but zod.',
      severity: 'error',
      from: { path: CORE },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], pathNot: '(^|/)node_modules/zod/' },
    },
    {
      name: 'not-resolvable',
      comment: 'An import that names no file: the graph would miss its edge.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no JS API, so dependency-cruiser reads the sources with swc; it sees every
    // import as written (type-only ones too) and dynamic import() calls.
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: ['node_modules', '^dist/'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
