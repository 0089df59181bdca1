/** User Datagram Protocol (RFC 768). */
import { defineProtocol, field } from './types.js';

export const UDP = defineProtocol(
  { id: 'udp', name: 'User Datagram Protocol', short: 'UDP' },
  {
    srcport: field('udp.srcport', 'Source Port', 'uint16'),
    dstport: field('udp.dstport', 'Destination Port', 'uint16'),
    length: field('udp.length', 'Length', 'uint16'),
    checksum: field('udp.checksum', 'Checksum', 'uint16', { base: 'hex' }),
    payload: field('udp.payload', 'UDP payload', 'bytes'),
  },
);
