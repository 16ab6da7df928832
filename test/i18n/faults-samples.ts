/** Sample params of the `faults.*` keys (src/i18n/en/faults.ts), spread into catalog.test.ts's SAMPLES. */
import type { ConfigFile, ConfigFileProblem } from '../../src/config/config-problems.js';
import type { FsProblem } from '../../src/config/fs-problems.js';
import { typeList } from '../../src/domain/decider.js';
import type { MessageKey, MessageParams } from '../../src/i18n/message.js';

const CONFIG_FILES = typeList<ConfigFile>({ dotEnv: true, secretKey: true, auditKey: true, session: true });
const CONFIG_FILE_PROBLEMS = typeList<ConfigFileProblem>({
  isFolder: true,
  notRegular: true,
  tooLarge: true,
  notFolder: true,
  denied: true,
  loop: true,
});
const FS_PROBLEMS = typeList<FsProblem>({
  full: true,
  readOnly: true,
  ioError: true,
  notFolder: true,
  isFolder: true,
  denied: true,
  loop: true,
  nameTooLong: true,
});

type FaultsKey = Extract<MessageKey, `faults.${string}`>;
type ParamFaultsKey = { [K in FaultsKey]: MessageParams<K> extends undefined ? never : K }[FaultsKey];

export const FAULTS_SAMPLES: { readonly [K in ParamFaultsKey]: readonly MessageParams<K>[] } = {
  'faults.configFile.unusable': CONFIG_FILES.flatMap((file) =>
    CONFIG_FILE_PROBLEMS.map((problem) => ({ file, path: '/home/ada/epic/session', problem, maxBytes: 65_536 })),
  ),
  'faults.home.notFolder': [{ path: '/home/ada/epic' }],
  'faults.fs.failed': [
    ...FS_PROBLEMS.map((problem) => ({ path: '/home/ada/epic/read.db', problem, code: 'ENOSPC' })),
    { path: null, problem: 'full', code: 'ENOSPC' },
  ],
  'faults.readDb.rebuilt': [
    { path: '/home/ada/epic/read.db', aside: '/home/ada/epic/read.db.damaged-2027-03-10T10-00-00-000Z' },
    { path: '/home/ada/epic/read.db', aside: null },
  ],
  'faults.store.lost': [{ evidence: 'secretKey' }, { evidence: 'readTables' }],
  'faults.event.malformed': [{ type: 'PaymentRecorded', field: 'contractId' }],
  'faults.readDb.aheadOfLog': [{ names: ['clients', 'contracts'] }],
  'faults.projection.aheadOfLog': [{ head: 42 }],
  'faults.readDb.tablesRebuilt': [{ names: ['clients'] }],
  'faults.readDb.checkpointLost': [{ names: ['clients', 'contracts'] }],
  'faults.readDb.divergedFromLog': [{ names: ['clients', 'contracts'] }],
  'faults.projection.divergedFromLog': [{ position: 42 }],
  'faults.sqlite.failed': [{ code: 'SQLITE_FULL', detail: 'database or disk is full' }],
};
