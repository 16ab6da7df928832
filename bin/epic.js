#!/usr/bin/env node
// Entry point kept tiny: everything heavy is imported by the command that needs it. CommonJS (bin/package.json):
// `epic --version` is answered without starting Node's ES-module loader at all (docs/performance.md, B1).
'use strict';
const { lstatSync, mkdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Node ≥ 22.1 keeps the compiled code of the modules a launch loads on disk and
 * reuses it next time (docs/performance.md, B1/B2): in a directory of the OS
 * temp dir that only this user can write (it is code Node runs), made here.
 * Older Nodes have no such cache; any failure (a read-only or odd temp dir, a
 * directory someone else owns) only means no cache, and nothing is printed.
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, as for any Node program.
 */
function enableCompileCache() {
  const { enableCompileCache: enable } = require('node:module');
  if (typeof enable !== 'function' || typeof process.getuid !== 'function') return;
  try {
    const uid = process.getuid();
    const dir = join(require('node:os').tmpdir(), `epic-compile-cache-${uid}`);
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch {
      // There already, or cannot be made: what is there is checked below.
    }
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) return;
    enable(dir);
  } catch {
    // No cache: the launch compiles as it would without one.
  }
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Answered before any module of ours loads: the text src/cli/version.ts gives.
  process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')).version}\n`);
} else {
  enableCompileCache();
  import('../dist/cli/main.js').then((m) => m.main(args));
}
