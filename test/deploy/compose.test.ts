/**
 * The compose files, checked without a Docker engine: parsed (YAML merge keys
 * resolved as compose does) and held to what the docs promise. Both: every
 * image pinned to a version, every service with a health check, named
 * volumes declared. docker-compose.yml: one insecure EventStoreDB node and
 * MySQL. docker-compose.cluster.yml: three nodes that form one cluster (size
 * 3, each seeded with the two others, each advertising the name and port it
 * serves on, its own volumes), MySQL, and the projector (the follower, with
 * its heartbeat health check and a restart policy) reaching every node. The
 * Dockerfile the projector is built from starts from a pinned image too.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { esdbTarget } from '../../src/events/esdb/connection-string.js';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test?: string[]; interval?: string; retries?: number };
  restart?: string;
  depends_on?: Record<string, { condition?: string }>;
  networks?: Record<string, { ipv4_address?: string } | null>;
}

interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const root = new URL('../../', import.meta.url);
const load = (name: string): Compose => parse(readFileSync(new URL(name, root), 'utf8'), { merge: true }) as Compose;
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };

/** `name:tag` with a tag that names a version: digits, not `latest`, not missing. */
function assertPinned(image: string | undefined, where: string): void {
  assert.type(image, 'string', `${where}: an image`);
  const tag = /^[^:@]+(?::([^@]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(image ?? '')?.[1];
  assert.ok(tag !== undefined && tag !== 'latest' && /\d/.test(tag), `${where}: image ${image} is pinned to a version`);
}

function assertCommonRules(file: string, compose: Compose): void {
  const declared = new Set(Object.keys(compose.volumes ?? {}));
  for (const [name, service] of Object.entries(compose.services)) {
    const where = `${file} ${name}`;
    assertPinned(service.image, where);
    assert.ok((service.healthcheck?.test?.length ?? 0) > 0, `${where}: a health check`);
    assert.ok(service.restart === 'unless-stopped' || service.restart === 'always', `${where}: a restart policy`);
    for (const volume of service.volumes ?? []) {
      const source = volume.split(':')[0] ?? '';
      if (!source.startsWith('.') && !source.startsWith('/')) assert.ok(declared.has(source), `${where}: volume ${source} is declared`);
    }
  }
}

test('docker-compose.yml: one insecure EventStoreDB node and MySQL, pinned, with health checks and volumes', () => {
  const compose = load('docker-compose.yml');
  assert.equal(Object.keys(compose.services).sort(), ['eventstore', 'mysql']);
  assertCommonRules('docker-compose.yml', compose);
  const node = compose.services.eventstore;
  assert.is(node?.environment?.EVENTSTORE_CLUSTER_SIZE, '1');
  assert.ok(node?.volumes?.some((v) => v.endsWith(':/var/lib/eventstore')));
  assert.ok(compose.services.mysql?.volumes?.some((v) => v.endsWith(':/var/lib/mysql')));
});

test('docker-compose.cluster.yml: three nodes that form one cluster', () => {
  const compose = load('docker-compose.cluster.yml');
  assert.equal(Object.keys(compose.services).sort(), ['esdb1', 'esdb2', 'esdb3', 'mysql', 'projector']);
  assertCommonRules('docker-compose.cluster.yml', compose);
  const single = load('docker-compose.yml').services.eventstore?.image;
  const nodes = ['esdb1', 'esdb2', 'esdb3'].map((name) => ({ name, service: compose.services[name] as Service }));
  const ips = new Map<string, string>();
  for (const { name, service } of nodes) {
    const ip = service.networks?.cluster?.ipv4_address;
    assert.type(ip, 'string', `${name}: a fixed address for the gossip seeds`);
    ips.set(name, ip ?? '');
  }
  const dataVolumes = new Set<string>();
  for (const { name, service } of nodes) {
    const env = service.environment ?? {};
    assert.is(service.image, single, `${name}: the same server version as the single node`);
    assert.is(env.EVENTSTORE_CLUSTER_SIZE, '3', name);
    assert.is(env.EVENTSTORE_DISCOVER_VIA_DNS, 'false', `${name}: found through its seeds`);
    assert.is(env.EVENTSTORE_INT_IP, ips.get(name), `${name}: replicates on its own address`);
    const port = env.EVENTSTORE_HTTP_PORT ?? '';
    assert.is(env.EVENTSTORE_ADVERTISE_HOST_TO_CLIENT_AS, name, `${name}: advertises its service name`);
    assert.is(env.EVENTSTORE_ADVERTISE_HTTP_PORT_TO_CLIENT_AS, port, `${name}: advertises the port it serves on`);
    assert.ok(service.ports?.includes(`${port}:${port}`), `${name}: published on the same port`);
    const others = nodes
      .filter((other) => other.name !== name)
      .map((other) => `${ips.get(other.name)}:${other.service.environment?.EVENTSTORE_HTTP_PORT}`);
    assert.equal((env.EVENTSTORE_GOSSIP_SEED ?? '').split(',').sort(), others.sort(), `${name}: seeded with the two others`);
    assert.match(
      service.healthcheck?.test?.join(' ') ?? '',
      new RegExp(`localhost:${port}/health/live`),
      `${name}: its own health endpoint`,
    );
    const data = service.volumes?.find((v) => v.endsWith(':/var/lib/eventstore'))?.split(':')[0];
    assert.ok(data !== undefined && !dataVolumes.has(data), `${name}: a data volume of its own`);
    dataVolumes.add(data ?? '');
  }
  assert.is(new Set(nodes.map(({ service }) => service.environment?.EVENTSTORE_HTTP_PORT)).size, 3, 'one port per node');
});

test('docker-compose.cluster.yml: the projector follows every node, with a heartbeat health check and a restart policy', () => {
  const compose = load('docker-compose.cluster.yml');
  const projector = compose.services.projector as Service;
  assert.is(projector.image, `epic-events-crm:${pkg.version}`, 'the image of this version, built from the Dockerfile');
  assert.ok(projector.build !== undefined);
  assert.ok(projector.restart === 'unless-stopped' || projector.restart === 'always');
  const command = projector.command ?? [];
  assert.equal(command.slice(0, 3), ['projection', 'run', '--follow']);
  const heartbeat = command[command.indexOf('--heartbeat') + 1];
  assert.ok(command.includes('--heartbeat') && heartbeat !== undefined);
  assert.ok(projector.healthcheck?.test?.join(' ').includes(heartbeat ?? ''), 'the health check reads the heartbeat file');
  const home = projector.environment?.EPIC_HOME ?? '';
  assert.ok(heartbeat?.startsWith(`${home}/`) && projector.volumes?.some((v) => v.endsWith(`:${home}`)), 'its home is a volume');

  const url = projector.environment?.EPIC_EVENT_STORE ?? '';
  const target = esdbTarget(url, 5000);
  assert.equal([target.cluster, target.hosts], [true, 3]);
  for (const name of ['esdb1', 'esdb2', 'esdb3']) {
    const port = compose.services[name]?.environment?.EVENTSTORE_HTTP_PORT;
    assert.ok(url.includes(`${name}:${port}`), `the projector seeds from ${name}:${port}`);
    assert.is(projector.depends_on?.[name]?.condition, 'service_healthy');
  }
  assert.match(url, /nodePreference=follower/, 'it reads from a follower');
  assert.match(projector.environment?.EPIC_READ_DB ?? '', /^mysql:\/\/[^@]+@mysql:3306\//);
  assert.is(projector.depends_on?.mysql?.condition, 'service_healthy');
  assert.match(projector.environment?.EPIC_SECRET ?? '', /^\$\{EPIC_PROJECTOR_SECRET:\?/, 'no secret committed: it must be given');
  // It never appends: the audit key (which can forge the chain) is given only to its one login (docs/scaling.md).
  assert.not.ok('EPIC_AUDIT_KEY' in (projector.environment ?? {}), 'the follower holds no audit key');
});

test('Dockerfile: every stage from a pinned image', () => {
  const stages = readFileSync(new URL('Dockerfile', root), 'utf8')
    .split('\n')
    .filter((line) => /^FROM\s/i.test(line))
    .map((line) => line.split(/\s+/)[1]);
  assert.ok(stages.length > 0);
  for (const image of stages) assertPinned(image, 'Dockerfile');
});

test.run();
