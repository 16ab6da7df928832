#!/usr/bin/env node
// Entry point kept tiny: everything heavy is imported by the command that needs it.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Answered before any module of ours loads (docs/performance.md, B1): the text src/cli/version.ts gives.
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else import('../dist/cli/main.js').then((m) => m.main(args));
