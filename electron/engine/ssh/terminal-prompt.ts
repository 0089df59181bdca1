/**
 * The CLI's prompter: a passphrase or keyboard-interactive answers typed at the terminal, echo off
 * for secrets (raw mode, so nothing is shown and nothing stays in a scrollback). Not a terminal:
 * no prompter, and the capture uses the agent or an unencrypted key only.
 */
import type { Prompter } from './auth.js';

function readLine(question: string, echo: boolean): Promise<string> {
  const input = process.stdin;
  const output = process.stderr;
  output.write(question);
  return new Promise((resolve, reject) => {
    let answer = '';
    input.setRawMode(true);
    input.resume();
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else {
          answer += char;
          if (echo) output.write(char);
        }
      }
    };
    input.on('data', onData);
  });
}

export function terminalPrompter(): Prompter | undefined {
  if (!process.stdin.isTTY) return undefined;
  return async (request) => {
    if (request.instructions) process.stderr.write(`${request.instructions}\n`);
    const answers: string[] = [];
    for (const prompt of request.prompts) answers.push(await readLine(prompt.prompt, prompt.echo));
    return answers;
  };
}
