/**
 * Fields that are Hammerhead's own (`hh.*`: which lane a frame is in, whether its payload was
 * decrypted with the key log) and Wireshark's pseudo-protocols for damaged frames (`_ws.malformed`,
 * `_ws.short`), which the engine answers from the store's flag bits. Filters and colouring rules
 * read them like any other field.
 */
import { defineProtocol, field } from './types.js';

export const HAMMERHEAD = defineProtocol(
  { id: 'hh', name: 'Hammerhead', short: 'Hammerhead' },
  {
    lane: field('hh.lane', 'Lane', 'uint16', { generated: true }),
    decrypted: field('hh.decrypted', 'Decrypted with the TLS key log', 'boolean', { generated: true }),
  },
);

export const WS_MALFORMED = defineProtocol(
  { id: '_ws.malformed', name: 'Malformed Packet', short: 'Malformed' },
  {},
);

export const WS_SHORT = defineProtocol(
  { id: '_ws.short', name: 'Packet size limited during capture', short: 'Short' },
  {},
);
