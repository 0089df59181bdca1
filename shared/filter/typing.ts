/**
 * Which operators apply to which types, and which types compare with each other, as Wireshark's
 * ftypes define them (`tcp.port contains 80` is refused: an integer has no `contains`).
 */
import type { Relation, Typing } from './program.js';
import type { FType } from './fields.js';

const NUMERIC: ReadonlySet<FType> = new Set(['uint', 'int', 'bool', 'double', 'reltime', 'abstime']);
const INTEGER: ReadonlySet<FType> = new Set(['uint', 'int', 'bool']);
/** Types whose values are bytes: they can be sliced, measured with len(), searched with contains. */
const SLICEABLE: ReadonlySet<FType> = new Set(['bytes', 'protocol', 'ether', 'string', 'ipv4', 'ipv6']);

export function isNumeric(ftype: FType): boolean {
  return NUMERIC.has(ftype);
}

export function isInteger(ftype: FType): boolean {
  return INTEGER.has(ftype);
}

export function isSliceable(ftype: FType): boolean {
  return SLICEABLE.has(ftype);
}

export function relationAllowed(relation: Relation, ftype: FType): boolean {
  if (ftype === 'none') return false;
  if (relation === 'contains')
    return ftype === 'string' || ftype === 'bytes' || ftype === 'protocol' || ftype === 'ether';
  if (relation === 'matches') return ftype === 'string' || ftype === 'bytes' || ftype === 'protocol';
  return true;
}

function family(ftype: FType): string {
  if (ftype === 'uint' || ftype === 'int' || ftype === 'bool' || ftype === 'double' || ftype === 'reltime')
    return 'number';
  if (ftype === 'bytes' || ftype === 'ether' || ftype === 'protocol') return 'bytes';
  return ftype;
}

export function compatible(a: Typing, b: Typing): boolean {
  return family(a.ftype) === family(b.ftype);
}

/** The type of `a op b` for numbers: a float if either is one, else an integer (signed if either is). */
export function arithmeticTyping(a: Typing, b: Typing): Typing {
  for (const ftype of ['abstime', 'reltime', 'double', 'int'] as const) {
    if (a.ftype === ftype) return { ...a, field: null };
    if (b.ftype === ftype) return { ...b, field: null };
  }
  return { ...a, field: null };
}

export const UINT32: Typing = { ftype: 'uint', type: 'uint32', field: null };
export const STRING: Typing = { ftype: 'string', type: 'string', field: null };
export const BYTES: Typing = { ftype: 'bytes', type: 'bytes', field: null };
