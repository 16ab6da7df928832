/**
 * The command log's blind spots (issue 17, item 8): a read refused or
 * answered "not found" because it lies outside the actor's scope (view,
 * history) is a denied entry, so `epic log --denied` shows someone probing
 * ids; administrative commands (audit verify, projection rebuild, import
 * --dry-run, export) are entries whatever their outcome. A read that is
 * allowed, or a record that truly does not exist, adds nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';

interface Entry {
  readonly actor: { readonly id: string };
  readonly command: string;
  readonly outcome: string;
  readonly reason: string | null;
}

const reads = suite('reads in the command log');
let app: Installation;
let team: Awaited<ReturnType<Installation['seedTeam']>>;
let carlaClient: string;

reads.before(async () => {
  app = new Installation();
  team = await app.seedTeam();
  await app.as('carla@epic.test');
  carlaClient = await app.ok(['client', 'create', '--name', 'Carla Client', '--email', 'cc@client.io']);
});
reads.after(() => app.cleanup());

async function entries(args: string[] = []): Promise<Entry[]> {
  await app.as('ada@epic.test');
  return app.json<Entry[]>(['log', ...args]);
}

reads('probing ids out of scope: denied entries, with the actor; allowed reads add none', async () => {
  const notLogin = (log: Entry[]) => log.filter((e) => e.command !== 'login').length;
  const before = notLogin(await entries());
  await app.as('bob@epic.test');
  for (const args of [
    ['client', 'view', carlaClient.slice(0, 5)],
    ['client', 'view', carlaClient],
    ['history', 'client', carlaClient],
  ]) {
    assert.is((await app.epic(args)).code, 5, args.join(' '));
  }
  await app.as('carla@epic.test');
  assert.is((await app.epic(['client', 'view', carlaClient])).code, 0);
  const denied = (await entries(['--denied'])).filter((e) => e.actor.id === team.commercial);
  assert.equal(denied.map((e) => e.command).sort(), ['client view', 'client view', 'history'], JSON.stringify(denied));
  assert.ok(
    denied.every((e) => e.outcome === 'denied' && e.reason !== null && /no client with id/.test(e.reason)),
    'recorded as denied, with the answer given',
  );
  // Bob's 3 denied reads; Carla's allowed view adds nothing, nor does each `log` Ada reads.
  assert.is(notLogin(await entries()), before + 3, 'three denied reads, nothing else');
});

reads('audit verify, projection rebuild, import --dry-run and export are recorded', async () => {
  await app.as('ada@epic.test');
  const csv = join(app.home, 'clients.csv');
  writeFileSync(csv, 'name,email\nDry Run,dry@run.io\n');
  for (const args of [
    ['audit', 'verify'],
    ['projection', 'rebuild', 'clients'],
    ['import', 'clients', csv, '--dry-run', '--commercial', 'bob@epic.test'],
    ['export', 'clients', '--output', join(app.home, 'out.csv')],
  ]) {
    const result = await app.epic(args);
    assert.is(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  }
  const log = await entries();
  for (const command of ['audit verify', 'projection rebuild', 'import clients --dry-run', 'export']) {
    assert.ok(
      log.some((e) => e.command === command && e.outcome === 'accepted' && e.actor.id === team.gestion),
      `${command} in ${JSON.stringify(log.map((e) => e.command))}`,
    );
  }
  // Refused to a role that may not: a denied entry.
  await app.as('bob@epic.test');
  assert.is((await app.epic(['audit', 'verify'])).code, 4);
  assert.ok((await entries(['--denied'])).some((e) => e.command === 'audit verify' && e.actor.id === team.commercial));
});

reads.run();
