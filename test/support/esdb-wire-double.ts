/**
 * A wire-level test double of an insecure, single-node EventStoreDB: a real
 * gRPC server (@grpc/grpc-js) on 127.0.0.1 that speaks the protocol with the
 * service definitions and protobuf messages `@eventstore/db-client` ships in
 * its `generated/` folder, so the client under test runs unmodified over
 * HTTP/2. It keeps its log in memory and implements what the adapter uses:
 *
 * - ServerFeatures.GetSupportedMethods, advertising Streams.BatchAppend (as
 *   21.10 and later do), or not, or not served at all (as 20.6: the client
 *   then assumes an old server);
 * - Streams.Append (client streaming) and Streams.BatchAppend (bidirectional);
 * - Streams.Read of a stream, of `$all` (forwards, backwards, from a position)
 *   and catch-up subscriptions to `$all` with stream-name or event-type
 *   filters (regex or prefixes), search windows and checkpoints.
 *
 * Semantics followed (EventStoreDB 23.10/24.x, src/EventStore.Core): stream
 * revisions are 0-based; the idempotency rules of IndexWriter.CheckCommit
 * (a batch whose ids are already at the expected place is acknowledged
 * without writing; for `any`, ids are looked up among committed events, here
 * without the server's cache bound); wrong-expected-version answers carry
 * the current and expected revisions; a missing stream reads as a
 * StreamNotFound message, a tombstoned one fails with "stream-deleted";
 * `$all` positions are byte offsets of records in the log, commit = prepare
 * for each event, and a read or subscription from an offset that is not the
 * start of a record fails with INVALID_ARGUMENT "Trying to read from an
 * invalid position."; reads from a position include the event there,
 * subscriptions start strictly after it (or, with `legacySubscriptionStart`,
 * after the first matching event at or after it, as 23.10 does); a filtered
 * subscription sends a checkpoint every `checkpointIntervalMultiplier` x
 * `maxSearchWindow` events it looks at, one when it catches up, then
 * CaughtUp; `$maxCount` stream metadata hides older events from stream reads
 * (they stay in `$all` until a scavenge, as on a real server); a fresh
 * database already holds a few system events.
 *
 * Clusters (EsdbWireCluster): several doubles share one log, and each
 * serves Gossip.Read with every member's state, liveness and address (what
 * the client's discovery reads). A follower serves reads, forwards writes,
 * and answers a call sent with `requires-leader: true` with NotLeader and
 * the leader's address (NOT_FOUND "Leader info available", trailers
 * exception=not-leader, leader-endpoint-host/port, as RpcExceptions.LeaderInfo;
 * on BatchAppend it ends the whole call, as the server's response
 * conversion throws it); a node without a leader answers UNAVAILABLE "Server
 * Is Not Ready"; a node can crash in the middle of an append, before or after
 * committing it, so the client's connection drops without an answer.
 *
 * Tombstone (a hard delete: reads then fail with stream-deleted) is
 * implemented, without its expected revision (any is taken).
 *
 * Not implemented (UNIMPLEMENTED or ignored): stream subscriptions, the
 * Delete RPC, links, ACLs and authentication,
 * TLS, deadlines sent by the client, structured UUIDs in answers, replication
 * lag (a follower reads what the leader committed at once), elections of
 * their own (the test elects).
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  Metadata,
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';

type StreamsPb = typeof import('@eventstore/db-client/generated/streams_pb.js');
type StreamsGrpc = typeof import('@eventstore/db-client/generated/streams_grpc_pb.js');
type SharedPb = typeof import('@eventstore/db-client/generated/shared_pb.js');
type FeaturesPb = typeof import('@eventstore/db-client/generated/serverfeatures_pb.js');
type FeaturesGrpc = typeof import('@eventstore/db-client/generated/serverfeatures_grpc_pb.js');
type GossipPb = typeof import('@eventstore/db-client/generated/gossip_pb.js');
type GossipGrpc = typeof import('@eventstore/db-client/generated/gossip_grpc_pb.js');
type StatusPb = typeof import('@eventstore/db-client/generated/status_pb.js');
type AnyPb = typeof import('google-protobuf/google/protobuf/any_pb.js');
type EmptyPb = typeof import('google-protobuf/google/protobuf/empty_pb.js');

// The generated modules are CommonJS: load them the way the client does, from its own
// folder, so that the message classes are the very ones its serializers check with
// instanceof. require() returns `any`; each cast names the module's declaration file.
const requireGenerated = createRequire(createRequire(import.meta.url).resolve('@eventstore/db-client/generated/streams_pb.js'));
const streamsPb = requireGenerated('./streams_pb.js') as StreamsPb;
const streamsGrpc = requireGenerated('./streams_grpc_pb.js') as StreamsGrpc;
const sharedPb = requireGenerated('./shared_pb.js') as SharedPb;
const featuresPb = requireGenerated('./serverfeatures_pb.js') as FeaturesPb;
const featuresGrpc = requireGenerated('./serverfeatures_grpc_pb.js') as FeaturesGrpc;
const gossipPb = requireGenerated('./gossip_pb.js') as GossipPb;
const gossipGrpc = requireGenerated('./gossip_grpc_pb.js') as GossipGrpc;
const statusPb = requireGenerated('./status_pb.js') as StatusPb;
const anyPb = requireGenerated('google-protobuf/google/protobuf/any_pb.js') as AnyPb;
const emptyPb = requireGenerated('google-protobuf/google/protobuf/empty_pb.js') as EmptyPb;

const { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadReq, ReadResp, TombstoneReq, TombstoneResp } = streamsPb;
type TombstoneReq = InstanceType<typeof TombstoneReq>;
type TombstoneResp = InstanceType<typeof TombstoneResp>;
type AppendReq = InstanceType<typeof AppendReq>;
type AppendResp = InstanceType<typeof AppendResp>;
type BatchAppendReq = InstanceType<typeof BatchAppendReq>;
type BatchAppendResp = InstanceType<typeof BatchAppendResp>;
type ReadReq = InstanceType<typeof ReadReq>;
type ReadResp = InstanceType<typeof ReadResp>;
type SupportedMethods = InstanceType<FeaturesPb['SupportedMethods']>;
type ClusterInfo = InstanceType<GossipPb['ClusterInfo']>;
type Empty = InstanceType<SharedPb['Empty']>;

/** The server's expected-version numbers (ExpectedVersion in EventStore.Core). */
const ANY = -2;
const NO_STREAM = -1;
const STREAM_EXISTS = -4;
/** ReadBatchSize of the server's enumerators: the default search window. */
const DEFAULT_SEARCH_WINDOW = 32;

export interface StoredRecord {
  /** Byte offset of the record in the log: the event's commit and prepare position. */
  readonly position: bigint;
  readonly streamId: string;
  /** 0-based. */
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
}

interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export type WriteOutcome =
  | { readonly kind: 'success'; readonly currentRevision: number; readonly position: bigint | undefined }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision: number }
  | { readonly kind: 'stream-deleted' };

/** A $all position: a record's offset, and where in it. Compared as the server's TFPos. */
interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

function compare(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

const at = (record: StoredRecord): LogPosition => ({ commit: record.position, prepare: record.position });

/** The in-memory database: one transaction log, indexed by stream and by event id. */
class Log {
  readonly records: StoredRecord[] = [];
  /** Offsets where a record starts; 0 is the epoch record every database begins with. */
  readonly #boundaries = new Set<bigint>([0n]);
  #end = 128n;
  readonly #streams = new Map<string, StoredRecord[]>();
  readonly #committed = new Map<string, { readonly streamId: string; readonly revision: number }>();
  readonly #tombstoned = new Set<string>();
  readonly #listeners = new Set<() => void>();

  /** The offset where the next record goes: a valid position to read from, with nothing after it. */
  get end(): bigint {
    return this.#end;
  }

  isRecordStart(offset: bigint): boolean {
    return this.#boundaries.has(offset) || offset === this.#end;
  }

  lastRevision(streamId: string): number {
    return (this.#streams.get(streamId)?.length ?? 0) - 1;
  }

  isTombstoned(streamId: string): boolean {
    return this.#tombstoned.has(streamId);
  }

  tombstone(streamId: string): void {
    this.#tombstoned.add(streamId);
  }

  /**
   * Replaces the whole log with `records` (in position order, each stream's
   * revisions 0..n-1), as an edit of the server's files would: the indexes
   * are rebuilt from them. Only for tamper-evidence tests.
   */
  rewrite(records: readonly StoredRecord[]): void {
    this.records.splice(0, this.records.length, ...records);
    this.#streams.clear();
    this.#committed.clear();
    this.#boundaries.clear();
    this.#boundaries.add(0n);
    for (const record of records) {
      const stream = this.#streams.get(record.streamId) ?? [];
      stream.push(record);
      this.#streams.set(record.streamId, stream);
      this.#committed.set(record.id, { streamId: record.streamId, revision: record.revision });
      this.#boundaries.add(record.position);
      if (record.position >= this.#end) this.#end = record.position + 1n;
    }
  }

  /** The events a stream read sees: all, or the last `$maxCount` of its metadata. */
  visible(streamId: string): readonly StoredRecord[] {
    const events = this.#streams.get(streamId) ?? [];
    const meta = this.#streams.get(`$$${streamId}`)?.at(-1);
    if (meta === undefined || meta.type !== '$metadata') return events;
    try {
      const maxCount: unknown = (JSON.parse(Buffer.from(meta.data).toString('utf8')) as Record<string, unknown>).$maxCount;
      return typeof maxCount === 'number' && maxCount >= 0 ? events.slice(Math.max(0, events.length - maxCount)) : events;
    } catch {
      return events; // metadata that is not JSON sets no limit, as on the server
    }
  }

  /** Index of the first record at or after (inclusive) or strictly after `position`. */
  indexFrom(position: LogPosition, inclusive: boolean): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const c = compare(at(this.records[middle]!), position);
      if (c < 0 || (c === 0 && !inclusive)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  wakeListeners(): void {
    for (const listener of this.#listeners) listener();
  }

  onWrite(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** IndexWriter.CheckCommit, then the write. */
  write(streamId: string, expected: number, events: readonly ProposedEvent[]): WriteOutcome {
    if (this.#tombstoned.has(streamId)) return { kind: 'stream-deleted' };
    const current = this.lastRevision(streamId);
    const wrong: WriteOutcome = { kind: 'wrong-expected-version', currentRevision: current };
    if (expected === STREAM_EXISTS && current < 0 && this.lastRevision(`$$${streamId}`) < 0) return wrong;

    if (expected === ANY || expected === STREAM_EXISTS) {
      const found = events.map((event) => this.#committed.get(event.id));
      const first = found[0];
      if (first !== undefined && first.streamId === streamId) {
        // Every id already committed to this stream: idempotent; only some: "corrupted idempotency", answered as a wrong version.
        const all = found.every((info) => info !== undefined && info.streamId === streamId);
        return all ? this.#idempotent(streamId, found.at(-1)!.revision) : wrong;
      }
    } else if (expected < current) {
      let revision = expected;
      for (const event of events) {
        revision += 1;
        if (this.#streams.get(streamId)?.[revision]?.id !== event.id) return wrong;
      }
      return revision === expected ? wrong : this.#idempotent(streamId, revision);
    } else if (expected > current) {
      return wrong;
    }

    let last: StoredRecord | undefined;
    const stream = this.#streams.get(streamId) ?? [];
    for (const event of events) {
      const record: StoredRecord = {
        position: this.#end,
        streamId,
        revision: stream.length,
        ...event,
        created: BigInt(Date.now()) * 10_000n,
      };
      this.#boundaries.add(record.position);
      this.#end += BigInt(88 + Buffer.byteLength(streamId) + Buffer.byteLength(event.type) + event.data.length + event.metadata.length);
      this.records.push(record);
      stream.push(record);
      this.#committed.set(event.id, { streamId, revision: record.revision });
      last = record;
    }
    this.#streams.set(streamId, stream);
    if (last !== undefined) this.wakeListeners();
    return { kind: 'success', currentRevision: last?.revision ?? current, position: last?.position };
  }

  #idempotent(streamId: string, revision: number): WriteOutcome {
    return { kind: 'success', currentRevision: revision, position: this.#streams.get(streamId)?.[revision]?.position };
  }
}

export interface EsdbWireDoubleOptions {
  /** Advertise and serve Streams.BatchAppend, as EventStoreDB 21.10 and later do; default true. */
  readonly batchAppend?: boolean;
  /** Serve ServerFeatures; false answers UNIMPLEMENTED, as 20.6 did; default true. */
  readonly serverFeatures?: boolean;
  /** Start a subscription from a position as 23.10 does: after the first matching event at or after it; default false (strictly after it). */
  readonly legacySubscriptionStart?: boolean;
}

/** What stall() holds back: every answer, or only the feature probe's. */
export type StallScope = 'everything' | 'server-features';

/** A JSON event written on the server side, as another client would. */
export interface RawEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly id?: string;
}

/**
 * A node's part in its cluster, as gossip reports it and as it answers:
 * the leader serves everything; a follower serves reads, forwards writes to
 * the leader, and answers NotLeader (with the leader's address) to a call
 * that requires the leader; a node without a leader (elections, no quorum)
 * answers "Server Is Not Ready" (UNAVAILABLE) to every call but gossip.
 */
export type NodeRole = 'leader' | 'follower' | 'not-ready';

/** Where crashOnNextAppend() stops the node: before the events are written, or after (the client hears back neither way). */
export type CrashPoint = 'before-commit' | 'after-commit';

/** What a node of a cluster shares with the others (EsdbWireCluster makes it). */
interface Membership {
  readonly log: Log;
  members(): readonly EsdbWireDouble[];
  leader(): EsdbWireDouble | undefined;
  crashed(node: EsdbWireDouble): void;
}

export class EsdbWireDouble {
  /** How many calls of each RPC the server received, and how many it refused for its role. */
  readonly calls = { features: 0, append: 0, batchAppend: 0, read: 0, subscribe: 0, gossip: 0, notLeader: 0, notReady: 0 };
  /** The node's id in gossip. */
  readonly instanceId = randomUUID();
  readonly #log: Log;
  readonly #membership: Membership | undefined;
  #server = new Server();
  readonly #options: Required<EsdbWireDoubleOptions>;
  readonly #appendHooks: Array<(streamId: string) => void | Promise<void>> = [];
  #stall: { readonly scope: StallScope; readonly released: Promise<void>; readonly release: () => void } | undefined;
  #crash: { readonly point: CrashPoint; readonly done: () => void } | undefined;
  #role: NodeRole = 'leader';
  #stopped = false;
  #port = 0;

  private constructor(options: EsdbWireDoubleOptions, membership?: Membership) {
    this.#options = { batchAppend: true, serverFeatures: true, legacySubscriptionStart: false, ...options };
    this.#membership = membership;
    this.#log = membership?.log ?? new Log();
    if (membership === undefined) this.#seedSystemEvents();
  }

  /** Starts a double on 127.0.0.1 with a free port (`membership`: as a node of an EsdbWireCluster, which passes it). */
  static async start(options: EsdbWireDoubleOptions = {}, membership?: Membership): Promise<EsdbWireDouble> {
    const double = new EsdbWireDouble(options, membership);
    await double.#listen(0);
    return double;
  }

  /** The connection string of this server. */
  get url(): string {
    return `esdb://127.0.0.1:${this.#port}?tls=false`;
  }

  get port(): number {
    return this.#port;
  }

  get role(): NodeRole {
    return this.#role;
  }

  /** False once stopped (or crashed) and until restarted. */
  get alive(): boolean {
    return !this.#stopped;
  }

  /** Every record of the log, in position order. */
  get records(): readonly StoredRecord[] {
    return this.#log.records;
  }

  /** The offset after the last record. */
  get end(): bigint {
    return this.#log.end;
  }

  /** Appends on the server side (system events, another writer), with the server's expected-version rules. */
  append(streamId: string, events: readonly RawEvent[], expected: 'any' | 'no_stream' | number = 'any'): WriteOutcome {
    const version = expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : expected;
    return this.#log.write(
      streamId,
      version,
      events.map((event) => ({
        id: event.id ?? randomUUID(),
        type: event.type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(event.data)),
        metadata: event.metadata === undefined ? new Uint8Array() : Buffer.from(JSON.stringify(event.metadata)),
      })),
    );
  }

  /** Sets what the node answers as (EsdbWireCluster does, at each election). */
  assume(role: NodeRole): void {
    this.#role = role;
  }

  /**
   * The next append this node decides (either RPC) stops the node mid-call,
   * before or after its events are written: the client's connection drops
   * without an answer. Resolves once the node is down.
   */
  crashOnNextAppend(point: CrashPoint): Promise<void> {
    return new Promise((resolve) => {
      this.#crash = { point, done: resolve };
    });
  }

  /**
   * Runs `hook` once, when the next append (either RPC) arrives, and waits for
   * it before deciding that append: a test can write in between, as a
   * concurrent writer would.
   */
  interceptNextAppend(hook: (streamId: string) => void | Promise<void>): void {
    this.#appendHooks.push(hook);
  }

  /**
   * From now on the server accepts calls and answers none (or, with
   * 'server-features', none of the feature probes), until resume().
   */
  stall(scope: StallScope = 'everything'): void {
    this.resume();
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#stall = { scope, released, release };
  }

  /** Answers again, starting with the calls that waited. */
  resume(): void {
    this.#stall?.release();
    this.#stall = undefined;
  }

  async #answer(call: 'features' | 'streams'): Promise<void> {
    for (let stall = this.#stall; stall && (stall.scope === 'everything' || call === 'features'); stall = this.#stall) await stall.released;
  }

  /** Hard-deletes a stream, as the Tombstone RPC would. */
  tombstone(streamId: string): void {
    this.#log.tombstone(streamId);
  }

  /**
   * Edits the stored log behind every client's back, as someone with write
   * access to the server's files could: `edit` gets the records in position
   * order and returns the new ones (a record's `position` must stay the start
   * of its record: keep positions, or give new records an offset between
   * their neighbours'). For tamper-evidence tests.
   */
  tamper(edit: (records: readonly StoredRecord[]) => readonly StoredRecord[]): void {
    this.#log.rewrite([...edit(this.#log.records)].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0)));
  }

  /** Stops at once: open calls end with UNAVAILABLE on the client side. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.resume();
    this.#server.forceShutdown();
    this.#log.wakeListeners();
  }

  /** Listens again on the same port, with the same log (a node that comes back after a crash). */
  async restart(): Promise<void> {
    if (!this.#stopped) return;
    this.#server = new Server();
    await this.#listen(this.#port);
    this.#stopped = false;
  }

  async #listen(port: number): Promise<void> {
    this.#server.addService(streamsGrpc.StreamsService, {
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => {
        void this.#read(call).catch((error: unknown) => fail(call, status.INTERNAL, String(error)));
      },
      append: (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) => this.#append(call, callback),
      tombstone: (call: ServerUnaryCall<TombstoneReq, TombstoneResp>, callback: sendUnaryData<TombstoneResp>) => {
        const refused = this.#refusal(call.metadata);
        if (refused) return callback(refused);
        this.#log.tombstone(streamName(call.request.getOptions()?.getStreamIdentifier()));
        callback(null, new TombstoneResp().setNoPosition(new sharedPb.Empty()));
      },
      ...(this.#options.batchAppend
        ? { batchAppend: (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => this.#batchAppend(call) }
        : {}),
    });
    if (this.#options.serverFeatures) {
      this.#server.addService(featuresGrpc.ServerFeaturesService, {
        getSupportedMethods: (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>) => {
          this.calls.features += 1;
          void this.#answer('features').then(() => callback(null, this.#supportedMethods()));
        },
      });
    }
    this.#server.addService(gossipGrpc.GossipService, {
      read: (_call: ServerUnaryCall<Empty, ClusterInfo>, callback: sendUnaryData<ClusterInfo>) => {
        this.calls.gossip += 1;
        void this.#answer('streams').then(() => callback(null, this.#clusterInfo()));
      },
    });
    this.#port = await new Promise<number>((resolve, reject) => {
      this.#server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      );
    });
  }

  /**
   * Gossip.Read: every member of the cluster (this node alone when it is
   * not in one) with its state, whether it is alive, and the address it
   * serves clients on (the client connects to `httpEndPoint`).
   */
  #clusterInfo(): ClusterInfo {
    const members = this.#membership?.members() ?? [this];
    const ticks = String(BigInt(Date.now()) * 10_000n);
    return new gossipPb.ClusterInfo().setMembersList(
      members.map((member) =>
        new gossipPb.MemberInfo()
          .setInstanceId(new sharedPb.UUID().setString(member.instanceId))
          .setTimeStamp(ticks)
          .setState(vNodeState(member.role))
          .setIsAlive(member.alive)
          .setHttpEndPoint(new gossipPb.EndPoint().setAddress('127.0.0.1').setPort(member.port)),
      ),
    );
  }

  /**
   * What a node that cannot serve this call answers (undefined when it can),
   * as EventStoreDB's RpcExceptions word it: NotLeader is NOT_FOUND with the
   * leader's address in the trailers (a call sent with `requires-leader:
   * true` to a follower); a node without a leader is not ready.
   */
  #refusal(metadata: Metadata): ReturnType<typeof serviceError> | undefined {
    if (this.#role === 'leader') return undefined;
    if (this.#role === 'not-ready') {
      this.calls.notReady += 1;
      return serviceError(status.UNAVAILABLE, 'Server Is Not Ready');
    }
    // A follower reads locally and forwards writes, unless the client requires the leader.
    if (String(metadata.get('requires-leader')[0] ?? '') !== 'true') return undefined;
    this.calls.notLeader += 1;
    const leader = this.#membership?.leader();
    if (leader === undefined) return serviceError(status.UNKNOWN, 'No leader info available in response');
    return serviceError(status.NOT_FOUND, 'Leader info available', {
      exception: 'not-leader',
      'leader-endpoint-host': '127.0.0.1',
      'leader-endpoint-port': String(leader.port),
    });
  }

  /** Runs a crash planned by crashOnNextAppend(): true when the node went down (after writing, for 'after-commit'). */
  async #crashed(write: () => void): Promise<boolean> {
    const crash = this.#crash;
    if (crash === undefined) return false;
    this.#crash = undefined;
    if (crash.point === 'after-commit') write();
    await this.stop();
    this.#membership?.crashed(this);
    crash.done();
    return true;
  }

  /** A fresh database is not empty: the server writes system events of its own. */
  #seedSystemEvents(): void {
    this.append('$$$scavenges', [{ type: '$metadata', data: { $maxAge: 2592000 } }]);
    this.append('$$$stats-127.0.0.1:2113', [{ type: '$metadata', data: { $maxAge: 86400 } }]);
    this.append('$settings', [{ type: '$settings', data: { $userStreamAcl: {}, $systemStreamAcl: {} } }]);
  }

  #supportedMethods(): SupportedMethods {
    const streams = 'event_store.client.streams.streams';
    const methods: Array<[service: string, method: string, features: string[]]> = [
      [streams, 'read', ['position', 'events']],
      [streams, 'append', []],
      [streams, 'delete', []],
      [streams, 'tombstone', []],
      ['event_store.client.server_features.serverfeatures', 'getsupportedmethods', []],
    ];
    if (this.#options.batchAppend) methods.push([streams, 'batchappend', []]);
    return new featuresPb.SupportedMethods()
      .setEventStoreServerVersion('23.10.1.0')
      .setMethodsList(
        methods.map(([service, method, features]) =>
          new featuresPb.SupportedMethod().setServiceName(service).setMethodName(method).setFeaturesList(features),
        ),
      );
  }

  async #beforeWrite(streamId: string): Promise<void> {
    await this.#answer('streams');
    const hooks = this.#appendHooks.splice(0);
    for (const hook of hooks) await hook(streamId);
  }

  // ---- Streams.Append ---------------------------------------------------------------------

  #append(call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void {
    this.calls.append += 1;
    let options: InstanceType<typeof AppendReq.Options> | undefined;
    const events: ProposedEvent[] = [];
    let invalid: string | undefined;
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (message === undefined) return;
      const event = proposed(message);
      if (typeof event === 'string') invalid ??= event;
      else events.push(event);
    });
    call.on('error', () => undefined);
    call.on('end', () => void this.#decideAppend(call.metadata, options, events, invalid, callback));
  }

  async #decideAppend(
    metadata: Metadata,
    options: InstanceType<typeof AppendReq.Options> | undefined,
    events: readonly ProposedEvent[],
    invalid: string | undefined,
    callback: sendUnaryData<AppendResp>,
  ): Promise<void> {
    if (invalid !== undefined) return callback(missingMetadata(invalid));
    if (options === undefined) return callback(serviceError(status.INVALID_ARGUMENT, 'the first message must carry the options'));
    const streamId = streamName(options.getStreamIdentifier());
    const expected = options.hasRevision()
      ? Number(options.getRevision())
      : options.hasNoStream()
        ? NO_STREAM
        : options.hasStreamExists()
          ? STREAM_EXISTS
          : ANY;
    await this.#beforeWrite(streamId);
    const refused = this.#refusal(metadata);
    if (refused !== undefined) return callback(refused);
    if (await this.#crashed(() => this.#log.write(streamId, expected, events))) return;
    const outcome = this.#log.write(streamId, expected, events);
    switch (outcome.kind) {
      case 'stream-deleted':
        return callback(streamDeletedError(streamId));
      case 'wrong-expected-version': {
        const details = new AppendResp.WrongExpectedVersion();
        if (outcome.currentRevision < 0) details.setCurrentNoStream(new sharedPb.Empty());
        else details.setCurrentRevision(String(outcome.currentRevision));
        if (expected === ANY) details.setExpectedAny(new sharedPb.Empty());
        else if (expected === STREAM_EXISTS) details.setExpectedStreamExists(new sharedPb.Empty());
        else if (expected === NO_STREAM) details.setExpectedNoStream(new sharedPb.Empty());
        else details.setExpectedRevision(String(expected));
        return callback(null, new AppendResp().setWrongExpectedVersion(details));
      }
      case 'success': {
        const success = new AppendResp.Success();
        if (outcome.currentRevision < 0) success.setNoStream(new sharedPb.Empty());
        else success.setCurrentRevision(String(outcome.currentRevision));
        if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
        else
          success.setPosition(
            new AppendResp.Position().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)),
          );
        return callback(null, new AppendResp().setSuccess(success));
      }
    }
  }

  // ---- Streams.BatchAppend ----------------------------------------------------------------

  #batchAppend(call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    this.calls.batchAppend += 1;
    const pending = new Map<string, { streamId: string; expected: number; events: ProposedEvent[]; invalid?: string }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlation = request.getCorrelationId();
      const key = uuidText(correlation);
      const options = request.getOptions();
      if (options !== undefined) {
        const expected = options.hasStreamPosition()
          ? Number(options.getStreamPosition())
          : options.hasNoStream()
            ? NO_STREAM
            : options.hasStreamExists()
              ? STREAM_EXISTS
              : ANY;
        pending.set(key, { streamId: streamName(options.getStreamIdentifier()), expected, events: [] });
      }
      const write = pending.get(key);
      if (write === undefined) return;
      for (const message of request.getProposedMessagesList()) {
        const event = proposed(message);
        if (typeof event === 'string') write.invalid ??= event;
        else write.events.push(event);
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      void this.#decideBatch(call, request, write);
    });
    call.on('error', () => undefined);
    call.on('end', () => call.end());
  }

  async #decideBatch(
    call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>,
    request: BatchAppendReq,
    write: { readonly streamId: string; readonly expected: number; readonly events: readonly ProposedEvent[]; readonly invalid?: string },
  ): Promise<void> {
    const correlation = request.getCorrelationId();
    const response = new BatchAppendResp().setCorrelationId(correlation).setStreamIdentifier(identifier(write.streamId));
    if (write.invalid !== undefined) {
      call.write(response.setError(rpcStatus(status.INVALID_ARGUMENT, `Required metadata property '${write.invalid}' is missing`)));
      return;
    }
    await this.#beforeWrite(write.streamId);
    // RpcExceptions.LeaderInfo is thrown from the response conversion: it ends the whole BatchAppend call.
    const refused = this.#refusal(call.metadata);
    if (refused !== undefined) {
      call.emit('error', refused);
      return;
    }
    if (await this.#crashed(() => this.#log.write(write.streamId, write.expected, write.events))) return;
    const outcome = this.#log.write(write.streamId, write.expected, write.events);
    switch (outcome.kind) {
      case 'stream-deleted': {
        const details = new sharedPb.StreamDeleted().setStreamIdentifier(identifier(write.streamId));
        call.write(
          response.setError(
            rpcStatus(
              status.FAILED_PRECONDITION,
              `Event stream '${write.streamId}' is deleted.`,
              details,
              'event_store.client.StreamDeleted',
            ),
          ),
        );
        return;
      }
      case 'wrong-expected-version': {
        const details = new sharedPb.WrongExpectedVersion();
        if (outcome.currentRevision < 0) details.setCurrentNoStream(new emptyPb.Empty());
        else details.setCurrentStreamRevision(String(outcome.currentRevision));
        if (write.expected === ANY) details.setExpectedAny(new emptyPb.Empty());
        else if (write.expected === STREAM_EXISTS) details.setExpectedStreamExists(new emptyPb.Empty());
        else if (write.expected === NO_STREAM) details.setExpectedNoStream(new emptyPb.Empty());
        else details.setExpectedStreamPosition(String(write.expected));
        call.write(
          response.setError(
            rpcStatus(status.FAILED_PRECONDITION, 'Wrong expected version.', details, 'event_store.client.WrongExpectedVersion'),
          ),
        );
        return;
      }
      case 'success': {
        const success = new BatchAppendResp.Success();
        if (outcome.currentRevision < 0) success.setNoStream(new emptyPb.Empty());
        else success.setCurrentRevision(String(outcome.currentRevision));
        if (outcome.position === undefined) success.setNoPosition(new emptyPb.Empty());
        else
          success.setPosition(
            new sharedPb.AllStreamPosition().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)),
          );
        call.write(response.setSuccess(success));
        return;
      }
    }
  }

  // ---- Streams.Read -----------------------------------------------------------------------

  async #read(call: ServerWritableStream<ReadReq, ReadResp>): Promise<void> {
    await this.#answer('streams');
    const refused = this.#refusal(call.metadata);
    if (refused !== undefined) {
      call.emit('error', refused);
      return;
    }
    const options = call.request.getOptions();
    if (options === undefined) return fail(call, status.INVALID_ARGUMENT, 'options are required');
    const stream = options.getStream();
    const all = options.getAll();
    if (options.hasSubscription()) {
      if (all === undefined) return fail(call, status.UNIMPLEMENTED, 'the double serves subscriptions to $all only');
      this.calls.subscribe += 1;
      return this.#subscribe(call, options, all);
    }
    this.calls.read += 1;
    const count = options.hasCount() ? Number(BigInt(options.getCount())) : Number.MAX_SAFE_INTEGER;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    if (stream !== undefined) return this.#readStream(call, stream, count, backwards);
    if (all === undefined) return fail(call, status.INVALID_ARGUMENT, 'a stream or $all is required');

    let records: StoredRecord[];
    if (all.hasStart()) {
      records = backwards ? [] : this.#log.records.slice();
    } else if (all.hasEnd()) {
      records = backwards ? this.#log.records.slice().reverse() : [];
    } else {
      const from = positionOf(all.getPosition());
      if (!this.#log.isRecordStart(from.commit)) return fail(call, status.INVALID_ARGUMENT, 'Trying to read from an invalid position.');
      // Forwards a read includes the event at the position; backwards it starts before it.
      records = backwards
        ? this.#log.records.slice(0, this.#log.indexFrom(from, true)).reverse()
        : this.#log.records.slice(this.#log.indexFrom(from, true));
    }
    const filter = compileFilter(options);
    let sent = 0;
    for (const record of records) {
      if (sent >= count) break;
      if (filter !== undefined && !filter(record)) continue;
      await send(call, eventResponse(record));
      sent += 1;
    }
    call.end();
  }

  async #readStream(
    call: ServerWritableStream<ReadReq, ReadResp>,
    options: InstanceType<typeof ReadReq.Options.StreamOptions>,
    count: number,
    backwards: boolean,
  ): Promise<void> {
    const streamId = streamName(options.getStreamIdentifier());
    if (this.#log.isTombstoned(streamId)) {
      call.emit('error', streamDeletedError(streamId));
      return;
    }
    if (this.#log.lastRevision(streamId) < 0) {
      await send(call, new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(identifier(streamId))));
      call.end();
      return;
    }
    const visible = this.#log.visible(streamId);
    let selected: readonly StoredRecord[];
    if (backwards) {
      const from = options.hasRevision() ? Number(options.getRevision()) : options.hasStart() ? 0 : Number.MAX_SAFE_INTEGER;
      selected = visible.filter((record) => record.revision <= from).reverse();
    } else {
      const from = options.hasRevision() ? Number(options.getRevision()) : options.hasEnd() ? Number.MAX_SAFE_INTEGER : 0;
      selected = visible.filter((record) => record.revision >= from);
    }
    for (const record of selected.slice(0, count)) await send(call, eventResponse(record));
    call.end();
  }

  async #subscribe(
    call: ServerWritableStream<ReadReq, ReadResp>,
    options: InstanceType<typeof ReadReq.Options>,
    all: InstanceType<typeof ReadReq.Options.AllOptions>,
  ): Promise<void> {
    let wake: (() => void) | undefined;
    const stopListening = this.#log.onWrite(() => wake?.());
    call.on('cancelled', () => wake?.());
    try {
      await send(call, new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
      const filter = compileFilter(options) ?? (() => true);
      const filterOptions = options.getFilter();
      const window = filterOptions?.hasMax() === true ? filterOptions.getMax() : DEFAULT_SEARCH_WINDOW;
      const interval = Math.max(1, (filterOptions?.getCheckpointintervalmultiplier() ?? 1) * window);
      const records = this.#log.records;

      let cursor: number;
      let checkpoint: LogPosition;
      if (all.hasStart()) {
        cursor = 0;
        checkpoint = { commit: 0n, prepare: 0n };
      } else if (all.hasEnd()) {
        cursor = records.length;
        checkpoint = { commit: this.#log.end, prepare: this.#log.end };
      } else {
        checkpoint = positionOf(all.getPosition());
        if (!this.#log.isRecordStart(checkpoint.commit))
          return fail(call, status.INVALID_ARGUMENT, 'Trying to read from an invalid position.');
        if (this.#options.legacySubscriptionStart) {
          // 23.10 reads one matching event at or after the position and starts after it.
          const from = this.#log.indexFrom(checkpoint, true);
          const first = records.findIndex((record, index) => index >= from && filter(record));
          cursor = first < 0 ? records.length : first + 1;
        } else {
          cursor = this.#log.indexFrom(checkpoint, false);
        }
      }

      const sendCheckpoint = (position: LogPosition) =>
        send(
          call,
          new ReadResp().setCheckpoint(
            new ReadResp.Checkpoint().setCommitPosition(String(position.commit)).setPreparePosition(String(position.prepare)),
          ),
        );
      // Catching up: search windows of `window` events; a checkpoint at least every `interval`
      // events looked at, never past what was looked at (the window's start, or the last event sent).
      let considered = 0;
      let windowStart = checkpoint;
      while (cursor < records.length) {
        if (this.#stopped || call.cancelled) return;
        const page = records.slice(cursor, cursor + window);
        cursor += page.length;
        for (const record of page) {
          considered += 1;
          if (!filter(record)) continue;
          await send(call, eventResponse(record));
          checkpoint = at(record);
        }
        if (cursor < records.length) {
          if (considered >= interval) {
            considered %= interval;
            if (compare(checkpoint, windowStart) < 0) checkpoint = windowStart;
            await sendCheckpoint(checkpoint);
          }
          windowStart = { commit: records[cursor]!.position, prepare: 0n };
        }
      }
      // Caught up: everything before the end has been looked at.
      const end: LogPosition = { commit: this.#log.end, prepare: 0n };
      if (compare(checkpoint, end) < 0) checkpoint = end;
      await sendCheckpoint(checkpoint);
      await send(call, new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
      // Live: each new event as it is written, a checkpoint every `interval` events looked at.
      considered = 0;
      for (;;) {
        while (cursor < records.length) {
          if (this.#stopped || call.cancelled) return;
          const record = records[cursor]!;
          cursor += 1;
          considered += 1;
          if (filter(record)) await send(call, eventResponse(record));
          if (considered >= interval) {
            considered = 0;
            await sendCheckpoint(at(record));
          }
        }
        if (this.#stopped || call.cancelled) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      stopListening();
    }
  }
}

/** The gossip state of a role (MemberInfo.VNodeState): a node without a leader is in elections, UNKNOWN. */
function vNodeState(role: NodeRole): number {
  const { VNodeState } = gossipPb.MemberInfo;
  switch (role) {
    case 'leader':
      return VNodeState.LEADER;
    case 'follower':
      return VNodeState.FOLLOWER;
    case 'not-ready':
      return VNodeState.UNKNOWN;
    default:
      return assertNever(role);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}

// ---- A cluster ------------------------------------------------------------------------------

export interface EsdbWireClusterOptions extends EsdbWireDoubleOptions {
  /** How many nodes; default 3. */
  readonly size?: number;
}

/**
 * A cluster of doubles on 127.0.0.1 sharing one log (replication is
 * instant: what the leader commits, every follower reads at once). The test
 * plays the elections: elect() makes a node the leader and every other live
 * node a follower; loseQuorum() leaves every node without a leader; a
 * crashed leader leaves the others without one until the test elects again
 * (as a real cluster does for the second or so its election takes).
 * Gossip on every node reports every member with its state, whether it is
 * alive and its address, which is what the client's discovery reads.
 */
export class EsdbWireCluster {
  readonly nodes: readonly EsdbWireDouble[];
  #leader: EsdbWireDouble | undefined;
  #stopped = false;

  private constructor(nodes: readonly EsdbWireDouble[]) {
    this.nodes = nodes;
  }

  /** Starts `size` nodes, the first one the leader. */
  static async start(options: EsdbWireClusterOptions = {}): Promise<EsdbWireCluster> {
    const { size = 3, ...nodeOptions } = options;
    const log = new Log();
    const nodes: EsdbWireDouble[] = [];
    let cluster: EsdbWireCluster | undefined;
    const membership: Membership = {
      log,
      members: () => nodes,
      leader: () => cluster?.leader,
      crashed: (node) => {
        if (cluster !== undefined) cluster.#crashed(node);
      },
    };
    for (let i = 0; i < size; i++) nodes.push(await EsdbWireDouble.start(nodeOptions, membership));
    cluster = new EsdbWireCluster(nodes);
    nodes[0]?.append('$$$scavenges', [{ type: '$metadata', data: { $maxAge: 2592000 } }]);
    nodes[0]?.append('$settings', [{ type: '$settings', data: { $userStreamAcl: {}, $systemStreamAcl: {} } }]);
    cluster.elect(nodes[0]);
    return cluster;
  }

  get leader(): EsdbWireDouble | undefined {
    return this.#leader;
  }

  /** `esdb+discover://` with every node as a gossip seed. */
  get discoverUrl(): string {
    return `esdb+discover://${this.#hosts()}?tls=false`;
  }

  /** `esdb://` with several hosts (the client discovers the leader through their gossip as well). */
  get hostsUrl(): string {
    return `esdb://${this.#hosts()}?tls=false`;
  }

  get records(): readonly StoredRecord[] {
    return this.nodes[0]?.records ?? [];
  }

  /** Makes `node` the leader (undefined: no leader), every other live node a follower (or not ready, without a leader). */
  elect(node: EsdbWireDouble | undefined): void {
    if (this.#stopped) return; // a test's delayed election, after the test
    if (node !== undefined && !node.alive) throw new Error('a stopped node cannot be elected');
    this.#leader = node;
    for (const member of this.nodes) member.assume(member === node ? 'leader' : node === undefined ? 'not-ready' : 'follower');
  }

  /** No leader, as when a majority of the nodes is gone: every node answers "not ready" and gossip shows no leader. */
  loseQuorum(): void {
    this.elect(undefined);
  }

  /** Stops a node; when it led, the others are left without a leader until the next elect(). */
  async crash(node: EsdbWireDouble): Promise<void> {
    await node.stop();
    this.#crashed(node);
  }

  /** Brings a stopped node back on its port, as a follower of the current leader (or not ready without one). */
  async restart(node: EsdbWireDouble): Promise<void> {
    await node.restart();
    node.assume(this.#leader === undefined ? 'not-ready' : 'follower');
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const node of this.nodes) await node.stop();
  }

  #crashed(node: EsdbWireDouble): void {
    if (this.#leader === node) this.elect(undefined);
  }

  #hosts(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }
}

// ---- Messages -------------------------------------------------------------------------------

type ProposedMessage = InstanceType<typeof AppendReq.ProposedMessage> | InstanceType<typeof BatchAppendReq.ProposedMessage>;

/** The event a client proposes, or the name of the required metadata property it lacks. */
function proposed(message: ProposedMessage): ProposedEvent | string {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined) return 'type';
  if (contentType === undefined) return 'content-type';
  return { id: uuidText(message.getId()), type, contentType, data: message.getData_asU8(), metadata: message.getCustomMetadata_asU8() };
}

function eventResponse(record: StoredRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new sharedPb.UUID().setString(record.id))
    .setStreamIdentifier(identifier(record.streamId))
    .setStreamRevision(String(record.revision))
    .setCommitPosition(String(record.position))
    .setPreparePosition(String(record.position))
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', String(record.created));
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(record.position)));
}

/** The server's EventFilter: prefixes when given, else the regex, on the stream name or the event type. */
function compileFilter(options: InstanceType<typeof ReadReq.Options>): ((record: StoredRecord) => boolean) | undefined {
  const filter = options.getFilter();
  if (filter === undefined) return undefined;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (expression === undefined) return undefined;
  const prefixes = expression.getPrefixList();
  const regex = new RegExp(expression.getRegex());
  const test =
    prefixes.length > 0 ? (value: string) => prefixes.some((prefix) => value.startsWith(prefix)) : (value: string) => regex.test(value);
  return (record) => test(onStream ? record.streamId : record.type);
}

function positionOf(position: InstanceType<typeof ReadReq.Options.Position> | undefined): LogPosition {
  return { commit: BigInt(position?.getCommitPosition() ?? '0'), prepare: BigInt(position?.getPreparePosition() ?? '0') };
}

function identifier(streamId: string): InstanceType<SharedPb['StreamIdentifier']> {
  return new sharedPb.StreamIdentifier().setStreamName(Buffer.from(streamId, 'utf8'));
}

function streamName(identifier: InstanceType<SharedPb['StreamIdentifier']> | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function uuidText(uuid: InstanceType<SharedPb['UUID']> | undefined): string {
  if (uuid === undefined) return '';
  const structured = uuid.getStructured();
  if (structured === undefined) return uuid.getString();
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A google.rpc.Status as BatchAppend answers errors, with its details packed in an Any. */
function rpcStatus(
  code: number,
  message: string,
  details?: { serializeBinary(): Uint8Array },
  typeName?: string,
): InstanceType<StatusPb['Status']> {
  const result = new statusPb.Status().setCode(code).setMessage(message);
  const any = new anyPb.Any();
  if (details !== undefined && typeName !== undefined) any.pack(details.serializeBinary(), typeName);
  else any.pack(new emptyPb.Empty().serializeBinary(), 'google.protobuf.Empty');
  return result.setDetails(any);
}

function serviceError(code: status, details: string, metadata: Record<string, string> = {}) {
  const trailers = new Metadata();
  for (const [key, value] of Object.entries(metadata)) trailers.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata: trailers });
}

/** RpcExceptions.StreamDeleted. */
function streamDeletedError(streamId: string) {
  return serviceError(status.FAILED_PRECONDITION, `Event stream '${streamId}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamId,
  });
}

/** RpcExceptions.RequiredMetadataPropertyMissing. */
function missingMetadata(property: string) {
  return serviceError(status.INVALID_ARGUMENT, `Required metadata property '${property}' is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': property,
  });
}

function fail(call: ServerWritableStream<ReadReq, ReadResp>, code: status, details: string): void {
  call.emit('error', serviceError(code, details));
}

/** Writes one message, waiting when the client reads slower than the server writes. */
async function send(call: ServerWritableStream<ReadReq, ReadResp>, message: ReadResp): Promise<void> {
  if (call.cancelled || call.destroyed) return;
  if (call.write(message)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    call.once('drain', done);
    call.once('cancelled', done);
    call.once('close', done);
  });
}
