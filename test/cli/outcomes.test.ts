/**
 * The exit code and the command log agree, for every command (issue 19 item
 * 6): each command of the route table is run here at least once accepted and
 * once refused, and whatever entry the run left in the log must say what its
 * exit code said.
 *
 *   exit 0           accepted (a change always leaves its entry; a read may leave none)
 *   exit 2, 6        rejected
 *   exit 4           denied
 *   exit 5           rejected (not found) or denied (out of the actor's scope)
 *   exit 7           failed
 *   exit 3           denied (a failed sign-in names its account) or no entry (nobody known)
 *   exit 130         no entry (nothing attempted)
 *
 * The one documented exception: an import that refused some rows and imported
 * others exits 2 and is accepted, with the counts (import-outcome.test.ts).
 *
 * Every route of COMMAND_ROUTES must have its scenarios below (a new command
 * fails this suite until it has), and every route that ever records must show
 * both an accepted and a refused run.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMAND_ROUTES } from '../../src/cli/commands/routes.js';
import { type Dataset, type Member, PASSWORDS, seedDataset, Team } from '../support/team.js';

type Outcome = 'accepted' | 'rejected' | 'denied' | 'failed';

/** What an exit code allows the entry (if any) to say; `null`: no entry at all. */
const AGREEING: Readonly<Record<number, readonly (Outcome | null)[]>> = {
  0: ['accepted'],
  2: ['rejected'],
  3: [null, 'denied'],
  4: ['denied'],
  5: ['rejected', 'denied'],
  6: ['rejected'],
  7: ['failed'],
  130: [null],
};

interface Scenario {
  readonly who: Member;
  readonly args: readonly string[];
  /** The exit code this scenario is built to meet (checked, so that each scenario tests what it says). */
  readonly code: number;
  readonly stdin?: string;
  readonly env?: Record<string, string>;
  /** A change command: the run must leave exactly one entry (reads leave one only when denied, or when every run is audited). */
  readonly change?: boolean;
  /** The record exists but lies outside the actor's scope: answered as not found, recorded as denied. */
  readonly outOfScope?: boolean;
}

let team: Team;
let data: Dataset;
let lastPosition = 0;

/** The command-log entries appended since the previous call, straight from events.db. */
function newEntries(): { command: string; outcome: Outcome }[] {
  const db = new Database(join(team.app.home, 'events.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[number], { position: number; data: string }>(
        "select position, data from events where type = 'CommandRecorded' and position > ? order by position",
      )
      .all(lastPosition);
    lastPosition = Math.max(lastPosition, ...rows.map((row) => row.position));
    return rows.map((row) => JSON.parse(row.data) as { command: string; outcome: Outcome });
  } finally {
    db.close();
  }
}

const test = suite('exit codes and command-log outcomes agree, for every command');

test.before(async () => {
  team = await Team.start();
  data = await seedDataset(team);
  writeFileSync(join(team.app.home, 'rows.csv'), 'name,email,commercial\nAnn Import,ann@import.io,bob@epic.test\n');
  writeFileSync(join(team.app.home, 'bad.csv'), 'name,email,commercial\nBad,not-an-email,bob@epic.test\n');
  newEntries();
});
test.after(() => team?.cleanup());

/** The scenarios of each route; built once the dataset exists (they name its ids). */
function scenarios(): Readonly<Record<string, readonly Scenario[]>> {
  const { clients, contracts, events } = data;
  const ids = team.ids;
  const newPassword = 'a long new passphrase 42';
  return {
    init: [{ who: 'ada', args: ['init', '--name', 'X', '--email', 'x@epic.test', '--password-stdin'], stdin: 'x\n', code: 2 }],
    whoami: [{ who: 'bob', args: ['whoami'], code: 0 }],
    'user create': [
      {
        who: 'ada',
        args: ['user', 'create', '--name', 'Una', '--email', 'una@epic.test', '--role', 'support', '--password-stdin'],
        stdin: `${newPassword}\n`,
        code: 0,
        change: true,
      },
      {
        who: 'ada',
        args: ['user', 'create', '--name', 'Una', '--email', 'una@epic.test', '--role', 'support', '--password-stdin'],
        stdin: `${newPassword}\n`,
        code: 6,
        change: true,
      },
      {
        who: 'bob',
        args: ['user', 'create', '--name', 'Vic', '--email', 'vic@epic.test', '--role', 'support', '--password-stdin'],
        stdin: `${newPassword}\n`,
        code: 4,
        change: true,
      },
      {
        who: 'ada',
        args: ['user', 'create', '--name', 'Vic', '--email', 'not-an-email', '--role', 'support', '--password-stdin'],
        stdin: `${newPassword}\n`,
        code: 2,
        change: true,
      },
    ],
    'user list': [
      { who: 'ada', args: ['user', 'list'], code: 0 },
      { who: 'ada', args: ['user', 'list', '--role', 'boss'], code: 2 },
    ],
    'user view': [
      { who: 'ada', args: ['user', 'view', ids.bob], code: 0 },
      { who: 'ada', args: ['user', 'view', 'zzzzzzzzzz'], code: 5 },
    ],
    'user edit': [
      { who: 'ada', args: ['user', 'edit', ids.sue, '--name', 'Sue Renamed'], code: 0, change: true },
      { who: 'sam', args: ['user', 'edit', ids.sue, '--name', 'Nope'], code: 4, change: true },
      { who: 'ada', args: ['user', 'edit', 'zzzzzzzzzz', '--name', 'Nope'], code: 5, change: true },
    ],
    'user disable': [
      { who: 'ada', args: ['user', 'disable', ids.sue], code: 0, change: true },
      { who: 'bob', args: ['user', 'disable', ids.sam], code: 4, change: true },
    ],
    'user enable': [
      { who: 'ada', args: ['user', 'enable', ids.sue], code: 0, change: true },
      { who: 'carla', args: ['user', 'enable', ids.sue], code: 4, change: true },
    ],
    'user unlock': [
      { who: 'ada', args: ['user', 'unlock', ids.sue], code: 0, change: true },
      { who: 'sam', args: ['user', 'unlock', ids.sue], code: 4, change: true },
    ],
    'user delete': [
      { who: 'ada', args: ['user', 'delete', ids.bob, '--yes'], code: 2, change: true },
      { who: 'bob', args: ['user', 'delete', ids.sue, '--yes'], code: 4, change: true },
    ],
    'client create': [
      { who: 'bob', args: ['client', 'create', '--name', 'New One', '--email', 'new@one.io'], code: 0, change: true },
      { who: 'bob', args: ['client', 'create', '--name', 'New Two', '--email', 'NEW@one.io'], code: 6, change: true },
      { who: 'sam', args: ['client', 'create', '--name', 'New Three', '--email', 'three@one.io'], code: 4, change: true },
      { who: 'bob', args: ['client', 'create', '--name', 'New Four', '--email', 'nope'], code: 2, change: true },
    ],
    'client list': [
      { who: 'bob', args: ['client', 'list'], code: 0 },
      { who: 'bob', args: ['client', 'list', '--sort', 'shoe-size'], code: 2 },
    ],
    'client view': [
      { who: 'bob', args: ['client', 'view', clients.bob], code: 0 },
      { who: 'bob', args: ['client', 'view', clients.carla], code: 5, outOfScope: true },
    ],
    'client edit': [
      { who: 'bob', args: ['client', 'edit', clients.bob, '--phone', '+33 1 23 45 67 89'], code: 0, change: true },
      { who: 'bob', args: ['client', 'edit', clients.carla, '--phone', '+33 1 23 45 67 89'], code: 5, change: true, outOfScope: true },
      { who: 'sam', args: ['client', 'edit', clients.bob, '--phone', '+33 1 23 45 67 89'], code: 4, change: true },
    ],
    'client delete': [
      { who: 'ada', args: ['client', 'delete', clients.bob, '--yes'], code: 2, change: true },
      { who: 'sam', args: ['client', 'delete', clients.bobQuiet, '--yes'], code: 4, change: true },
    ],
    'client forget': [
      { who: 'bob', args: ['client', 'forget', clients.bobQuiet, '--yes'], code: 4, change: true },
      { who: 'ada', args: ['client', 'forget', 'zzzzzzzzzz', '--yes'], code: 5, change: true },
    ],
    'client dossier': [
      { who: 'ada', args: ['client', 'dossier', clients.bob], code: 0 },
      { who: 'sam', args: ['client', 'dossier', clients.carla], code: 4 },
    ],
    'contract create': [
      { who: 'bob', args: ['contract', 'create', '--client', clients.bob, '--total', '500'], code: 0, change: true },
      { who: 'bob', args: ['contract', 'create', '--client', clients.bob, '--total', '-5'], code: 2, change: true },
      { who: 'sam', args: ['contract', 'create', '--client', clients.bob, '--total', '500'], code: 4, change: true },
    ],
    'contract list': [
      { who: 'bob', args: ['contract', 'list', '--unpaid'], code: 0 },
      { who: 'bob', args: ['contract', 'list', '--limit', 'lots'], code: 2 },
    ],
    'contract view': [
      { who: 'bob', args: ['contract', 'view', contracts.bobSigned], code: 0 },
      { who: 'bob', args: ['contract', 'view', contracts.carlaSigned], code: 5, outOfScope: true },
    ],
    'contract edit': [
      { who: 'bob', args: ['contract', 'edit', contracts.bobUnsigned, '--total', '1200'], code: 0, change: true },
      { who: 'sam', args: ['contract', 'edit', contracts.bobUnsigned, '--total', '1300'], code: 4, change: true },
    ],
    'contract sign': [
      { who: 'bob', args: ['contract', 'sign', contracts.bobUnsigned], code: 0, change: true },
      { who: 'bob', args: ['contract', 'sign', contracts.carlaUnsigned], code: 5, change: true, outOfScope: true },
    ],
    'contract pay': [
      { who: 'bob', args: ['contract', 'pay', contracts.bobSigned, '--amount', '100'], code: 0, change: true },
      { who: 'bob', args: ['contract', 'pay', contracts.bobSigned, '--amount', '100000'], code: 2, change: true },
    ],
    'contract refund': [
      { who: 'bob', args: ['contract', 'refund', contracts.bobSigned, '--amount', '50'], code: 0, change: true },
      { who: 'bob', args: ['contract', 'refund', contracts.bobSigned, '--amount', '100000'], code: 2, change: true },
    ],
    'contract delete': [
      { who: 'ada', args: ['contract', 'delete', contracts.bobSigned, '--yes'], code: 2, change: true },
      { who: 'bob', args: ['contract', 'delete', contracts.carlaUnsigned, '--yes'], code: 4, change: true },
    ],
    'event create': [
      {
        who: 'bob',
        args: [
          'event',
          'create',
          '--contract',
          contracts.bobSigned,
          '--name',
          'Gala',
          '--start',
          '2026-09-01T10:00Z',
          '--end',
          '2026-09-01T12:00Z',
          '--location',
          'Lyon',
          '--attendees',
          '40',
        ],
        code: 0,
        change: true,
      },
      {
        who: 'carla',
        args: [
          'event',
          'create',
          '--contract',
          contracts.carlaUnsigned,
          '--name',
          'Gala',
          '--start',
          '2026-09-01T10:00Z',
          '--end',
          '2026-09-01T12:00Z',
          '--location',
          'Lyon',
          '--attendees',
          '40',
        ],
        code: 2,
        change: true,
      },
    ],
    'event list': [
      { who: 'sam', args: ['event', 'list', '--mine'], code: 0 },
      { who: 'sam', args: ['event', 'list', '--from', 'someday'], code: 2 },
    ],
    'event view': [
      { who: 'sam', args: ['event', 'view', events.bobSam], code: 0 },
      { who: 'sam', args: ['event', 'view', events.carlaSue], code: 5, outOfScope: true },
    ],
    'event edit': [
      { who: 'sam', args: ['event', 'edit', events.bobSam, '--notes', 'bring chairs'], code: 0, change: true },
      { who: 'sam', args: ['event', 'edit', events.carlaSue, '--notes', 'bring chairs'], code: 5, change: true, outOfScope: true },
      { who: 'sam', args: ['event', 'edit', events.bobSam, '--attendees', 'many'], code: 2, change: true },
    ],
    'event assign': [
      { who: 'ada', args: ['event', 'assign', events.bobOpen, '--support', ids.sam], code: 0, change: true },
      { who: 'bob', args: ['event', 'assign', events.bobOpen, '--support', ids.sue], code: 4, change: true },
    ],
    'event unassign': [
      { who: 'ada', args: ['event', 'unassign', events.bobOpen], code: 0, change: true },
      { who: 'sam', args: ['event', 'unassign', events.bobSam], code: 4, change: true },
    ],
    'event cancel': [
      { who: 'bob', args: ['event', 'cancel', events.bobOpen, '--reason', 'rain', '--yes'], code: 0, change: true },
      { who: 'ada', args: ['event', 'edit', events.bobOpen, '--notes', 'too late'], code: 2, change: true },
      { who: 'sam', args: ['event', 'cancel', events.bobSam, '--yes'], code: 4, change: true },
    ],
    log: [
      { who: 'ada', args: ['log', '--limit', '5'], code: 0 },
      { who: 'sam', args: ['log', '--since', 'the dawn of time'], code: 2 },
    ],
    history: [
      { who: 'ada', args: ['history', 'contract', contracts.bobSigned], code: 0 },
      { who: 'bob', args: ['history', 'contract', contracts.carlaSigned], code: 5, outOfScope: true },
    ],
    'audit verify': [
      { who: 'ada', args: ['audit', 'verify'], code: 0 },
      { who: 'bob', args: ['audit', 'verify'], code: 4 },
    ],
    'audit digest': [
      { who: 'ada', args: ['audit', 'digest'], code: 0 },
      { who: 'sam', args: ['audit', 'digest'], code: 4 },
    ],
    'projection status': [
      { who: 'ada', args: ['projection', 'status'], code: 0 },
      { who: 'bob', args: ['projection', 'status'], code: 4 },
    ],
    'projection rebuild': [
      { who: 'ada', args: ['projection', 'rebuild', 'clients'], code: 0 },
      { who: 'ada', args: ['projection', 'rebuild', 'no-such-table'], code: 2 },
      { who: 'sam', args: ['projection', 'rebuild'], code: 4 },
    ],
    'projection run': [
      { who: 'ada', args: ['projection', 'run'], code: 0 },
      { who: 'carla', args: ['projection', 'run'], code: 4 },
    ],
    'import clients': [
      { who: 'ada', args: ['import', 'clients', 'rows.csv'], code: 0, change: true },
      { who: 'ada', args: ['import', 'clients', 'bad.csv'], code: 2, change: true },
      { who: 'bob', args: ['import', 'clients', 'rows.csv'], code: 4, change: true },
      { who: 'ada', args: ['import', 'clients', 'rows.csv', '--dry-run'], code: 0 },
    ],
    export: [
      { who: 'bob', args: ['export', 'clients', '--format', 'json', '--output', 'mine.json'], code: 0 },
      { who: 'bob', args: ['export', 'clients', '--format', 'xml'], code: 2 },
    ],
    help: [{ who: 'sam', args: ['help'], code: 0 }],
    completion: [
      { who: 'sam', args: ['completion', 'bash'], code: 0 },
      { who: 'sam', args: ['completion', 'tcsh'], code: 2 },
    ],
    'completion users': [{ who: 'sam', args: ['completion', 'users'], code: 0 }],
    // Last: a new password and a logout end these members' sessions.
    login: [
      { who: 'ada', args: ['login', '--email', 'ada@epic.test', '--password-stdin'], stdin: 'wrong password here\n', code: 3 },
      { who: 'ada', args: ['login', '--email', 'ada@epic.test', '--password-stdin'], stdin: `${PASSWORDS.ada}\n`, code: 0 },
    ],
    passwd: [
      { who: 'sam', args: ['passwd', '--password-stdin'], stdin: `not the password\n${newPassword}\n${newPassword}\n`, code: 3 },
      { who: 'sam', args: ['passwd', '--password-stdin'], stdin: `${PASSWORDS.sam}\nshort\nshort\n`, code: 2 },
      { who: 'sam', args: ['passwd', '--password-stdin'], stdin: `${PASSWORDS.sam}\n${newPassword}\n${newPassword}\n`, code: 0 },
    ],
    logout: [{ who: 'sue', args: ['logout'], code: 0 }],
  };
}

test('every route of the command table has its scenarios here', () => {
  assert.equal(Object.keys(scenarios()).sort(), COMMAND_ROUTES.map((r) => r.route).sort());
});

test('each run: the exit code it was built for, and an entry (or none) that says the same', async () => {
  const recorded = new Map<string, Set<Outcome>>();
  const problems: string[] = [];
  const changes = new Set<string>();
  for (const [route, runs] of Object.entries(scenarios())) {
    if (runs.some((run) => run.change)) changes.add(route);
    for (const run of runs) {
      const what = `${run.who}: epic ${run.args.join(' ')}`;
      const result = await team.run(run.who, run.args, {
        ...(run.stdin !== undefined && { stdin: run.stdin }),
        ...(run.env && { env: run.env }),
      });
      const entries = newEntries();
      if (result.code !== run.code) problems.push(`${what}: exit ${result.code}, built for ${run.code} (${result.stderr.trim()})`);
      const agreeing = AGREEING[result.code] ?? [];
      const [entry, ...more] = entries;
      if (more.length > 0) problems.push(`${what}: ${entries.length} entries, one at most`);
      // A denial (exit 4, or 5 for a record out of scope) is always an entry, whatever the command: probing shows in `log --denied`.
      const denial = result.code === 4 || (result.code === 5 && run.outOfScope === true);
      if (entry === undefined) {
        if (run.change) problems.push(`${what}: a change command leaves its entry, whatever its outcome`);
        else if (denial) problems.push(`${what}: exit ${result.code}, a denial, with no entry`);
        // Otherwise no entry is allowed: a read that succeeded or was refused as malformed, a run where nobody acted.
        continue;
      }
      if (!agreeing.includes(entry.outcome)) problems.push(`${what}: exit ${result.code} but the log says ${entry.outcome}`);
      if (denial && entry.outcome !== 'denied') problems.push(`${what}: a denial logged as ${entry.outcome}`);
      recorded.set(entry.command, (recorded.get(entry.command) ?? new Set()).add(entry.outcome));
    }
  }
  // Each change command showed an accepted and a refused entry here (a scenario list that only ever succeeds,
  // or only ever fails, would not prove the agreement).
  for (const [command, outcomes] of recorded)
    if (changes.has(command) && outcomes.size < 2) problems.push(`${command}: only ${[...outcomes].join(', ')} seen`);
  assert.equal(problems, []);
});

test('a read database that is down: a read exits 7 and leaves no entry; a change saved before it failed exits 0, accepted', async () => {
  const down = { env: { EPIC_READ_DB: 'mysql://root@127.0.0.1:1/nowhere' } };
  const read = await team.run('bob', ['client', 'list'], down);
  assert.is(read.code, 7, read.stderr);
  assert.equal(newEntries(), [], 'a read that failed is no entry (reads record their denials)');
  // docs/cli.md, exit codes: once the change is saved, what fails after it is a warning, and the log says accepted.
  const change = await team.run('bob', ['client', 'create', '--name', 'Down Town', '--email', 'down@town.io'], down);
  assert.is(change.code, 0, change.stderr);
  assert.match(change.stderr, /^warning: /);
  assert.equal(
    newEntries().map((e) => [e.command, e.outcome]),
    [['client create', 'accepted']],
  );
});

test.run();
