/**
 * Field declarations: one place per protocol says what a field is called (Wireshark's display-filter
 * id, e.g. `ip.src`), how it is labelled in the details tree, its type and how its value is shown.
 * The dissectors, the display-filter parser, autocomplete and custom columns all read these, so a
 * field is declared once (Wireshark's `hf_register_info` arrays drift from the code that uses them).
 */

export type FieldType =
  | 'protocol'
  | 'none'
  | 'uint8'
  | 'uint16'
  | 'uint24'
  | 'uint32'
  | 'uint64'
  | 'int32'
  | 'boolean'
  | 'ether'
  | 'ipv4'
  | 'ipv6'
  | 'bytes'
  | 'string'
  | 'framenum'
  | 'double'
  /** Wireshark's FT_ABSOLUTE_TIME (`frame.time`) and FT_RELATIVE_TIME (`frame.time_relative`), in seconds. */
  | 'absolute_time'
  | 'relative_time';

/** How an integer is written: `dec` 443, `hex` 0x0800, `dec_hex` 10665 (0x29a9), `hex_dec` 0x29a9 (10665). */
export type FieldBase = 'dec' | 'hex' | 'dec_hex' | 'hex_dec' | 'none';

export type ValueStrings = Readonly<Record<number, string>>;

export interface FieldDef {
  /** Display-filter id, e.g. `tcp.srcport`. */
  readonly id: string;
  /** Tree label, e.g. `Source Port`. */
  readonly label: string;
  readonly type: FieldType;
  readonly base?: FieldBase;
  /** Names for values: `Protocol: TCP (6)`. */
  readonly strings?: ValueStrings;
  /** Bits of the containing integer this field occupies: drawn as `0100 .... = Version: 4`. */
  readonly mask?: number;
  /** Width in bits of the containing integer when it is not the type's own (TCP flags: 12). */
  readonly bits?: number;
  /** Text after the value, e.g. ` bytes`. */
  readonly unit?: string;
  /** Booleans: what to print for true and false (Wireshark's true_false_string); default Set / Not set. */
  readonly tfs?: readonly [string, string];
  /** Not in the bytes but computed (stream index, relative numbers): Wireshark brackets these. */
  readonly generated?: boolean;
}

export interface ProtocolDef {
  /** Filter id and `frame.protocols` name: `ip`, `tcp`, `eth`. */
  readonly id: string;
  /** Long name, e.g. `Internet Protocol Version 4`. */
  readonly name: string;
  /** Protocol column text, e.g. `IPv4`. */
  readonly short: string;
}

export type FieldOptions = Omit<FieldDef, 'id' | 'label' | 'type'>;

/** A compact constructor so that field tables read like Wireshark's hf arrays, one line per field. */
export function field(id: string, label: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  return { id, label, type, ...options };
}

export interface ProtocolFields<F extends Record<string, FieldDef>> {
  readonly protocol: ProtocolDef;
  readonly fields: F;
}

export function defineProtocol<F extends Record<string, FieldDef>>(
  protocol: ProtocolDef,
  fields: F,
): ProtocolFields<F> {
  return { protocol, fields };
}

/** Wireshark's `tfs_set_notset`, the default wording of a flag bit. */
export const SET_NOT_SET = ['Set', 'Not set'] as const;
