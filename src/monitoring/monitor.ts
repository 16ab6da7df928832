import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { msg } from '../i18n/message.js';
import { words } from '../i18n/translator.js';
import type { DomainReport, DsnProblem, MonitorBackend, MonitorSettings } from './monitor-backend.js';

/**
 * Error monitoring, as the CLI sees it. Off unless SENTRY_DSN is set; even
 * then the Sentry SDK (hundreds of milliseconds to import and start) is loaded
 * only when there is something to report, so a command that neither fails
 * unexpectedly nor changes a user or signs a contract never pays for it.
 *
 * Nothing here may change a command's output or exit code: every method
 * swallows the monitoring service's failures (they are shown only with
 * EPIC_DEBUG=1), and `flush` waits for the network a bounded time.
 */
export interface Monitor {
  readonly enabled: boolean;
  /** Attached to everything reported afterwards: the command path, and who runs it once known. */
  setScope(scope: MonitorScope): void;
  /** Reports an unexpected exception; resolves to its event id, or undefined when none was queued. Never rejects. */
  captureInternalError(error: unknown): Promise<string | undefined>;
  /** Reports an accepted domain change. Never throws. */
  report(report: DomainReport): void;
  /** Waits for what was reported to leave, the network part at most `timeoutMs`. Never rejects. */
  flush(timeoutMs?: number): Promise<void>;
}

export interface MonitorScope {
  readonly command?: string;
  readonly actor?: { readonly id: string; readonly role: string };
}

/** The longest a command waits for the monitoring service before it exits. */
export const FLUSH_TIMEOUT_MS = 2000;

export const DISABLED_MONITOR: Monitor = {
  enabled: false,
  setScope: () => undefined,
  captureInternalError: async () => undefined,
  report: () => undefined,
  flush: async () => undefined,
};

type Output = { write(text: string): unknown };

/**
 * The monitor for one invocation. Sentry is not imported here: only when the
 * first report is made (see the class below).
 */
export function createMonitor(
  config: Pick<Config, 'sentryDsn' | 'sentryEnvironment' | 'home' | 'secret' | 'debug'>,
  stderr: Output,
): Monitor {
  if (config.sentryDsn === undefined) return DISABLED_MONITOR;
  const problem = dsnProblem(config.sentryDsn);
  if (problem) {
    stderr.write(`${words(msg('monitoring.dsnInvalid', { problem }))}\n`);
    return DISABLED_MONITOR;
  }
  return new LazySentryMonitor(
    {
      dsn: config.sentryDsn,
      environment: config.sentryEnvironment,
      secrets: () => installationSecrets(config),
      requestTimeoutMs: FLUSH_TIMEOUT_MS,
    },
    stderr,
    config.debug,
  );
}

/** Why `dsn` is not a Sentry DSN (`https://<public key>@<host>/<project id>`), or undefined. */
export function dsnProblem(dsn: string): DsnProblem | undefined {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    return 'notUrl';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'notHttp';
  if (url.username === '') return 'noKey';
  if (!/^\/(?:.*\/)?\d+$/.test(url.pathname)) return 'noProject';
  return undefined;
}

/** EPIC_SECRET, the generated key and the session token, as they are on disk now. */
function installationSecrets(config: Pick<Config, 'home' | 'secret'>): string[] {
  const values = [config.secret, readIfPresent(join(config.home, 'secret.key')), readIfPresent(join(config.home, 'session'))];
  return values
    .filter((value): value is string => value !== undefined)
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // Absent before `epic init` or after `epic logout`. Anything else propagates, and the
    // event that needed scrubbing is dropped rather than sent half-scrubbed.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

class LazySentryMonitor implements Monitor {
  readonly enabled = true;
  private backend?: Promise<MonitorBackend | undefined>;
  private readonly pending: Promise<unknown>[] = [];
  private tags: Record<string, string> = {};

  constructor(
    private readonly settings: MonitorSettings,
    private readonly stderr: Output,
    private readonly debug: boolean,
  ) {}

  setScope(scope: MonitorScope): void {
    if (scope.command !== undefined) this.tags.command = scope.command;
    if (scope.actor !== undefined) this.tags = { ...this.tags, actor_id: scope.actor.id, actor_role: scope.actor.role };
  }

  async captureInternalError(error: unknown): Promise<string | undefined> {
    const capture = this.load().then((backend) => backend?.captureException(error, this.tags));
    this.pending.push(capture);
    try {
      return await capture;
    } catch (failure) {
      this.explain('could not report the error', failure);
      return undefined;
    }
  }

  report(report: DomainReport): void {
    const tags = { ...this.tags };
    this.pending.push(
      this.load()
        .then((backend) => backend?.captureMessage(report, tags))
        .catch((failure: unknown) => this.explain(`could not report ${report.eventType}`, failure)),
    );
  }

  async flush(timeoutMs: number = FLUSH_TIMEOUT_MS): Promise<void> {
    if (this.backend === undefined) return; // nothing was reported: the SDK was never loaded
    // Loading and capturing are local work; only the network is bounded.
    await Promise.allSettled(this.pending);
    const backend = await this.backend;
    if (backend === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    // A referenced timer keeps the process alive while the SDK's (unreferenced) requests run.
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    try {
      await Promise.race([
        backend.flush(timeoutMs).then(
          () => undefined,
          (failure: unknown) => this.explain('could not flush', failure),
        ),
        bound,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private load(): Promise<MonitorBackend | undefined> {
    this.backend ??= import('./sentry-monitor.js')
      .then((sentry) => sentry.startSentry(this.settings))
      .catch((failure: unknown) => {
        // The SDK is missing or broken: a fault of the installation, not an outage: say so once.
        this.stderr.write(`${words(msg('monitoring.sdkFailed', { detail: oneLine(failure) }))}\n`);
        return undefined;
      });
    return this.backend;
  }

  /** A monitoring failure never changes the command's output; with EPIC_DEBUG=1 it is shown. */
  private explain(what: string, failure: unknown): void {
    if (this.debug) this.stderr.write(`monitoring: ${what}: ${oneLine(failure)}\n`);
  }
}

function oneLine(value: unknown): string {
  const text = value instanceof Error ? value.message : typeof value === 'string' ? value : 'unknown failure';
  return text.split(/\r?\n/)[0] ?? 'unknown failure';
}
