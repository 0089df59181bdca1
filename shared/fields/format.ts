/**
 * Tree-line rendering of a field value the way Wireshark's details pane writes it (`proto_item_fill_label`):
 * `Source Port: 443`, `Type: IPv4 (0x0800)`, `Identification: 0x29a9 (10665)`, `.1.. .... = Don't fragment: Set`,
 * `[Stream index: 0]`. Pure functions, shared by the engine (tree building) and the renderer.
 */
import type { FieldDef, FieldType } from './types.js';

const TYPE_BITS: Partial<Record<FieldType, number>> = {
  uint8: 8,
  uint16: 16,
  uint24: 24,
  uint32: 32,
  int32: 32,
};

function trailingZeros(mask: number): number {
  let n = 0;
  while (n < 32 && ((mask >>> n) & 1) === 0) n++;
  return n;
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask >>> 0; m !== 0; m >>>= 1) n += m & 1;
  return n;
}

/** Width in bits of the integer a masked field lives in. */
function containerBits(def: FieldDef): number {
  return def.bits ?? TYPE_BITS[def.type] ?? 8;
}

/** `0100 .... ` style prefix: the field's bits of `value` (already shifted down) inside its container. */
export function bitPattern(def: FieldDef, value: number): string {
  const mask = def.mask ?? 0;
  const width = containerBits(def);
  const raw = (value << trailingZeros(mask)) >>> 0;
  let out = '';
  for (let bit = width - 1; bit >= 0; bit--) {
    const inMask = ((mask >>> bit) & 1) === 1;
    out += inMask ? String((raw >>> bit) & 1) : '.';
    if (bit % 4 === 0 && bit !== 0) out += ' ';
  }
  return out;
}

/** Hex digits Wireshark uses: the field's own width (a masked field: the mask's width). */
function hexDigits(def: FieldDef): number {
  const bits = def.mask ? bitCount(def.mask) : containerBits(def);
  return Math.max(1, Math.ceil(bits / 4));
}

export function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

function formatInteger(def: FieldDef, value: number): string {
  const digits = hexDigits(def);
  let text: string;
  switch (def.base ?? 'dec') {
    case 'hex':
      text = hex(value, digits);
      break;
    case 'dec_hex':
      text = `${value} (${hex(value, digits)})`;
      break;
    case 'hex_dec':
      text = `${hex(value, digits)} (${value})`;
      break;
    default:
      text = String(value);
  }
  const name = def.strings?.[value];
  if (def.strings) text = `${name ?? 'Unknown'} (${def.base === 'hex' ? hex(value, digits) : value})`;
  return text + (def.unit ?? '');
}

const MAX_BYTES_SHOWN = 36;

export function formatBytes(bytes: Uint8Array): string {
  let out = '';
  const shown = Math.min(bytes.length, MAX_BYTES_SHOWN);
  for (let i = 0; i < shown; i++) out += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return bytes.length > shown ? `${out}…` : out;
}

/** The value part of a tree line (after `Label: `). */
export function formatValue(def: FieldDef, value: number | string | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'boolean') {
    const [yes, no] = def.tfs ?? ['True', 'False'];
    return value ? yes : no;
  }
  if (typeof value === 'string') return value + (def.unit ?? '');
  return formatInteger(def, value);
}

/** A whole tree line: bit pattern, label, value, brackets for generated fields. */
export function formatFieldLine(def: FieldDef, value: number | string | boolean | null): string {
  const body =
    def.type === 'none' || def.type === 'protocol' ? def.label : `${def.label}: ${formatValue(def, value)}`;
  const prefix =
    def.mask !== undefined && (typeof value === 'number' || typeof value === 'boolean')
      ? `${bitPattern(def, Number(value))} = `
      : '';
  return def.generated ? `[${prefix}${body}]` : prefix + body;
}
