/**
 * Loaded before every test file (`npm test` passes it with --import). The
 * stores fsync on every append (synchronous=FULL), which on a shared disk makes
 * the suites wait on I/O rather than exercise code: temporary installations
 * go to memory (/dev/shm) when the machine has it. Durability itself is not
 * what these tests check; the benchmarks measure the real disk.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SHM = '/dev/shm';

if (process.env.EPIC_TEST_KEEP_TMPDIR !== '1') {
  try {
    accessSync(SHM, constants.W_OK);
    const dir = mkdtempSync(join(SHM, 'epic-tests-'));
    process.env.TMPDIR = dir;
    // Whatever a suite forgot to remove goes with the run.
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  } catch {
    // No writable /dev/shm (macOS, some containers): the default temporary folder is fine.
  }
}
