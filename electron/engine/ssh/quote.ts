/**
 * POSIX shell quoting for the one string an SSH exec request carries. sshd hands that string to the
 * user's login shell, so every piece that came from a user (interface, filter, paths, the custom
 * command) is wrapped in single quotes, inside which no character is special; a single quote itself
 * is closed, written as "'", and reopened. The result is one word, never split, never expanded.
 */

/** `word` as one literal shell word. NUL cannot cross an exec request at all, so it is refused. */
export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new Error('a remote argument cannot contain a NUL character');
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

/** argv as one command line, every element quoted. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
