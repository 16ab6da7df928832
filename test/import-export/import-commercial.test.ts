/**
 * `epic import clients --commercial <user>` (issue 16): every new client of a
 * file without a commercial column goes to that commercial; clients the file
 * updates keep theirs; a file with a commercial column, or a user who is not
 * a commercial, is refused whole, with nothing imported. Reports in French.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';

const FRENCH = { EPIC_LANG: 'fr', TZ: 'Europe/Paris' };

let app: Installation;
let team: Awaited<ReturnType<Installation['seedTeam']>>;

interface Client {
  readonly email: string;
  readonly commercialId: string;
  readonly phone: string | null;
}

function file(name: string, text: string): string {
  const path = join(app.home, name);
  writeFileSync(path, text);
  return path;
}

async function clients(): Promise<Client[]> {
  return JSON.parse(await app.ok(['client', 'list', '--json'])) as Client[];
}

const test = suite('import clients --commercial');
test.before(async () => {
  app = new Installation();
  team = await app.seedTeam();
  await app.as('ada@epic.test');
  await app.ok(['client', 'create', '--name', 'Déjà Là', '--email', 'deja@la.fr', '--commercial', team.commercial2]);
});
test.after(() => app.cleanup());

test('every new client of a file without a commercial column goes to the one named; updated clients keep theirs', async () => {
  const path = file(
    'sans-commercial.csv',
    'nom_complet;email;telephone\r\nAlice Martin;alice@martin.fr;06 12 34 56 78\r\nDéjà Là;deja@la.fr;01 23 45 67 89\r\n',
  );
  const result = await app.epic(['import', 'clients', path, '--commercial', 'bob@epic.test'], { env: FRENCH });
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /^créés\s: 1, mis à jour\s: 1, inchangés\s: 0, refusés\s: 0 \(sur 2 lignes\)\n$/);
  const byEmail = new Map((await clients()).map((client) => [client.email, client]));
  assert.is(byEmail.get('alice@martin.fr')?.commercialId, team.commercial, 'the new client is Bob’s');
  assert.is(byEmail.get('deja@la.fr')?.commercialId, team.commercial2, 'the updated one is still Carla’s');
  assert.is(byEmail.get('deja@la.fr')?.phone, '01 23 45 67 89');
  // By id prefix too, as wherever a user is named.
  const other = file('autre.csv', 'name,email\r\nBruno Petit,bruno@petit.fr\r\n');
  assert.is((await app.epic(['import', 'clients', other, '--commercial', team.commercial2.slice(0, 6)])).code, 0);
  assert.is((await clients()).find((client) => client.email === 'bruno@petit.fr')?.commercialId, team.commercial2);
});

test('without --commercial, a new client of such a file is refused, its line named, in French', async () => {
  const path = file('orphelin.csv', 'nom_complet;email\r\nOrphée Seul;orphee@seul.fr\r\n');
  const result = await app.epic(['import', 'clients', path], { env: FRENCH });
  assert.is(result.code, 2);
  assert.match(result.stdout, /^ligne 2\u00a0: un nouveau client a besoin d’un commercial/m);
  assert.match(result.stderr, /^error: 1 ligne sur 1 refusée \(ligne 2\)\s; les autres ont été importées\n$/);
});

test('refused whole, nothing imported: a file with a commercial column, a user who is not a commercial, an unknown user', async () => {
  const before = await clients();
  const withColumn = file('avec-commercial.csv', 'nom_complet;email;commercial\r\nZoé Ray;zoe@ray.fr;bob@epic.test\r\n');
  const twice = await app.epic(['import', 'clients', withColumn, '--commercial', 'carla@epic.test'], { env: FRENCH });
  assert.is(twice.code, 2);
  assert.is(
    twice.stderr,
    'error: ce fichier a une colonne commercial\u00a0: --commercial est pour les fichiers qui n’en ont pas (retirez l’option, ou la colonne)\n',
  );
  const plain = file('simple.csv', 'nom_complet;email\r\nZoé Ray;zoe@ray.fr\r\n');
  const support = await app.epic(['import', 'clients', plain, '--commercial', 'sam@epic.test'], { env: FRENCH });
  assert.is(support.code, 2);
  assert.match(support.stderr, /^error: .*support/);
  assert.not.match(support.stderr, /\n./, 'one line');
  const unknown = await app.epic(['import', 'clients', plain, '--commercial', 'nobody@epic.test']);
  assert.is(unknown.code, 5);
  assert.is(unknown.stderr, 'error: no user with this email\n');
  const dry = await app.epic(['import', 'clients', plain, '--commercial', 'sam@epic.test', '--dry-run']);
  assert.is(dry.code, 2, 'a dry run says the same');
  assert.equal(await clients(), before, 'nothing imported');
});

test('a commercial may not import, with or without --commercial', async () => {
  await app.as('bob@epic.test');
  const plain = file('bob.csv', 'nom_complet;email\r\nZoé Ray;zoe@ray.fr\r\n');
  assert.is((await app.epic(['import', 'clients', plain, '--commercial', 'bob@epic.test'])).code, 4);
  await app.as('ada@epic.test');
});

test.run();
