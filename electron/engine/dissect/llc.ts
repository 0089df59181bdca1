/**
 * IEEE 802.2 Logical Link Control, minimally: the SAPs, the control field's frame kind for the Info
 * column, and SNAP (RFC 1042) so that EtherType-in-SNAP reaches the usual dissectors.
 *
 *  +--------+--------+----------------+-------------------------------+
 *  |  DSAP  |  SSAP  | control (1|2)  | SNAP: OUI (3) | PID (2)       |
 *  +--------+--------+----------------+-------------------------------+
 *
 * Control: U frames (low bits 11) are one byte; I (x0) and S (01) frames are two (modulo 128).
 */
import { LLC, SAP_NAMES } from '../../../shared/fields/ethernet.js';
import { hex } from '../../../shared/fields/format.js';
import type { FrameContext } from './context.js';
import { dissectEthertype } from './ethertype.js';
import type { Dissector } from './registry.js';

export const LLC_HEADER = { dsap: [0, 1], ssap: [1, 2], control: [2, 3] } as const;
export const SNAP_HEADER = { oui: [0, 3], pid: [3, 5] } as const;
const SNAP_SAP = 0xaa;

const U_FUNCTIONS: Readonly<Record<number, string>> = {
  0x03: 'UI',
  0x0f: 'DM',
  0x43: 'DISC',
  0x63: 'UA',
  0x6f: 'SABME',
  0x87: 'FRMR',
  0xaf: 'XID',
  0xe3: 'TEST',
};
const S_FUNCTIONS: Readonly<Record<number, string>> = { 0x00: 'RR', 0x04: 'RNR', 0x08: 'REJ' };
const OUI_NAMES: Readonly<Record<number, string>> = {
  0x000000: 'Officially Xerox, but 0:0:0:0:0:0 is more common',
  0x00000c: 'Cisco Systems, Inc',
  0x0000f8: 'Cisco 90-Compatible',
  0x0080c2: 'IEEE 802.1',
};
/** OUIs whose PID is an EtherType (RFC 1042 and Cisco's variant). */
const ETHERTYPE_OUIS = new Set([0x000000, 0x0000f8]);

interface Control {
  readonly length: number;
  readonly text: string;
  readonly isUi: boolean;
}

/** The control field as Wireshark's Info shows it: `U, func=UI`, `I P, N(R)=8, N(S)=5`, `S, func=RR, N(R)=0`. */
function readControl(ctx: FrameContext, offset: number, end: number, response: boolean): Control | undefined {
  const first = ctx.u8(offset);
  if ((first & 0x03) === 0x03) {
    const pf = (first & 0x10) !== 0 ? (response ? ' F' : ' P') : '';
    const func = U_FUNCTIONS[first & 0xef] ?? hex(first & 0xef, 2);
    return { length: 1, text: `U${pf}, func=${func}`, isUi: (first & 0xef) === 0x03 };
  }
  if (!ctx.need('llc', offset, 2, end)) return undefined;
  const second = ctx.u8(offset + 1);
  const pf = (second & 0x01) !== 0 ? (response ? ' F' : ' P') : '';
  const nr = second >>> 1;
  if ((first & 0x01) === 0)
    return { length: 2, text: `I${pf}, N(R)=${nr}, N(S)=${first >>> 1}`, isUi: false };
  const func = S_FUNCTIONS[first & 0x0c] ?? hex(first & 0x0c, 2);
  return { length: 2, text: `S${pf}, func=${func}, N(R)=${nr}`, isUi: false };
}

function sapText(sap: number): string {
  return SAP_NAMES[sap & 0xfe] ?? hex(sap & 0xfe, 2);
}

function dissectSnap(ctx: FrameContext, offset: number, end: number, controlText: string): void {
  if (!ctx.need('llc', offset, 5, end)) return;
  const oui = ctx.u16(offset) * 256 + ctx.u8(offset + 2);
  const pid = ctx.u16(offset + SNAP_HEADER.pid[0]);
  ctx.setInfo(
    `${controlText}; SNAP, OUI ${hex(oui, 6)} (${OUI_NAMES[oui] ?? 'Unknown'}), PID ${hex(pid, 4)}`,
  );
  const t = ctx.tree;
  if (t) {
    t.setEnd(offset + 5);
    t.at(LLC.fields.oui, offset, SNAP_HEADER.oui, oui);
    t.at(LLC.fields.pid, offset, SNAP_HEADER.pid, pid);
  }
  if (ETHERTYPE_OUIS.has(oui)) dissectEthertype(ctx, pid, offset + 5, end, false);
  else ctx.data(offset + 5, end);
}

function dissect(ctx: FrameContext, offset: number, end: number): void {
  ctx.setProtocol('LLC');
  if (!ctx.need('llc', offset, LLC_HEADER.control[1], end)) return;
  const dsap = ctx.u8(offset);
  const ssap = ctx.u8(offset + 1);
  const control = readControl(ctx, offset + 2, end, (ssap & 0x01) !== 0);
  if (control === undefined) return;
  const headerEnd = offset + 2 + control.length;
  const t = ctx.tree;
  if (t) {
    t.begin(LLC.protocol, 'Logical-Link Control', offset, headerEnd);
    t.open(t.at(LLC.fields.dsap, offset, LLC_HEADER.dsap, dsap & 0xfe));
    t.at(LLC.fields.dsapIg, offset, LLC_HEADER.dsap, (dsap & 0x01) !== 0);
    t.close();
    t.open(t.at(LLC.fields.ssap, offset, LLC_HEADER.ssap, ssap & 0xfe));
    t.at(LLC.fields.ssapCr, offset, LLC_HEADER.ssap, (ssap & 0x01) !== 0);
    t.close();
    t.add(LLC.fields.control, offset + 2, headerEnd, ctx.u8(offset + 2), `Control field: ${control.text}`);
  }
  if (dsap === SNAP_SAP && ssap === SNAP_SAP) {
    dissectSnap(ctx, headerEnd, end, control.text);
    return;
  }
  const ig = (dsap & 0x01) !== 0 ? 'Group' : 'Individual';
  const cr = (ssap & 0x01) !== 0 ? 'Response' : 'Command';
  ctx.setInfo(`${control.text}; DSAP ${sapText(dsap)} ${ig}, SSAP ${sapText(ssap)} ${cr}`);
  if (!control.isUi || !ctx.next('llc.dsap', dsap & 0xfe, headerEnd, end)) ctx.data(headerEnd, end);
}

export const llcDissector: Dissector = {
  id: 'llc',
  // ETH_P_802_2 in Linux cooked captures.
  bindings: [{ table: 'sll.ltype', key: 0x0004 }],
  dissect,
};
