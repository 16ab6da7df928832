import { Option } from 'clipanion';
import type { VerifyReport } from '../../../audit/verify.js';
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
  since = Option.String('--since');
  expect = Option.String('--expect');

  /** Every verification is in the command log, whatever its outcome. */
  protected override audited() {
    return { command: 'audit verify', args: { since: this.since, expect: this.expect }, every: true };
  }

  protected async run(runtime: Runtime): Promise<number> {
    const expect = this.expect?.trim().toLowerCase();
    if (expect !== undefined && !/^[0-9a-f]{64}$/.test(expect)) throw new InvalidInput(msg('cli.verify.badDigest'));
    const { parseDigest, digestIso } = await import('../../../audit/log-digest.js');
    const since = this.since === undefined ? undefined : parseDigest(this.since, '--since');
    const actor = await runtime.actor();
    assertAllowed('audit.verify', actor);
    const [{ store, credentials }, { verifyLog }] = await Promise.all([runtime.eventStore(), import('../../../audit/verify.js')]);
    const key = runtime.keyring.load();
    const report = await verifyLog(store, { credentials, ...(key !== undefined && { key }), ...(since !== undefined && { since }) });
    const digestMatches = expect === undefined ? undefined : report.digest === expect;

    if (this.json) printJson(this.context.stdout, { ...report, ...(expect !== undefined && { expected: expect, digestMatches }) });
    else this.write(readable(report, expect, digestMatches, colourFor(this.context.stdout, this.context.env), digestIso));

    const failure = failureOf(report, digestMatches);
    if (failure === undefined) return ExitCode.ok;
    this.context.stderr.write(`error: ${failure}\n`);
    return ExitCode.conflict;
  }
}

/** Details under the line they belong to. */
const INDENT = '    ';

/** The report as a person reads it. */
function readable(
  report: VerifyReport,
  expect: string | undefined,
  digestMatches: boolean | undefined,
  colour: boolean,
  digestIso: (at: string) => string,
): string {
  const out = [
    t('chain.verify.counts', { events: report.events, streams: report.streams }),
    t('chain.verify.chain', { chain: report.chain }),
    t('chain.verify.forgotten', { count: report.forgotten }),
  ];
  for (const b of report.broken) {
    out.push(
      paint(colour, 'red', t('chain.verify.broken', { stream: b.stream, version: b.version, position: b.position, problem: b.problem })),
      `${INDENT}${t('chain.verify.expected', { value: b.expected })}`,
      `${INDENT}${t('chain.verify.actual', { value: b.actual })}`,
    );
  }
  for (const c of report.credentials) {
    out.push(
      paint(
        colour,
        'red',
        t('chain.verify.credential', { userId: c.userId, problem: c.problem, stream: c.stream, version: c.version, boundTo: c.boundTo }),
      ),
    );
  }
  if (report.broken.length === 0) out.push(paint(colour, 'green', t('chain.verify.chainsOk')));
  if (report.credentials.length === 0 && report.chain !== 'plain') out.push(paint(colour, 'green', t('chain.verify.credentialsOk')));
  if (report.since !== undefined) {
    const { digest, differences, record } = report.since;
    const at = digestIso(digest.at);
    if (report.since.extends) out.push(paint(colour, 'green', t('chain.verify.sinceExtends', { position: digest.position, at })));
    else {
      out.push(paint(colour, 'red', t('chain.verify.sinceDiffers', { position: digest.position, at })));
      if (record === 'missing') out.push(`${INDENT}${t('chain.verify.recordMissing')}`);
      if (record === 'altered') out.push(`${INDENT}${t('chain.verify.recordAltered')}`);
      for (const d of differences) {
        const line =
          d.kind === 'reordered'
            ? t('chain.verify.reordered')
            : t('chain.verify.difference', { kind: d.kind, stream: d.stream, version: d.version });
        out.push(`${INDENT}${line}`);
      }
    }
  }
  out.push(t('chain.verify.digest', { digest: report.digest }));
  if (expect !== undefined && digestMatches === false)
    out.push(paint(colour, 'red', t('chain.verify.expectDiffers', { expected: expect })));
  else if (digestMatches) out.push(paint(colour, 'green', t('chain.verify.expectMatches')));
  return out.join('\n');
}

/** The one line that says why the command exits 6, first failure first; undefined when it verifies. */
function failureOf(report: VerifyReport, digestMatches: boolean | undefined): string | undefined {
  const [broken] = report.broken;
  if (broken !== undefined)
    return t('chain.verify.failedChain', { count: report.broken.length, stream: broken.stream, version: broken.version });
  const [credential] = report.credentials;
  if (credential !== undefined) {
    return t('chain.verify.failedCredentials', {
      count: report.credentials.length,
      userId: credential.userId,
      stream: credential.stream,
      version: credential.version,
    });
  }
  if (report.since !== undefined && !report.since.extends) {
    const [first] = report.since.differences;
    return first === undefined || first.kind === 'reordered'
      ? t('chain.verify.failedSinceUnnamed', { position: report.since.digest.position })
      : t('chain.verify.failedSince', { position: report.since.digest.position, stream: first.stream, version: first.version });
  }
  if (digestMatches === false) return t('chain.verify.failedExpect');
  return undefined;
}
