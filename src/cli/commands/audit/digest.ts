import { Option } from 'clipanion';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class AuditDigestCommand extends MutationCommand {
  static override paths = [['audit', 'digest']];

  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const [{ takeDigest }, { formatDigest, digestIso }] = await Promise.all([
      import('../../../audit/take-digest.js'),
      import('../../../audit/log-digest.js'),
    ]);
    const { digest, streams } = await this.mutate(runtime, 'audit digest', {}, (context) => takeDigest(context, runtime.keyring.load()));
    const line = formatDigest(digest);
    if (this.json) {
      printJson(this.context.stdout, {
        digest: line,
        position: digest.position,
        events: digest.events,
        streams,
        at: digestIso(digest.at),
        root: digest.root,
      });
    } else {
      this.write(line);
      this.context.stderr.write(`${t('chain.digest.keep')}\n`);
    }
  }
}
