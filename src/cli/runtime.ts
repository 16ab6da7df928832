import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { auditKeyring } from '../auth/audit-keyring.js';
import { loadSecret } from '../auth/secret.js';
import type { Actor, ActorContext, CommandContext } from '../commands/handler-context.js';
import type { Config } from '../config/config.js';
import { readPrivateFile, removeFile, writePrivateFile } from '../config/private-files.js';
import { NotAuthenticated, type ReadDbDamaged } from '../errors.js';
import type { AuditKeyring } from '../events/audit-key.js';
import type { CredentialStore } from '../events/credential-store.js';
import type { EventStore, RecordedEvent } from '../events/event-store.js';
import { nameUuid } from '../events/name-uuid.js';
import { type Message, msg } from '../i18n/message.js';
import type { ReadDb } from '../projections/read-db/open-read-db.js';

/**
 * Opens what a command needs, lazily and once: the event store, the read
 * database (caught up with the log before anyone reads it), the session.
 * Heavy modules (drivers, Kysely, jose, bcrypt) load here, never at start-up.
 *
 * With EPIC_PROJECTIONS=external a follower (`epic projection run --follow`)
 * keeps the read tables, and commands do not catch them up: before reading
 * they look how far behind the tables are, and after a write they wait for
 * the follower to apply it, up to EPIC_PROJECTIONS_MAX_LAG; past that they
 * warn (one line on stderr) and go on. Tables never built at all are built
 * here once (a fresh read database, before the follower's first run).
 */
export class Runtime {
  private stores?: Promise<{ store: EventStore; credentials: CredentialStore }>;
  private read?: Promise<ReadDb>;
  private caughtUp?: Promise<void>;
  private readonly warned = new Set<string>();
  #commandId: string = randomUUID();
  /** Set once a change command's events and log entry are in the store: from then on it exits 0 (docs/cli.md, "Exit codes"). */
  changeSaved = false;
  /** The audit key appends are chained with: EPIC_AUDIT_KEY or $EPIC_HOME/audit.key, generated for a log that has none yet. */
  readonly keyring: AuditKeyring;

  constructor(
    readonly config: Config,
    readonly now: () => Date = () => new Date(),
    /** Where a warning goes (the CLI: one line on stderr); each one at most once per command. */
    private readonly warn: (text: Message) => void = () => {},
  ) {
    // A key generated now (a new log, or the switch-over of an older one) is the only copy: say so at once.
    this.keyring = auditKeyring(config, (path) => this.warnOnce(msg('chain.keyCreated', { path })));
  }

  /** The id every event of this command carries: random, or derived from an idempotency key (`keyCommand`). */
  get commandId(): string {
    return this.#commandId;
  }

  /**
   * `--idempotency-key K`: the command id, and so every event id and every id
   * the command creates, derive from the key and the acting user. The same
   * key by another user is another command.
   */
  keyCommand(actorId: string, key: string): void {
    this.#commandId = nameUuid(`epic idempotency key\u0000${actorId}\u0000${key}`);
  }

  /**
   * A new try of the same command (a password typed again after a refusal):
   * its own command id, derived from the first, so that its events and its
   * command-log entry are its own. Under the first id they would carry the
   * refused try's event ids, and the store would take them for that try's,
   * recorded already: the next failure would not be counted, a success would
   * start no session.
   */
  nextTry(attempt: number): void {
    this.#firstTry ??= this.#commandId;
    this.#commandId = nameUuid(`${this.#firstTry}\u0000try ${attempt}`);
  }
  #firstTry: string | undefined;

  get sessionPath(): string {
    return join(this.config.home, 'session');
  }

  async eventStore(): Promise<{ store: EventStore; credentials: CredentialStore }> {
    this.stores ??= (async () => {
      const [{ openEventStore }, { credentialVersions }, { USERS_STREAM }] = await Promise.all([
        import('../events/open-event-store.js'),
        import('../domain/users/credential-versions.js'),
        import('../domain/users/user-events.js'),
      ]);
      const opened = await openEventStore(this.config.eventStoreUrl, {
        keyring: this.keyring,
        credentialLog: { streamId: USERS_STREAM, versions: credentialVersions },
      });
      try {
        const { refuseLostStore } = await import('./lost-store.js');
        await refuseLostStore(opened.store, this.config, () => this.readDbAsIs());
      } catch (error) {
        await Promise.allSettled([opened.credentials.close(), opened.store.close()]);
        throw error;
      }
      return opened;
    })();
    return this.stores;
  }

  /**
   * The read database, with every projection caught up to the head of the log
   * once per command (a command that writes catches up again through `catchUp`).
   */
  async readDb(): Promise<ReadDb> {
    const db = await this.readDbAsIs();
    this.caughtUp ??= this.config.projections === 'external' ? this.checkReadSide('read') : this.catchUp();
    await this.caughtUp;
    return db;
  }

  /** The read database as it stands, not caught up (`epic projection *` decide what to run on it). */
  async readDbAsIs(): Promise<ReadDb> {
    this.read ??= (async () => {
      const { openReadDb } = await import('../projections/read-db/open-read-db.js');
      return openReadDb(this.config.readDbUrl);
    })();
    return this.read;
  }

  /**
   * Applies what the log holds beyond the checkpoints (after a write: the
   * caller reads its own write); with EPIC_PROJECTIONS=external, waits for
   * the follower to apply it instead.
   */
  catchUp(): Promise<void> {
    if (this.config.projections === 'external') {
      this.caughtUp = this.checkReadSide('write');
      return this.caughtUp;
    }
    this.caughtUp = (async () => {
      const [readDb, { caughtUp }, { store }] = await Promise.all([
        this.readDbAsIs(),
        import('../projections/caught-up.js'),
        this.eventStore(),
      ]);
      // Already at the head (the usual read): the projector and the projections are not even loaded.
      if (await caughtUp(store, readDb)) return;
      const { catchUp } = await import('../projections/projector.js');
      await catchUp(store, readDb, {
        onAheadOfLog: (names) => this.warnOnce(msg('faults.readDb.aheadOfLog', { names })),
        onDivergedFromLog: (names) => this.warnOnce(msg('faults.readDb.divergedFromLog', { names })),
        onCheckpointLost: (names) => this.warnOnce(msg('faults.readDb.checkpointLost', { names })),
      });
    })();
    return this.caughtUp;
  }

  /** EPIC_PROJECTIONS=external: how far behind the read tables are (after a write: once the follower has applied it, or given up waiting). */
  private async checkReadSide(after: 'read' | 'write'): Promise<void> {
    const [readDb, { store }, { readSideLag, waitForReadSide }, { msg }] = await Promise.all([
      this.readDbAsIs(),
      this.eventStore(),
      import('../projections/read-side-lag.js'),
      import('../i18n/message.js'),
    ]);
    const limitMs = this.config.projectionsMaxLagSeconds * 1000;
    let lag = await readSideLag(store, readDb, this.now);
    if (lag.unbuilt.length > 0) {
      const { catchUp } = await import('../projections/projector.js');
      await catchUp(store, readDb);
      return;
    }
    let waitedInVain = false;
    // A follower already too far behind is not waited for: the warning says why the write may not show.
    if (after === 'write' && lag.ms <= limitMs) {
      waitedInVain = !(await waitForReadSide(readDb, await store.headPosition(), { timeoutMs: limitMs }));
      if (waitedInVain) lag = await readSideLag(store, readDb, this.now);
    }
    if (lag.otherVersion.length > 0) this.warnOnce(msg('readSide.otherVersion', { names: lag.otherVersion }));
    if (waitedInVain || lag.ms > limitMs) {
      const seconds = Math.max(Math.round(lag.ms / 1000), this.config.projectionsMaxLagSeconds);
      this.warnOnce(msg('readSide.lagging', { seconds, limitSeconds: this.config.projectionsMaxLagSeconds }));
    }
  }

  /**
   * The SQLite read database `damage` names is set aside and rebuilt from the
   * log (it holds nothing else): true when the command may run again on the
   * rebuilt tables. Not with EPIC_PROJECTIONS=external, where the follower
   * owns the file (`epic projection rebuild` is the way there).
   */
  async repairReadDb(damage: ReadDbDamaged): Promise<boolean> {
    if (this.config.projections === 'external' || this.read === undefined) return false;
    const readDb = await this.read.catch(() => undefined);
    if (damage.path === null) {
      // MySQL: the database stays; the projections whose tables are damaged are rebuilt in it from the log.
      if (readDb?.dialect !== 'mysql') return false;
      const [{ repairTables }, { store }] = await Promise.all([import('../projections/projector.js'), this.eventStore()]);
      this.caughtUp = undefined;
      const names = await repairTables(store, readDb, { now: this.now });
      this.warnOnce(msg('faults.readDb.tablesRebuilt', { names }));
      await this.readDb();
      return true;
    }
    const file = readDb?.file ?? { path: damage.path, ...statOf(damage.path) };
    if (file.path !== damage.path || file.ino === undefined) return false;
    await readDb?.close().catch(() => undefined);
    this.read = undefined;
    this.caughtUp = undefined;
    const { setAsideDamaged } = await import('../projections/read-db/set-aside.js');
    const aside = setAsideDamaged({ path: file.path, dev: file.dev, ino: file.ino }, this.now());
    this.warnOnce(msg('faults.readDb.rebuilt', { path: damage.path, aside: aside ?? null }));
    await this.readDb();
    return true;
  }

  private warnOnce(text: Message): void {
    if (this.warned.has(text.key)) return;
    this.warned.add(text.key);
    this.warn(text);
  }

  async context(): Promise<CommandContext> {
    const { store, credentials } = await this.eventStore();
    const recorded: RecordedEvent[] = [];
    return { store, credentials, commandId: this.commandId, now: this.now, recorded };
  }

  /** The acting user from the session file, re-read from the log now. */
  async actor(): Promise<Actor & { sessionId: string }> {
    const token = readPrivateFile(this.sessionPath, 'session');
    if (token === undefined || token.trim() === '') throw new NotAuthenticated(msg('cli.notLoggedIn'));
    const secret = loadSecret(this.config);
    const [{ resolveActor }, context] = await Promise.all([import('../commands/session-handler.js'), this.context()]);
    const actor = await resolveActor(context, token, secret);
    this.knownActor = actor;
    return actor;
  }

  /** The acting user once `actor()` has authenticated them (a read's command-log entry names them). */
  knownActor: Actor | undefined;

  async actorContext(actor: Actor): Promise<ActorContext> {
    return { ...(await this.context()), actor };
  }

  saveSession(token: string): void {
    writePrivateFile(this.sessionPath, `${token}\n`);
  }

  clearSession(): void {
    removeFile(this.sessionPath);
  }

  /** Closes what was opened; a failure to close is thrown after everything else was closed. */
  async close(): Promise<void> {
    // A store that failed to open has nothing to close: that failure was the command's to report.
    const opened = <T>(promise: Promise<T> | undefined) =>
      promise?.then(
        (value) => value,
        () => undefined,
      );
    const [read, stores] = await Promise.all([opened(this.read), opened(this.stores)]);
    const results = await Promise.allSettled([read?.close(), stores?.credentials.close(), stores?.store.close()]);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  }
}

/** The file a read database that failed to open would have been: its identity, if it exists. */
function statOf(path: string): { dev: number; ino: number | undefined } {
  try {
    const { dev, ino } = statSync(path);
    return { dev, ino };
  } catch {
    return { dev: 0, ino: undefined }; // gone: nothing to set aside
  }
}
