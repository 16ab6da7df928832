import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import { readRegularFile } from './regular-file.js';

/** Everything the CLI reads from the environment (docs/cli.md, "Configuration"). */
export interface Config {
  readonly home: string;
  readonly eventStoreUrl: string;
  readonly readDbUrl: string;
  /** From EPIC_SECRET; otherwise the generated $EPIC_HOME/secret.key is used. */
  readonly secret: string | undefined;
  /** From EPIC_AUDIT_KEY; otherwise the generated $EPIC_HOME/audit.key is used. */
  readonly auditKey: string | undefined;
  readonly sessionTtlSeconds: number;
  readonly sentryDsn: string | undefined;
  readonly sentryEnvironment: string | undefined;
  readonly debug: boolean;
  /**
   * EPIC_PROJECTIONS: `inline` (default), every command catches the read
   * tables up itself; `external`, a follower (`epic projection run --follow`)
   * does, and commands only read them (docs/scaling.md).
   */
  readonly projections: ProjectionsMode;
  /** EPIC_PROJECTIONS_MAX_LAG (default 10s): with `external`, how far behind the read tables may be before commands warn. */
  readonly projectionsMaxLagSeconds: number;
}

export type ProjectionsMode = 'inline' | 'external';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the configuration from `env`, completed by a `.env` file in `cwd` when
 * present (variables already set win over the file).
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const merged: Env = { ...readDotEnv(join(cwd, '.env')), ...definedOnly(env) };
  const dataHome = merged.XDG_DATA_HOME || join(merged.HOME || homedir(), '.local', 'share');
  const home = resolve(cwd, merged.EPIC_HOME || join(dataHome, 'epic-events'));
  return {
    home,
    eventStoreUrl: merged.EPIC_EVENT_STORE || `sqlite:${join(home, 'events.db')}`,
    readDbUrl: merged.EPIC_READ_DB || `sqlite:${join(home, 'read.db')}`,
    secret: merged.EPIC_SECRET || undefined,
    auditKey: merged.EPIC_AUDIT_KEY || undefined,
    sessionTtlSeconds: parseDuration(merged.EPIC_SESSION_TTL || '8h', 'EPIC_SESSION_TTL'),
    sentryDsn: merged.SENTRY_DSN || undefined,
    sentryEnvironment: merged.SENTRY_ENVIRONMENT || undefined,
    debug: merged.EPIC_DEBUG === '1',
    projections: projectionsMode(merged.EPIC_PROJECTIONS),
    projectionsMaxLagSeconds: parseDuration(merged.EPIC_PROJECTIONS_MAX_LAG || '10s', 'EPIC_PROJECTIONS_MAX_LAG'),
  };
}

function projectionsMode(value: string | undefined): ProjectionsMode {
  const mode = value?.trim().toLowerCase() || 'inline';
  if (mode !== 'inline' && mode !== 'external') throw new InvalidInput(msg('readSide.modeInvalid', { value: value ?? '' }));
  return mode;
}

/**
 * The variables that choose the language (EPIC_LANG, LC_ALL, LC_MESSAGES,
 * LANG), from the environment and `.env`, without reading the rest of the
 * configuration: the language is needed to word a configuration error.
 */
export function languageEnv(env: Env, cwd: string): Env {
  let file: Record<string, string> = {};
  try {
    file = readDotEnv(join(cwd, '.env'));
  } catch {
    // An unreadable .env is reported by loadConfig, in the language the environment chose.
  }
  return { ...file, ...definedOnly(env) };
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "90s", "15m", "8h", "2d" or a number of seconds. */
export function parseDuration(text: string, name: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (UNITS[match[2] || 's'] ?? 1) : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new InvalidInput(msg('config.duration.invalid', { name, input: text }));
  return seconds;
}

function definedOnly(env: Env): Env {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

/** What the configuration reads as a variable name. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The `.env` file: one `KEY=value` a line, each read by Node's util.parseEnv
 * (the dotenv rules: an optional `export`, `#` comments, single, double or
 * backtick quotes, `\n` expanded inside double quotes). Lines go to parseEnv
 * one at a time, so every Node this runs on reads a file alike: Node 20's
 * parseEnv lets a line without `=` (a blank line of spaces, an indented
 * comment) swallow the name on the next line, drops a value whose quote is
 * not closed at the end of the text, and keeps indentation in names; and no
 * Node strips a byte order mark from the first name. The price: a quoted
 * value cannot span lines.
 */
export function readDotEnv(path: string): Record<string, string> {
  // Only a regular file of a bounded size is read: a FIFO or a link to /dev/zero would never end.
  const text = readRegularFile(path, 'dotEnv')?.text;
  if (text === undefined) return {};
  const out: Record<string, string> = {};
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    for (const [key, value] of Object.entries(parseEnv(`${line.trimStart()}\n`))) {
      const name = key.trim();
      if (NAME.test(name) && value !== undefined) out[name] = value;
    }
  }
  return out;
}
