import type { ConfigFile, ConfigFileProblem } from '../../config/config-problems.js';
import type { FsProblem } from '../../config/fs-problems.js';
import type { InstallationEvidence } from '../../events/store-problems.js';

const EVIDENCE: Readonly<Record<InstallationEvidence, string>> = {
  secretKey: 'EPIC_HOME holds its secret key',
  readTables: 'the read tables hold its events',
};

const FILE: Readonly<Record<ConfigFile, string>> = {
  dotEnv: 'the .env file',
  secretKey: 'the secret key',
  auditKey: 'the audit key',
  session: 'the session file',
};

const PROBLEM: Readonly<Record<ConfigFileProblem, (maxBytes: number) => string>> = {
  isFolder: () => 'it is a folder, not a file',
  notRegular: () => 'it is not a regular file (a FIFO, a device or a socket)',
  tooLarge: (maxBytes) => `it is larger than ${maxBytes} bytes`,
  notFolder: () => 'a part of its path is not a folder',
  denied: () => 'permission denied',
  loop: () => 'too many symbolic links',
};

const FS: Readonly<Record<FsProblem, string>> = {
  full: 'no space left on the device',
  readOnly: 'the file system is read-only',
  ioError: 'input/output error',
  notFolder: 'a part of the path is not a folder',
  isFolder: 'it is a folder',
  denied: 'permission denied',
  loop: 'too many symbolic links',
  nameTooLong: 'the name is too long',
};

/** Faults of the environment: unusable files and folders, full or read-only disks, damaged or lost stores. */
export const faults = {
  'faults.configFile.unusable': ({
    file,
    path,
    problem,
    maxBytes,
  }: {
    file: ConfigFile;
    path: string;
    problem: ConfigFileProblem;
    maxBytes: number;
  }): string => `cannot use ${FILE[file]} ${path}: ${PROBLEM[problem](maxBytes)}`,
  'faults.home.notFolder': ({ path }: { path: string }): string =>
    `EPIC_HOME ${path} is not a folder: point EPIC_HOME at a folder (or remove the file)`,
  'faults.fs.failed': ({ path, problem, code }: { path: string | null; problem: FsProblem; code: string }): string =>
    `cannot write or read ${path ?? 'a file'}: ${FS[problem]} (${code})`,
  'faults.sqlite.failed': ({ code, detail }: { code: string; detail: string }): string => `a database cannot serve: ${detail} (${code})`,
  'faults.readDb.rebuilt': ({ path, aside }: { path: string; aside: string | null }): string =>
    `warning: the read database ${path} was damaged${aside === null ? '' : ` (set aside as ${aside})`}; its tables were rebuilt from the event log`,
  'faults.store.lost': ({ evidence }: { evidence: InstallationEvidence }): string =>
    `the event store is missing or empty: restore it from a backup (${EVIDENCE[evidence]}: this installation existed, and no new log is started over it)`,
  'faults.event.malformed': ({ type, field }: { type: string; field: string }): string =>
    `refusing to record a malformed ${type} event (its ${field} does not fit the event's schema): nothing was changed`,
  'faults.readDb.aheadOfLog': ({ names }: { names: readonly string[] }): string =>
    `warning: the read tables (${names.join(', ')}) held events the event log does not (was it restored from an older backup?); they were rebuilt from the log as it is`,
  'faults.projection.aheadOfLog': ({ head }: { head: number }): string =>
    `ahead of the log (its head is ${head}): restored from an older backup? the next command rebuilds it`,
  'faults.readDb.tablesRebuilt': ({ names }: { names: readonly string[] }): string =>
    `warning: the read tables (${names.join(', ')}) were damaged (a table or a column gone); they were rebuilt from the event log`,
  'faults.readDb.checkpointLost': ({ names }: { names: readonly string[] }): string =>
    `warning: the read tables (${names.join(', ')}) had lost their checkpoint; they were rebuilt from the event log`,
  'faults.readDb.divergedFromLog': ({ names }: { names: readonly string[] }): string =>
    `warning: the event log differs from the one the read tables (${names.join(', ')}) saw (was it restored from an older backup?); they were rebuilt from the log as it is`,
  'faults.projection.divergedFromLog': ({ position }: { position: number }): string =>
    `the log differs from the one it saw (another event at ${position}): restored from a backup? the next command rebuilds it`,
};
