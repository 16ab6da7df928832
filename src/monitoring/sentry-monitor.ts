import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Breadcrumb } from '@sentry/node';
import * as Sentry from '@sentry/node';
import type { MonitorBackend, MonitorSettings } from './monitor-backend.js';
import { scrubEvent, scrubValue } from './scrub.js';

/**
 * The Sentry adapter, imported only when something is to be reported
 * (src/monitoring/monitor.ts). A minimal SDK: no default integrations (no
 * global handlers that exit the process, no console or HTTP breadcrumbs, no
 * source lines, no local variables, no host or module inventory), no tracing,
 * no client reports. Every event and breadcrumb is scrubbed before it leaves.
 */
let started: { key: string; backend: MonitorBackend } | undefined;

export function startSentry(settings: MonitorSettings): MonitorBackend {
  const key = `${settings.dsn}\n${settings.environment ?? ''}`;
  if (started?.key === key) return started.backend;
  Sentry.init({
    dsn: settings.dsn,
    environment: settings.environment ?? 'production',
    release: release(),
    defaultIntegrations: false,
    // Errors' `cause` chains (a driver error under ours) are worth seeing; they are scrubbed like the rest.
    integrations: [Sentry.linkedErrorsIntegration()],
    // Collect nothing automatically; what is sent is what this file builds, scrubbed.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      databaseQueryData: false,
      queues: false,
      stackFrameVariables: false,
      frameContextLines: 0,
      graphQL: { document: false, variables: false },
      genAI: { inputs: false, outputs: false },
      mcp: { inputs: false, outputs: false },
    },
    includeServerName: false,
    sendClientReports: false,
    attachStacktrace: false,
    maxBreadcrumbs: 20,
    // Explicit, so SENTRY_DEBUG or SENTRY_SPOTLIGHT in the environment cannot print on stdout or send elsewhere.
    debug: false,
    spotlight: false,
    beforeSend: (event) => failClosed(() => scrubEvent(event, settings.secrets())),
    // A breadcrumb is a flat record (message, category, data): every key and string is checked.
    beforeBreadcrumb: (breadcrumb) => failClosed(() => scrubValue(breadcrumb, settings.secrets()) as Breadcrumb),
    transportOptions: { httpModule: detachedRequests(settings.requestTimeoutMs) },
  });
  const backend: MonitorBackend = {
    captureException: (error, tags) => Sentry.captureException(error, { level: 'error', tags: { ...tags } }),
    captureMessage: (report, tags) =>
      Sentry.captureMessage(report.message, {
        level: 'info',
        tags: {
          ...tags,
          ...report.tags,
          event_type: report.eventType,
          record_type: report.recordType,
          record_id: report.recordId,
          actor_id: report.actor.id,
          actor_role: report.actor.role,
        },
        fingerprint: ['epic-domain-event', report.eventType],
      }),
    flush: (timeoutMs) => Sentry.flush(timeoutMs),
  };
  started = { key, backend };
  return backend;
}

/** Scrubbing that fails drops the item (null): never sent half-scrubbed. */
function failClosed<T>(scrub: () => T): T | null {
  try {
    return scrub();
  } catch {
    return null;
  }
}

/** `epic-events-crm@<version>` from the package this file ships in. */
function release(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return `${pkg.name}@${pkg.version}`;
}

/**
 * The SDK's requests, detached from the process's lifetime: their sockets do
 * not keep Node running (the monitor's flush holds it open for a bounded
 * time instead), and a request that gets no answer is abandoned. A slow or
 * silent endpoint therefore delays the exit by the flush bound at most.
 */
function detachedRequests(timeoutMs: number) {
  return {
    request(options: http.RequestOptions | string | URL, callback?: (response: http.IncomingMessage) => void): http.ClientRequest {
      const secure =
        typeof options === 'object' && !(options instanceof URL) ? options.protocol === 'https:' : String(options).startsWith('https:');
      const request = secure ? https.request(options, callback) : http.request(options, callback);
      request.on('socket', (socket) => socket.unref());
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer from Sentry within ${timeoutMs} ms`)));
      return request;
    },
  };
}
