/**
 * What the monitor (monitor.ts) and the Sentry adapter it loads lazily
 * (sentry-monitor.ts) agree on: the reports, and what the adapter offers once
 * loaded. Its own module, so neither of the two imports the other's code.
 */

/** One accepted change worth an event in the monitoring service: ids and roles only. */
export interface DomainReport {
  /** e.g. "user role changed" */
  readonly message: string;
  /** The domain event type, e.g. UserRoleChanged. */
  readonly eventType: string;
  readonly recordType: 'user' | 'contract';
  readonly recordId: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly tags?: Readonly<Record<string, string>>;
}

/** What the Sentry adapter offers once loaded (src/monitoring/sentry-monitor.ts). */
export interface MonitorBackend {
  captureException(error: unknown, tags: Readonly<Record<string, string>>): string;
  captureMessage(report: DomainReport, tags: Readonly<Record<string, string>>): string;
  flush(timeoutMs: number): Promise<boolean>;
}

export interface MonitorSettings {
  readonly dsn: string;
  readonly environment: string | undefined;
  /** Literal secrets of this installation, redacted wherever they appear (read when an event is sent). */
  readonly secrets: () => readonly string[];
  /** How long one request to the monitoring service may take. */
  readonly requestTimeoutMs: number;
}

/** What keeps SENTRY_DSN from being a Sentry DSN, by name (the catalogue words each: `monitoring.dsnInvalid`). */
export type DsnProblem = 'notUrl' | 'notHttp' | 'noKey' | 'noProject';
