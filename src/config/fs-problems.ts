/** What a file-system call can meet that is the environment's fault, not a bug (the catalogue words each, `faults.fs.*`). */
export type FsProblem = 'full' | 'readOnly' | 'ioError' | 'notFolder' | 'isFolder' | 'denied' | 'loop' | 'nameTooLong';

/** Each errno code a problem stands for. */
export const FS_PROBLEMS: Readonly<Record<string, FsProblem>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'readOnly',
  EIO: 'ioError',
  ENOTDIR: 'notFolder',
  EISDIR: 'isFolder',
  EACCES: 'denied',
  EPERM: 'denied',
  ELOOP: 'loop',
  ENAMETOOLONG: 'nameTooLong',
};

/** A full, read-only or failing disk is the store's fault (exit 7); the others are a configuration's (exit 2). */
export function isStorageFault(problem: FsProblem): boolean {
  return problem === 'full' || problem === 'readOnly' || problem === 'ioError';
}
