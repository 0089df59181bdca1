/**
 * Filter errors carry the exact characters they are about, as Wireshark's do (tshark underlines them
 * with `^~~~`): `position` is a 0-based offset in the filter text and `length` may be 0 (at the end).
 * Messages follow Wireshark 4's wording, e.g. `"70000" too big for this field, maximum 65535.`
 */

export interface FilterProblem {
  readonly position: number;
  readonly length: number;
  readonly message: string;
}

export class FilterError extends Error implements FilterProblem {
  constructor(
    message: string,
    readonly position: number,
    readonly length: number,
  ) {
    super(message);
    this.name = 'FilterError';
  }

  toProblem(): FilterProblem {
    return { position: this.position, length: this.length, message: this.message };
  }
}

/** Throws a FilterError over `[start, end)`. */
export function fail(message: string, start: number, end: number): never {
  throw new FilterError(message, start, Math.max(0, end - start));
}

/** Wireshark's message for a token the grammar does not allow where it stands. */
export function unexpected(text: string, start: number, end: number): never {
  return fail(`"${text}" was unexpected in this context.`, start, end);
}

export const UNEXPECTED_END = 'Unexpected end of filter expression.';
