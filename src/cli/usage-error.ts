/**
 * clipanion's parse errors, in our words and the reader's language: its own
 * are English paragraphs listing usages with `#0` placeholders. The reason
 * it found is read from its message (the only place it says it).
 */
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';

interface ClipanionError {
  readonly name: string;
  readonly message: string;
  readonly candidates?: readonly { readonly usage: string; readonly reason: string | null }[];
}

function isClipanionError(error: unknown): error is ClipanionError {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'UsageError' || name === 'UnknownSyntaxError' || name === 'AmbiguousSyntaxError';
}

/**
 * The InvalidInput (exit 2) a clipanion error means, or undefined for
 * anything else. `command` is the command the words named (`client list`),
 * when they named one.
 */
export function usageErrorOf(error: unknown, command?: string): InvalidInput | undefined {
  if (!isClipanionError(error)) return undefined;
  const options = { cause: error };
  const reason = error.candidates?.find((c) => c.reason !== null)?.reason ?? (error.name === 'UsageError' ? error.message : '');
  const quoted = /\("(.*)"\)\.?$/.exec(reason)?.[1];
  const where = command ?? '';
  if (/^(Unsupported|Invalid) option name/.test(reason) && quoted !== undefined)
    return new InvalidInput(msg('cli.usage.unknownOption', { option: quoted, command: where }), options);
  if (/^Extraneous positional argument/.test(reason) && quoted !== undefined)
    return new InvalidInput(msg('cli.usage.extraArgument', { argument: quoted, command: where }), options);
  if (/^Not enough positional arguments/.test(reason))
    return new InvalidInput(msg('cli.usage.missingArgument', { command: where }), options);
  const needsValue = /^Not enough arguments to option (\S+?)\.?$/.exec(reason);
  if (needsValue?.[1] !== undefined) return new InvalidInput(msg('cli.usage.optionNeedsValue', { option: needsValue[1] }), options);
  return new InvalidInput(msg('cli.usage.invalid', { command: where }), options);
}
