import { InvalidInput } from '../errors.js';
import type { EpicContext } from './context.js';

/** Exit 2 with the name of the missing option, when no terminal can ask for it. */
export class MissingOption extends InvalidInput {
  constructor(option: string) {
    super(`missing required option ${option}`);
  }
}

/** The option's value, asked for on a terminal when missing. */
export async function required(context: EpicContext, option: string, value: string | undefined, label?: string): Promise<string> {
  if (value !== undefined) return value;
  if (!context.interactive) throw new MissingOption(option);
  const answer = await ask(context, `${label ?? option.replace(/^--/, '')}: `);
  if (answer.trim() === '') throw new MissingOption(option);
  return answer;
}

async function ask(context: EpicContext, question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: context.stdin, output: context.stderr, terminal: true });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/**
 * A password: from stdin with --password-stdin (first line), or typed on a
 * terminal without echo. Never from an option.
 */
export async function readPassword(context: EpicContext, fromStdin: boolean, label = 'password'): Promise<string> {
  if (fromStdin) {
    const text = await readAll(context.stdin);
    const password = text.replace(/\r?\n$/, '').split(/\r?\n/)[0] ?? '';
    if (password === '') throw new InvalidInput('no password on stdin');
    return password;
  }
  if (!context.interactive) throw new InvalidInput('a password is needed: pipe it with --password-stdin, or run on a terminal');
  return askHidden(context, `${label}: `);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function askHidden(context: EpicContext, question: string): Promise<string> {
  const stdin = context.stdin as NodeJS.ReadStream;
  context.stderr.write(question);
  return new Promise<string>((resolve, reject) => {
    let value = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode?.(wasRaw ?? false);
      stdin.pause();
      stdin.removeListener('data', onData);
      context.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done();
        if (char === '\u0003') return done(new InvalidInput('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
