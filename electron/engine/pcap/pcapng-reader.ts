/**
 * pcapng (draft-ietf-opsawg-pcapng). A file is one or more sections; each starts with a Section
 * Header Block that sets the byte order for the section, and interface ids restart in each section
 * (CaptureInterface.id does not). Block framing and its checks live in pcapng-framing.ts; the bodies
 * of the per-packet blocks are read here, the others in pcapng-blocks.ts:
 *
 *   SHB:  8 Byte-Order Magic 1a2b3c4d | 12 Major | 14 Minor | 16 Section Length (8) | 24 options
 *   IDB:  8 LinkType (2) | 10 Reserved (2) | 12 SnapLen | 16 options
 *   EPB:  8 Interface ID | 12 Timestamp high | 16 Timestamp low | 20 Captured Length
 *        24 Original Length | 28 Packet Data (padded to 32 bits) | options
 *   OPB:  as EPB, with 8 Interface ID (2) | 10 Drops Count (2)
 *   SPB:  8 Original Length | 12 Packet Data (captured length implied by the block size)
 *   Custom (0x00000BAD, 0x40000BAD):  8 Private Enterprise Number | 12 Custom Data
 *
 * Offsets count from the start of the block.
 */
import {
  comments,
  decodeInterface,
  decodeNames,
  decodeStatistics,
  DSB,
  ISB,
  packetOptions,
} from './pcapng-blocks.js';
import { blockLength, blockName, BlockType, BYTE_ORDER_MAGIC, headerSize } from './pcapng-framing.js';
import type { ParserContext, RecordParser } from './record-parser.js';
import { corruptError, NO_COMMENTS, truncatedError, withArticle } from './record-parser.js';
import { TickScale, ticksPerSecondOf } from './timestamp.js';
import type { CaptureInterface, CapturedFrame } from './types.js';

interface InterfaceState {
  readonly id: number;
  readonly snapLength: number;
  readonly scale: TickScale;
}

export class PcapngParser implements RecordParser {
  private le = true;
  private section = -1;
  private interfaceCount = 0;
  /** The current section's interfaces, by their id within the section. */
  private interfaces: InterfaceState[] = [];

  constructor(private readonly context: ParserContext) {}

  recordSize(view: DataView, pos: number, end: number, base: number): number {
    if (end - pos < 8) return 8;
    const type = view.getUint32(pos, this.le);
    if (end - pos < headerSize(type)) return headerSize(type);
    return this.checkedLength(view, pos, type, base);
  }

  parse(bytes: Uint8Array, view: DataView, pos: number, end: number, base: number): number {
    while (end - pos >= 8) {
      const type = view.getUint32(pos, this.le);
      if (end - pos < headerSize(type)) break;
      // Checked before the block is complete, so that a bogus length is reported, not waited for.
      const total = this.checkedLength(view, pos, type, base);
      if (total < 0) return pos;
      if (total > end - pos) break;
      const le = type === BlockType.SHB ? view.getUint32(pos + 8, true) === BYTE_ORDER_MAGIC : this.le;
      const trailer = view.getUint32(pos + total - 4, le);
      if (trailer !== total) {
        const message = `block total length ${total} does not match the ${trailer} at the end of the block`;
        this.context.fail(corruptError(base + pos, blockName(type), message));
        return pos;
      }
      if (!this.block(type, bytes, view, pos, total, base)) return pos;
      pos += total;
    }
    return pos;
  }

  truncated(view: DataView, have: number, base: number): void {
    if (have < 4) {
      this.context.fail(truncatedError(base, 'block header', have, 8));
      return;
    }
    const type = view.getUint32(0, this.le);
    const name = blockName(type);
    if (have < headerSize(type)) {
      const message = `the file ends inside ${withArticle(name)} header: ${have} of ${headerSize(type)} bytes`;
      this.context.fail({ offset: base, blockType: name, kind: 'truncated', message });
      return;
    }
    const total = this.checkedLength(view, 0, type, base);
    if (total >= 0) this.context.fail(truncatedError(base, name, have, total));
  }

  /** The block's total length, or -1 after reporting why it is impossible. */
  private checkedLength(view: DataView, pos: number, type: number, base: number): number {
    const total = blockLength(view, pos, type, this.le, base + pos);
    if (typeof total === 'number') return total;
    this.context.fail(total);
    return -1;
  }

  private block(
    type: number,
    bytes: Uint8Array,
    view: DataView,
    pos: number,
    total: number,
    base: number,
  ): boolean {
    switch (type) {
      case BlockType.EPB:
        return this.packet(bytes, view, pos, total, base, 'epb');
      case BlockType.OPB:
        return this.packet(bytes, view, pos, total, base, 'opb');
      case BlockType.SPB:
        return this.simplePacket(bytes, view, pos, total, base);
      case BlockType.CustomCopied:
      case BlockType.CustomNotCopied:
        return this.custom(bytes, view, pos, total, type === BlockType.CustomCopied);
      case BlockType.SHB:
        return this.sectionHeader(bytes, view, pos, total, base);
      case BlockType.IDB:
        return this.interfaceDescription(bytes, view, pos, total);
      default:
        return this.metadata(type, bytes, view, pos + 8, pos + total - 4, base + pos);
    }
  }

  /** EPB and the obsolete Packet Block, which differ only in the width of the interface id. */
  private packet(
    bytes: Uint8Array,
    view: DataView,
    pos: number,
    total: number,
    base: number,
    block: 'epb' | 'opb',
  ): boolean {
    const le = this.le;
    const local = block === 'epb' ? view.getUint32(pos + 8, le) : view.getUint16(pos + 8, le);
    const iface = this.interfaces[local];
    const name = block === 'epb' ? 'EPB' : 'OPB';
    if (iface === undefined) return this.unknownInterface(name, local, base + pos);
    const captured = view.getUint32(pos + 20, le);
    const room = total - 32;
    if (captured > room) {
      const message = `captured length ${captured} does not fit in the ${room} bytes of packet data the block holds`;
      this.context.fail(corruptError(base + pos, name, message));
      return false;
    }
    iface.scale.convert(view.getUint32(pos + 12, le), view.getUint32(pos + 16, le));
    const dataEnd = pos + 28 + captured;
    const optionsStart = pos + 28 + ((captured + 3) & ~3);
    const options =
      optionsStart < pos + total - 4 ? packetOptions(bytes, view, optionsStart, pos + total - 4, le) : null;
    this.context.events.frame({
      interfaceId: iface.id,
      hasTimestamp: true,
      tsSeconds: iface.scale.seconds,
      tsNanos: iface.scale.nanos,
      capturedLength: captured,
      originalLength: view.getUint32(pos + 24, le),
      data: bytes.subarray(pos + 28, dataEnd),
      comments: options && options.comments.length > 0 ? options.comments : NO_COMMENTS,
      epbFlags: options ? options.flags : 0,
      block,
      pen: undefined,
    });
    return true;
  }

  /** SPB: no interface id (always the section's first), no timestamp, captured length implied. */
  private simplePacket(bytes: Uint8Array, view: DataView, pos: number, total: number, base: number): boolean {
    const iface = this.interfaces[0];
    if (iface === undefined) return this.unknownInterface('SPB', 0, base + pos);
    const original = view.getUint32(pos + 8, this.le);
    const snap = iface.snapLength === 0 ? Infinity : iface.snapLength;
    const captured = Math.min(original, snap, total - 16);
    this.context.events.frame(
      untimedFrame(iface.id, bytes.subarray(pos + 12, pos + 12 + captured), original, 'spb'),
    );
    return true;
  }

  /** Custom blocks: tshark shows each as a frame of its custom data, with no interface or time. */
  private custom(bytes: Uint8Array, view: DataView, pos: number, total: number, copy: boolean): boolean {
    const data = bytes.subarray(pos + 12, pos + total - 4);
    const frame = untimedFrame(-1, data, data.length, 'custom', view.getUint32(pos + 8, this.le));
    this.context.events.frame({ ...frame, customCopy: copy });
    return true;
  }

  private sectionHeader(
    bytes: Uint8Array,
    view: DataView,
    pos: number,
    total: number,
    base: number,
  ): boolean {
    const le = view.getUint32(pos + 8, true) === BYTE_ORDER_MAGIC;
    const major = view.getUint16(pos + 12, le);
    const minor = view.getUint16(pos + 14, le);
    if (major !== 1) {
      const message = `unknown SHB version ${major}.${minor} (only 1.x is defined)`;
      this.context.fail({ offset: base + pos, blockType: 'SHB', kind: 'unsupported', message });
      return false;
    }
    this.le = le;
    this.section += 1;
    this.interfaces = [];
    const events = this.context.events;
    if (this.section === 0) events.format?.('pcapng', { bigEndian: !le, version: `${major}.${minor}` });
    for (const text of comments(bytes, view, pos + 24, pos + total - 4, le)) events.comment?.(text);
    return true;
  }

  private interfaceDescription(bytes: Uint8Array, view: DataView, pos: number, total: number): boolean {
    const { tsresol, ...fields } = decodeInterface(bytes, view, pos + 8, pos + total - 4, this.le);
    const scale = new TickScale(ticksPerSecondOf(tsresol), fields.tsOffsetSeconds);
    const iface: CaptureInterface = {
      id: this.interfaceCount++,
      section: this.section,
      ...fields,
      ticksPerSecond: scale.ticksPerSecond,
    };
    this.interfaces.push({ id: iface.id, snapLength: iface.snapLength, scale });
    this.context.events.interface?.(iface);
    return true;
  }

  /** NRB, ISB, DSB; anything else is skipped, as the spec asks of unknown blocks. */
  private metadata(
    type: number,
    bytes: Uint8Array,
    view: DataView,
    body: number,
    end: number,
    offset: number,
  ): boolean {
    const events = this.context.events;
    const le = this.le;
    if (type === BlockType.NRB) {
      events.names?.(decodeNames(bytes, view, body, end, le));
    } else if (type === BlockType.ISB) {
      const iface = this.interfaces[view.getUint32(body + ISB.interfaceId[0], le)];
      if (iface !== undefined) events.statistics?.(decodeStatistics(view, body, end, le, iface.id));
    } else if (type === BlockType.DSB) {
      const length = view.getUint32(body + DSB.secretsLength[0], le);
      if (length > end - body - DSB.data) {
        const message = `secrets length ${length} does not fit in the ${end - body - DSB.data} bytes the block holds`;
        this.context.fail(corruptError(offset, 'DSB', message));
        return false;
      }
      // Copied: unlike frame bytes, a consumer keeps the key log.
      const data = bytes.slice(body + DSB.data, body + DSB.data + length);
      events.secrets?.({ secretsType: view.getUint32(body + DSB.secretsType[0], le), data });
    }
    return true;
  }

  private unknownInterface(name: string, local: number, offset: number): false {
    const count = this.interfaces.length;
    const message = `${withArticle(name)} refers to interface ${local}, but its section declares ${count === 0 ? 'none' : `only ${count}`}`;
    this.context.fail(corruptError(offset, name, message));
    return false;
  }
}

function untimedFrame(
  interfaceId: number,
  data: Uint8Array,
  original: number,
  block: 'spb' | 'custom',
  pen?: number,
): CapturedFrame {
  return {
    interfaceId,
    hasTimestamp: false,
    tsSeconds: 0,
    tsNanos: 0,
    capturedLength: data.length,
    originalLength: original,
    data,
    comments: NO_COMMENTS,
    epbFlags: 0,
    block,
    pen,
  };
}
