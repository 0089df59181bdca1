/**
 * The frame every pcapng block shares (draft-ietf-opsawg-pcapng §3.1), and what makes one
 * impossible. The byte order of the lengths is the section's, except for a Section Header Block,
 * which announces its own with the byte-order magic at offset 8:
 *
 *                          1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +---------------------------------------------------------------+
 *   0 |                          Block Type                           |
 *   4 |                      Block Total Length                       |
 *   8 /                          Block Body                           /
 *     +---------------------------------------------------------------+
 *     |                      Block Total Length                       |
 *     +---------------------------------------------------------------+
 */
import { corruptError, MAX_CAPTURED_LENGTH, withArticle } from './record-parser.js';
import type { CaptureReadError } from './types.js';

/** Block types (§10.1). The SHB type reads the same in both byte orders, on purpose. */
export const BlockType = {
  SHB: 0x0a0d_0d0a,
  IDB: 0x0000_0001,
  OPB: 0x0000_0002,
  SPB: 0x0000_0003,
  NRB: 0x0000_0004,
  ISB: 0x0000_0005,
  EPB: 0x0000_0006,
  DSB: 0x0000_000a,
  CustomCopied: 0x0000_0bad,
  CustomNotCopied: 0x4000_0bad,
} as const;

export const BYTE_ORDER_MAGIC = 0x1a2b_3c4d;
const SWAPPED_MAGIC = 0x4d3c_2b1a;
const FRAME_SIZE = 12;
/** A maximal packet plus generous room for options (Wireshark allows 128 KiB of them). */
export const MAX_BLOCK_LENGTH = MAX_CAPTURED_LENGTH + 128 * 1024 + 32;

const NAMES = new Map<number, string>([
  [BlockType.SHB, 'SHB'],
  [BlockType.IDB, 'IDB'],
  [BlockType.OPB, 'OPB'],
  [BlockType.SPB, 'SPB'],
  [BlockType.NRB, 'NRB'],
  [BlockType.ISB, 'ISB'],
  [BlockType.EPB, 'EPB'],
  [BlockType.DSB, 'DSB'],
]);

/** Smallest legal Block Total Length per type: the frame plus the fixed part of the body. */
const MIN_LENGTH = new Map<number, number>([
  [BlockType.SHB, 28],
  [BlockType.IDB, 20],
  [BlockType.OPB, 32],
  [BlockType.SPB, 16],
  [BlockType.ISB, 24],
  [BlockType.EPB, 32],
  [BlockType.DSB, 20],
  [BlockType.CustomCopied, 16],
  [BlockType.CustomNotCopied, 16],
]);

/** "EPB", or "block 0x00000bad" for types without a short name. */
export function blockName(type: number): string {
  return NAMES.get(type) ?? `block 0x${type.toString(16).padStart(8, '0')}`;
}

/** Bytes needed before a block's total length can be read. */
export function headerSize(type: number): number {
  return type === BlockType.SHB ? 12 : 8;
}

/** The byte order an SHB at `pos` declares: true for little-endian, null when the magic is wrong. */
export function sectionByteOrder(view: DataView, pos: number): boolean | null {
  const magic = view.getUint32(pos + 8, true);
  return magic === BYTE_ORDER_MAGIC ? true : magic === SWAPPED_MAGIC ? false : null;
}

/**
 * The checked total length of the block at `pos` (file offset `offset`), whose header is
 * complete, or the error that makes it unreadable.
 */
export function blockLength(
  view: DataView,
  pos: number,
  type: number,
  sectionLe: boolean,
  offset: number,
): number | CaptureReadError {
  let le = sectionLe;
  if (type === BlockType.SHB) {
    const order = sectionByteOrder(view, pos);
    if (order === null) return badByteOrder(view.getUint32(pos + 8, true), offset);
    le = order;
  }
  const total = view.getUint32(pos + 4, le);
  const name = blockName(type);
  const minimum = MIN_LENGTH.get(type) ?? FRAME_SIZE;
  if (total % 4 !== 0)
    return corruptError(offset, name, `block total length ${total} is not a multiple of 4`);
  if (total < minimum) {
    const message = `block total length ${total} is less than the ${minimum} bytes ${withArticle(name)} needs`;
    return corruptError(offset, name, message);
  }
  if (total > MAX_BLOCK_LENGTH) {
    const message = `block total length ${total} is larger than the ${MAX_BLOCK_LENGTH}-byte maximum`;
    return corruptError(offset, name, message);
  }
  return total;
}

function badByteOrder(magic: number, offset: number): CaptureReadError {
  const hex = magic.toString(16).padStart(8, '0');
  if (offset === 0) {
    const message = `not a pcapng file (byte-order magic ${hex} instead of 1a2b3c4d)`;
    return { offset, blockType: 'SHB', kind: 'not-a-capture', message };
  }
  return corruptError(offset, 'SHB', `bad byte-order magic ${hex}`);
}
