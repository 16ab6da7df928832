import { Command, Option } from 'clipanion';
import { assertAllowed } from '../../../auth/policy.js';
import { ExitCode, InvalidInput } from '../../../errors.js';
import { EpicCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class AuditVerifyCommand extends EpicCommand {
  static override paths = [['audit', 'verify']];
  static override usage = Command.Usage({
    category: 'Audit',
    description: "re-computes every stream's hash chain and prints the digest of all stream heads",
    details: `
      Reads the whole log once and checks, for every stream, that versions follow each other, that each event names the previous one's hash, and that each event's hash is its own. Reports the first broken link of each stream: the stream, the version, and what differs (hash mismatch, prevHash mismatch, version gap, or a head that disagrees with the store's head table).

      It also prints a digest: SHA-256 over the sorted \`streamId:version:hash\` lines of every stream head. Keep it outside the system; a later digest that differs (\`--expect\`) means the log was changed since, including a removed last event, which no chain can show on its own.

      Exit codes: 0 the log verifies (and matches \`--expect\` when given); 6 (conflict) the log does not verify, or its digest is not the one expected. gestion only.
    `,
    examples: [
      ['Verify and keep the digest', '$0 audit verify'],
      ['Compare with a digest kept last month', '$0 audit verify --expect 3b1f…'],
      ['For a script', '$0 audit verify --json'],
    ],
  });

  json = Option.Boolean('--json', false, { description: 'print a JSON report' });
  expect = Option.String('--expect', { description: 'a digest printed earlier: exit 6 unless the log still has it' });

  protected async run(runtime: Runtime): Promise<number> {
    const expect = this.expect?.trim().toLowerCase();
    if (expect !== undefined && !/^[0-9a-f]{64}$/.test(expect))
      throw new InvalidInput('--expect must be a digest printed by epic audit verify (64 hex characters)');
    const actor = await runtime.actor();
    assertAllowed('audit.verify', actor);
    const [{ store }, { verifyLog }] = await Promise.all([runtime.eventStore(), import('../../../audit/verify.js')]);
    const report = await verifyLog(store);
    const digestMatches = expect === undefined ? undefined : report.digest === expect;

    if (this.json) {
      printJson(this.context.stdout, { ...report, ...(expect !== undefined && { expected: expect, digestMatches }) });
    } else {
      const out: string[] = [`${report.events} events in ${report.streams} streams`];
      for (const b of report.broken) {
        out.push(`BROKEN ${b.stream} at version ${b.version}${b.position === null ? '' : ` (position ${b.position})`}: ${b.problem}`);
        out.push(`    expected ${b.expected}`, `    actual   ${b.actual}`);
      }
      if (report.ok) out.push('every hash chain verifies');
      out.push(`digest ${report.digest}`);
      if (digestMatches === false) out.push(`expected ${expect}: DIFFERENT`);
      else if (digestMatches) out.push('matches the expected digest');
      this.write(out.join('\n'));
    }

    if (!report.ok) {
      this.context.stderr.write(`error: the log does not verify: ${report.broken.length} stream(s) with a broken link\n`);
      return ExitCode.conflict;
    }
    if (digestMatches === false) {
      this.context.stderr.write('error: the digest differs from the expected one: the log changed since it was taken\n');
      return ExitCode.conflict;
    }
    return ExitCode.ok;
  }
}
