import { Option } from 'clipanion';
import { assertAllowed } from '../../../auth/policy.js';
import { ExitCode, InvalidInput } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { EpicCommand } from '../../base-command.js';
import { colourFor, paint } from '../../output/terminal.js';
import { printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class AuditVerifyCommand extends EpicCommand {
  static override paths = [['audit', 'verify']];

  json = Option.Boolean('--json', false);
  expect = Option.String('--expect');

  protected async run(runtime: Runtime): Promise<number> {
    const expect = this.expect?.trim().toLowerCase();
    if (expect !== undefined && !/^[0-9a-f]{64}$/.test(expect)) throw new InvalidInput(msg('cli.verify.badDigest'));
    const actor = await runtime.actor();
    assertAllowed('audit.verify', actor);
    const [{ store }, { verifyLog }] = await Promise.all([runtime.eventStore(), import('../../../audit/verify.js')]);
    const report = await verifyLog(store);
    const digestMatches = expect === undefined ? undefined : report.digest === expect;

    if (this.json) {
      printJson(this.context.stdout, { ...report, ...(expect !== undefined && { expected: expect, digestMatches }) });
    } else {
      const colour = colourFor(this.context.stdout, this.context.env);
      const out: string[] = [t('cli.verify.counted', { events: report.events, streams: report.streams })];
      for (const b of report.broken) {
        out.push(
          paint(colour, 'red', t('cli.verify.broken', { stream: b.stream, version: b.version, position: b.position, problem: b.problem })),
        );
        out.push(`    ${t('cli.verify.expected', { value: b.expected })}`, `    ${t('cli.verify.actual', { value: b.actual })}`);
      }
      if (report.ok) out.push(paint(colour, 'green', t('cli.verify.ok')));
      out.push(t('cli.verify.digest', { digest: report.digest }));
      if (digestMatches === false && expect !== undefined) out.push(paint(colour, 'red', t('cli.verify.different', { expected: expect })));
      else if (digestMatches) out.push(paint(colour, 'green', t('cli.verify.matches')));
      this.write(out.join('\n'));
    }

    if (!report.ok) {
      this.context.stderr.write(`error: ${t('cli.verify.failed', { streams: report.broken.length })}\n`);
      return ExitCode.conflict;
    }
    if (digestMatches === false) {
      this.context.stderr.write(`error: ${t('cli.verify.digestDiffers')}\n`);
      return ExitCode.conflict;
    }
    return ExitCode.ok;
  }
}
