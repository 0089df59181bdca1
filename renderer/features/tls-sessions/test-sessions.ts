/** TLS session statuses for the renderer's tests, as the engine answers `tls.sessions`. */
import type { TlsSessionStatus } from '../../../shared/contract/tls-channels.js';

export const RANDOM_A = 'a1'.repeat(32);
export const RANDOM_B = 'b2'.repeat(32);

export function session(patch: Partial<TlsSessionStatus> = {}): TlsSessionStatus {
  return {
    stream: 0,
    firstFrame: 4,
    lastFrame: 31,
    clientRandom: RANDOM_A,
    serverName: 'example.com',
    version: 'TLSv1.3',
    suite: 'TLS_AES_128_GCM_SHA256',
    alpn: 'h2',
    secrets: [
      'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
      'SERVER_HANDSHAKE_TRAFFIC_SECRET',
      'CLIENT_TRAFFIC_SECRET_0',
      'SERVER_TRAFFIC_SECRET_0',
    ],
    state: 'decrypted',
    encryptedRecords: 14,
    decryptedRecords: 14,
    failure: null,
    ...patch,
  };
}
