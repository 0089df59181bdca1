/**
 * IEEE 802.1Q VLAN tag and 802.1ad service tag (QinQ): a Tag Control Information word, then the
 * EtherType (or 802.3 length) of what follows. Tags nest: each one hands off on its own type field.
 *
 *   0               1               2               3               4
 *  +-----+---+-----------------------+-------------------------------+
 *  | PCP |DEI|        VLAN ID        |      EtherType / length       |
 *  +-----+---+-----------------------+-------------------------------+
 */
import { IEEE8021AD, VLAN } from '../../../shared/fields/ethernet.js';
import type { FrameContext } from './context.js';
import { dissectEthertype, MAX_802_3_LENGTH } from './ethertype.js';
import type { Dissector } from './registry.js';

export const VLAN_TAG = { tci: [0, 2], type: [2, 4] } as const;
export const VLAN_TAG_LENGTH = 4;

function dissectTag(ctx: FrameContext, offset: number, end: number, qinq: boolean): void {
  ctx.setProtocol(qinq ? '802.1ad' : 'VLAN');
  if (!ctx.need(qinq ? 'ieee8021ad' : 'vlan', offset, VLAN_TAG_LENGTH, end)) return;
  const tci = ctx.u16(offset);
  const priority = tci >>> 13;
  const dei = (tci >>> 12) & 1;
  const id = tci & 0x0fff;
  const type = ctx.u16(offset + VLAN_TAG.type[0]);
  // Wireshark 4.0 words the two differently (and 802.1ad with a single space before ID).
  ctx.setInfo(qinq ? `PRI: ${priority}  DROP: ${dei} ID: ${id}` : `PRI: ${priority}  DEI: ${dei}  ID: ${id}`);
  const t = ctx.tree;
  if (t) {
    const P = qinq ? IEEE8021AD : VLAN;
    const title = qinq
      ? `IEEE 802.1ad, ID: ${id}`
      : `802.1Q Virtual LAN, PRI: ${priority}, DEI: ${dei}, ID: ${id}`;
    t.begin(P.protocol, title, offset, offset + VLAN_TAG_LENGTH);
    t.at(P.fields.priority, offset, VLAN_TAG.tci, priority);
    if (qinq) t.at(IEEE8021AD.fields.dei, offset, VLAN_TAG.tci, dei);
    else t.at(VLAN.fields.dei, offset, VLAN_TAG.tci, dei === 1);
    t.at(P.fields.id, offset, VLAN_TAG.tci, id);
    if (!qinq && type <= MAX_802_3_LENGTH) t.at(VLAN.fields.len, offset, VLAN_TAG.type, type);
    else t.at(qinq ? IEEE8021AD.fields.etype : VLAN.fields.etype, offset, VLAN_TAG.type, type);
  }
  const payload = offset + VLAN_TAG_LENGTH;
  if (!qinq && type <= MAX_802_3_LENGTH) {
    if (!ctx.nextById('llc', payload, Math.min(end, payload + type))) ctx.data(payload, end);
  } else {
    dissectEthertype(ctx, type, payload, end);
  }
}

export const vlanDissector: Dissector = {
  id: 'vlan',
  // 0x9100: the pre-standard QinQ outer tag, which Wireshark also reads as 802.1Q.
  bindings: [
    { table: 'ethertype', key: 0x8100 },
    { table: 'ethertype', key: 0x9100 },
  ],
  dissect: (ctx, offset, end) => dissectTag(ctx, offset, end, false),
};

export const ieee8021adDissector: Dissector = {
  id: 'ieee8021ad',
  bindings: [{ table: 'ethertype', key: 0x88a8 }],
  dissect: (ctx, offset, end) => dissectTag(ctx, offset, end, true),
};
