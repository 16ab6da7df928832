#!/usr/bin/env node
// Entry point kept tiny: everything heavy is imported by the command that needs it.
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2)));
