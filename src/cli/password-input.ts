/** Reads a password: the first line of standard input when it is piped, a hidden prompt on a terminal. */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

async function firstLine(input: Readable): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

function hiddenPrompt(question: string, input: NodeJS.ReadStream, output: Writable): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output, terminal: true });
    // Echo nothing of what is typed: the prompt itself is written before muting.
    output.write(question);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
  });
}

export async function readPassword(input: NodeJS.ReadStream = process.stdin, output: Writable = process.stderr): Promise<string> {
  if (!input.isTTY) return firstLine(input);
  const first = await hiddenPrompt('Пароль: ', input, output);
  const again = await hiddenPrompt('Пароль ещё раз: ', input, output);
  if (first !== again) throw new Error('пароли не совпадают');
  return first;
}
