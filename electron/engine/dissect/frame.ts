/**
 * The frame itself: Wireshark's `frame` layer in the details tree, and pcapng custom blocks, which tshark
 * lists as frames of their own (Protocol `PCAPNG`, Info `Custom Block: PEN = …`).
 */
import { ENTERPRISE_NAMES, FRAME } from '../../../shared/fields/frame.js';
import type { FrameContext } from './context.js';
import type { DetailTree } from './tree.js';

const F = FRAME.fields;

function bits(bytes: number): string {
  return `${bytes} byte${bytes === 1 ? '' : 's'} (${bytes * 8} bits)`;
}

export function beginFrameLayer(
  t: DetailTree,
  number: number,
  originalLength: number,
  capturedLength: number,
): void {
  const wire = `${originalLength} byte${originalLength === 1 ? '' : 's'} on wire (${originalLength * 8} bits)`;
  const captured = `${capturedLength} byte${capturedLength === 1 ? '' : 's'} captured (${capturedLength * 8} bits)`;
  t.begin(FRAME.protocol, `Frame ${number}: ${wire}, ${captured}`, 0, capturedLength);
  t.add(F.number, 0, 0, number);
  t.add(F.len, 0, 0, originalLength, `Frame Length: ${bits(originalLength)}`);
  t.add(F.capLen, 0, 0, capturedLength, `Capture Length: ${bits(capturedLength)}`);
}

/** `frame.protocols`: the layer chain, once the frame is dissected. */
export function addProtocolsLine(t: DetailTree, capturedLength: number): void {
  const chain = t.chain.filter((id) => id !== FRAME.protocol.id && !id.startsWith('_ws.')).join(':');
  const frame = t.layers[0];
  if (frame?.id === FRAME.protocol.id) {
    frame.fields.push({
      id: F.protocols.id,
      display: `[Protocols in frame: ${chain}]`,
      value: chain,
      range: [0, capturedLength],
    });
  }
}

export function enterpriseName(pen: number): string {
  return ENTERPRISE_NAMES[pen] ?? 'Unknown';
}

/** A custom block: no link layer, so the columns come from the block itself. */
export function dissectCustomBlock(ctx: FrameContext, pen: number, copyAllowed: boolean): void {
  ctx.setProtocol('PCAPNG');
  ctx.setInfo(
    `Custom Block: PEN = ${enterpriseName(pen)} (${pen}), will${copyAllowed ? '' : ' not'} be copied`,
  );
  const t = ctx.tree;
  if (!t) return;
  const length = ctx.capturedEnd;
  t.begin(
    FRAME.protocol,
    `PCAPNG Custom Block ${ctx.frameNumber}: ${bits(length)} of custom data and options, PEN ${enterpriseName(pen)} (${pen}), copying ${copyAllowed ? 'allowed' : 'not allowed'}`,
    0,
    length,
  );
  t.add(F.number, 0, 0, ctx.frameNumber);
  t.add(F.cbPen, 0, 0, pen, `Private Enterprise Number: ${enterpriseName(pen)} (${pen})`);
  t.add(F.cbCopy, 0, 0, copyAllowed);
  ctx.data(0, length);
}
