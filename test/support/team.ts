import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/events/event-store.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { testKeyring } from './audit-key.js';
import { type CliOptions, type CliResult, Installation } from './cli.js';

/** The five people of `Installation.seedTeam()`, by first name. */
export type Member = 'ada' | 'bob' | 'carla' | 'sam' | 'sue';

export const EMAILS: Readonly<Record<Member, string>> = {
  ada: 'ada@epic.test',
  bob: 'bob@epic.test',
  carla: 'carla@epic.test',
  sam: 'sam@epic.test',
  sue: 'sue@epic.test',
};

export const PASSWORDS: Readonly<Record<Member, string>> = {
  ada: 'admin passphrase',
  bob: 'seller passphrase one',
  carla: 'closer passphrase two',
  sam: 'support passphrase three',
  sue: 'support passphrase four',
};

/**
 * An installation with the seeded team, each member logged in once. `run(who,
 * ...)` puts that member's session token in the session file and runs the CLI
 * in-process, so tests switch users without a login per command.
 */
export class Team {
  readonly ids: Readonly<Record<Member, string>>;
  private readonly tokens = new Map<Member, string>();

  private constructor(
    readonly app: Installation,
    ids: Record<Member, string>,
  ) {
    this.ids = ids;
  }

  /** `env`: the installation's own settings (say `EPIC_READ_DB`, for a MySQL read database). */
  static async start(env: Record<string, string | undefined> = {}): Promise<Team> {
    const app = new Installation(env);
    const seeded = await app.seedTeam();
    const team = new Team(app, {
      ada: seeded.gestion,
      bob: seeded.commercial,
      carla: seeded.commercial2,
      sam: seeded.support,
      sue: seeded.support2,
    });
    for (const member of Object.keys(EMAILS) as Member[]) await team.login(member);
    return team;
  }

  get sessionPath(): string {
    return join(this.app.home, 'session');
  }

  /** Logs `who` in for real and keeps the token. */
  async login(who: Member): Promise<void> {
    await this.app.login(EMAILS[who], PASSWORDS[who]);
    this.tokens.set(who, readFileSync(this.sessionPath, 'utf8'));
  }

  run(who: Member, args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
    this.actAs(who);
    return this.app.epic(args, options);
  }

  /** Puts `who`'s session in place: what runs next in this installation (a terminal's `epic`, say) acts as them. */
  actAs(who: Member): void {
    const token = this.tokens.get(who);
    if (token === undefined) throw new Error(`${who} never logged in`);
    writeFileSync(this.sessionPath, token, { mode: 0o600 });
  }

  /** Runs and insists on exit 0; returns trimmed stdout. */
  async ok(who: Member, args: readonly string[], options: CliOptions = {}): Promise<string> {
    const result = await this.run(who, args, options);
    if (result.code !== 0) throw new Error(`${who}: epic ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
    return result.stdout.trim();
  }

  async json<T>(who: Member, args: readonly string[]): Promise<T> {
    return JSON.parse(await this.ok(who, [...args, '--json'])) as T;
  }

  /** Every domain event of the installation's log, straight from the event store (events.db). */
  async allEvents(): Promise<RecordedEvent[]> {
    const { store, credentials } = await openEventStore(`sqlite:${join(this.app.home, 'events.db')}`, { keyring: testKeyring });
    try {
      const events: RecordedEvent[] = [];
      for (let after = 0; ; ) {
        const batch = await store.readAll({ after, limit: 1000 });
        events.push(...batch);
        if (batch.length < 1000) return events;
        after = batch[batch.length - 1]!.position;
      }
    } finally {
      await credentials.close();
      await store.close();
    }
  }

  cleanup(): void {
    this.app.cleanup();
  }
}

/** The records of the standard dataset (see `seedDataset`). */
export interface Dataset {
  readonly clients: { readonly bob: string; readonly carla: string; readonly bobQuiet: string };
  readonly contracts: {
    readonly bobUnsigned: string;
    readonly bobSigned: string;
    readonly carlaUnsigned: string;
    readonly carlaSigned: string;
  };
  readonly events: { readonly bobSam: string; readonly bobOpen: string; readonly carlaSue: string };
}

/**
 * Two commercials each with a client, an unsigned and a signed contract; events
 * on the signed contracts: Bob's client has one assigned to Sam and one not
 * assigned, Carla's one assigned to Sue. Bob also has a quiet client (no contract).
 */
export async function seedDataset(team: Team): Promise<Dataset> {
  const client = (who: Member, name: string, email: string) => team.ok(who, ['client', 'create', '--name', name, '--email', email]);
  const bob = await client('bob', 'Kevin Casey', 'kevin@startup.io');
  const bobQuiet = await client('bob', 'Quiet Quinn', 'quinn@quiet.io');
  const carla = await client('carla', 'Lou Martin', 'lou@martin.fr');
  const contract = (who: Member, clientId: string, ...extra: string[]) =>
    team.ok(who, ['contract', 'create', '--client', clientId, '--total', '1000', ...extra]);
  const bobUnsigned = await contract('bob', bob);
  const bobSigned = await contract('bob', bob, '--signed', '--remaining', '400');
  const carlaUnsigned = await contract('carla', carla);
  const carlaSigned = await contract('carla', carla, '--signed');
  const event = (who: Member, contractId: string, name: string, day: string) =>
    team.ok(who, [
      'event',
      'create',
      '--contract',
      contractId,
      '--name',
      name,
      '--start',
      `2026-07-${day}T10:00Z`,
      '--end',
      `2026-07-${day}T18:00Z`,
      '--location',
      'Paris',
      '--attendees',
      '10',
    ]);
  const bobSam = await event('bob', bobSigned, 'Casey seminar', '01');
  const bobOpen = await event('bob', bobSigned, 'Casey party', '02');
  const carlaSue = await event('carla', carlaSigned, 'Martin wedding', '03');
  await team.ok('ada', ['event', 'assign', bobSam, '--support', team.ids.sam]);
  await team.ok('ada', ['event', 'assign', carlaSue, '--support', team.ids.sue]);
  return {
    clients: { bob, carla, bobQuiet },
    contracts: { bobUnsigned, bobSigned, carlaUnsigned, carlaSigned },
    events: { bobSam, bobOpen, carlaSue },
  };
}
