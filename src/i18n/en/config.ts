import type { PrivateFile, UrlPart, UrlProblem, UrlUsage } from '../../config/config-problems.js';

const USAGE: Readonly<Record<UrlUsage, string>> = {
  mysql: 'the MySQL URL must look like mysql://user:pass@host:port/db',
  readDb: 'the read database URL must be sqlite:<path> or mysql://user:pass@host:port/db',
};

const PART: Readonly<Record<UrlPart, string>> = { user: 'user', password: 'password', database: 'database' };

const PROBLEM: Readonly<Record<UrlProblem, (part: UrlPart | undefined) => string>> = {
  unparsable: () => 'this one cannot be parsed',
  parameters: () => 'without ?parameters or #fragment',
  noHost: () => 'the host is missing',
  noDatabase: () => 'name one database after the host',
  badEscape: (part) => `the ${PART[part ?? 'user']} has a malformed %-escape`,
  emptySqlitePath: () => 'the sqlite path is empty',
};

const FILE: Readonly<Record<PrivateFile, string>> = { secretKey: 'the secret key', auditKey: 'the audit key', session: 'the session file' };

/** The configuration: variables, URLs, private files. */
export const config = {
  'config.duration.invalid': ({ name, input }: { name: string; input: string }): string =>
    `${name} must be a duration like 8h, 30m or 3600 (got ${JSON.stringify(input)})`,
  'config.url.invalid': ({ usage, problem, part }: { usage: UrlUsage; problem?: UrlProblem; part?: UrlPart }): string =>
    problem === undefined ? USAGE[usage] : `${USAGE[usage]} (${PROBLEM[problem](part)})`,
  'config.privateFile.exposed': ({ file, path, mode }: { file: PrivateFile; path: string; mode: string }): string =>
    `refusing to use ${FILE[file]} ${path}: its mode is ${mode}, others can read it; run chmod 600 ${path}`,
};
