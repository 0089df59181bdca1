/**
 * TLS value names (RFC 8446, RFC 5246 and the IANA TLS registries) as Wireshark 4.0.17 writes them, so that
 * tree lines and Info read like tshark's. The long registries are in tls-names.ts.
 */
import type { ValueStrings } from './types.js';

export const ContentType = {
  ChangeCipherSpec: 20,
  Alert: 21,
  Handshake: 22,
  ApplicationData: 23,
  Heartbeat: 24,
  ConnectionId: 25,
} as const;

export const TLS_CONTENT_TYPES: ValueStrings = {
  20: 'Change Cipher Spec',
  21: 'Alert',
  22: 'Handshake',
  23: 'Application Data',
  24: 'Heartbeat',
  25: 'Connection ID',
};

export const HandshakeType = {
  HelloRequest: 0,
  ClientHello: 1,
  ServerHello: 2,
  NewSessionTicket: 4,
  EndOfEarlyData: 5,
  HelloRetryRequest: 6,
  EncryptedExtensions: 8,
  Certificate: 11,
  ServerKeyExchange: 12,
  CertificateRequest: 13,
  ServerHelloDone: 14,
  CertificateVerify: 15,
  ClientKeyExchange: 16,
  Finished: 20,
  CertificateStatus: 22,
  KeyUpdate: 24,
} as const;

/** Wireshark's `ssl_31_handshake_type`: a handshake message whose type is not here is taken as encrypted. */
export const TLS_HANDSHAKE_TYPES: ValueStrings = {
  0: 'Hello Request',
  1: 'Client Hello',
  2: 'Server Hello',
  3: 'Hello Verify Request',
  4: 'New Session Ticket',
  5: 'End of Early Data',
  6: 'Hello Retry Request',
  8: 'Encrypted Extensions',
  11: 'Certificate',
  12: 'Server Key Exchange',
  13: 'Certificate Request',
  14: 'Server Hello Done',
  15: 'Certificate Verify',
  16: 'Client Key Exchange',
  20: 'Finished',
  21: 'Client Certificate URL',
  22: 'Certificate Status',
  23: 'Supplemental Data',
  24: 'Key Update',
  25: 'Compressed Certificate',
  67: 'Encrypted Extensions',
};

export const TlsVersion = {
  SSLv2: 0x0002,
  SSLv3: 0x0300,
  TLSv1: 0x0301,
  TLSv1_1: 0x0302,
  TLSv1_2: 0x0303,
  TLSv1_3: 0x0304,
  GMTLS: 0x0101,
} as const;

/** Version names in tree lines (`Version: TLS 1.2 (0x0303)`), Wireshark's `ssl_versions`. */
export const TLS_VERSIONS: ValueStrings = {
  0x0002: 'SSL 2.0',
  0x0300: 'SSL 3.0',
  0x0301: 'TLS 1.0',
  0x0101: 'GMTLS',
  0x0302: 'TLS 1.1',
  0x0303: 'TLS 1.2',
  0x0304: 'TLS 1.3',
  ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [0x7f0e + i, `TLS 1.3 (draft ${14 + i})`])),
  0xfb17: 'TLS 1.3 (Facebook draft 23)',
  0xfb1a: 'TLS 1.3 (Facebook draft 26)',
  0x0100: 'DTLS 1.0 (OpenSSL pre 0.9.8f)',
  0xfeff: 'DTLS 1.0',
  0xfefd: 'DTLS 1.2',
  ...Object.fromEntries(
    Array.from({ length: 16 }, (_, i) => [(i << 12) | (i << 4) | 0x0a0a, 'Reserved (GREASE)']),
  ),
};

/** The Protocol column for a version (Wireshark's `ssl_version_short_names`); others show `SSL`/`TLS`. */
export const TLS_VERSION_SHORT: ValueStrings = {
  0x0002: 'SSLv2',
  0x0300: 'SSLv3',
  0x0301: 'TLSv1',
  0x0101: 'GMTLS',
  0x0302: 'TLSv1.1',
  0x0303: 'TLSv1.2',
  0x0304: 'TLSv1.3',
  0xfeff: 'DTLSv1.0',
  0xfefd: 'DTLSv1.2',
  0x0100: 'DTLS 1.0 (OpenSSL pre 0.9.8f)',
};

export const TLS_ALERT_LEVELS: ValueStrings = { 1: 'Warning', 2: 'Fatal' };

export const TLS_ALERT_DESCRIPTIONS: ValueStrings = {
  0: 'Close Notify',
  1: 'End of Early Data',
  10: 'Unexpected Message',
  20: 'Bad Record MAC',
  21: 'Decryption Failed',
  22: 'Record Overflow',
  30: 'Decompression Failure',
  40: 'Handshake Failure',
  41: 'No Certificate',
  42: 'Bad Certificate',
  43: 'Unsupported Certificate',
  44: 'Certificate Revoked',
  45: 'Certificate Expired',
  46: 'Certificate Unknown',
  47: 'Illegal Parameter',
  48: 'Unknown CA',
  49: 'Access Denied',
  50: 'Decode Error',
  51: 'Decrypt Error',
  60: 'Export Restriction',
  70: 'Protocol Version',
  71: 'Insufficient Security',
  80: 'Internal Error',
  86: 'Inappropriate Fallback',
  90: 'User Canceled',
  100: 'No Renegotiation',
  109: 'Missing Extension',
  110: 'Unsupported Extension',
  111: 'Certificate Unobtainable',
  112: 'Unrecognized Name',
  113: 'Bad Certificate Status Response',
  114: 'Bad Certificate Hash Value',
  115: 'Unknown PSK Identity',
  116: 'Certificate Required',
  120: 'No application Protocol',
  121: 'ECH Required',
};

/** Extension types (Wireshark's `tls_hello_extension_types`) and ECH, which browsers send since. */
export const TLS_EXTENSION_TYPES: ValueStrings = {
  0: 'server_name',
  1: 'max_fragment_length',
  2: 'client_certificate_url',
  3: 'trusted_ca_keys',
  4: 'truncated_hmac',
  5: 'status_request',
  6: 'user_mapping',
  7: 'client_authz',
  8: 'server_authz',
  9: 'cert_type',
  10: 'supported_groups',
  11: 'ec_point_formats',
  12: 'srp',
  13: 'signature_algorithms',
  14: 'use_srtp',
  15: 'heartbeat',
  16: 'application_layer_protocol_negotiation',
  17: 'status_request_v2',
  18: 'signed_certificate_timestamp',
  19: 'client_certificate_type',
  20: 'server_certificate_type',
  21: 'padding',
  22: 'encrypt_then_mac',
  23: 'extended_master_secret',
  24: 'token_binding',
  25: 'cached_info',
  27: 'compress_certificate',
  28: 'record_size_limit',
  34: 'delegated_credentials',
  35: 'session_ticket',
  40: 'Reserved (key_share)',
  41: 'pre_shared_key',
  42: 'early_data',
  43: 'supported_versions',
  44: 'cookie',
  45: 'psk_key_exchange_modes',
  46: 'Reserved (ticket_early_data_info)',
  47: 'certificate_authorities',
  48: 'oid_filters',
  49: 'post_handshake_auth',
  50: 'signature_algorithms_cert',
  51: 'key_share',
  52: 'transparency_info',
  53: 'connection_id (deprecated)',
  54: 'connection_id',
  55: 'external_id_hash',
  56: 'external_session_id',
  57: 'quic_transport_parameters',
  58: 'ticket_request',
  59: 'dnssec_chain',
  13172: 'next_protocol_negotiation',
  17513: 'application_settings',
  30031: 'channel_id_old',
  30032: 'channel_id',
  65281: 'renegotiation_info',
  65445: 'quic_transport_parameters (drafts version)',
  65486: 'encrypted_server_name',
  65037: 'encrypted_client_hello',
  ...Object.fromEntries(
    Array.from({ length: 16 }, (_, i) => [(i << 12) | (i << 4) | 0x0a0a, 'Reserved (GREASE)']),
  ),
};

export const TLS_COMPRESSION_METHODS: ValueStrings = { 0: 'null', 1: 'DEFLATE', 64: 'LZS' };

export const TLS_EC_POINT_FORMATS: ValueStrings = {
  0: 'uncompressed',
  1: 'ansiX962_compressed_prime',
  2: 'ansiX962_compressed_char2',
};

export const TLS_HASH_ALGORITHMS: ValueStrings = {
  0: 'None',
  1: 'MD5',
  2: 'SHA1',
  3: 'SHA224',
  4: 'SHA256',
  5: 'SHA384',
  6: 'SHA512',
  7: 'SM3',
};

export const TLS_SIGNATURE_ALGORITHMS: ValueStrings = {
  0: 'Anonymous',
  1: 'RSA',
  2: 'DSA',
  3: 'ECDSA',
  4: 'SM2',
};

export const TLS_PSK_KE_MODES: ValueStrings = {
  0: 'PSK-only key establishment (psk_ke)',
  1: 'PSK with (EC)DHE key establishment (psk_dhe_ke)',
};

export const TLS_CERT_STATUS_TYPES: ValueStrings = { 1: 'OCSP', 2: 'OCSP Multi' };

export const TLS_CURVE_TYPES: ValueStrings = { 1: 'explicit_prime', 2: 'explicit_char2', 3: 'named_curve' };

export const TLS_CLIENT_CERT_TYPES: ValueStrings = {
  1: 'RSA Sign',
  2: 'DSS Sign',
  3: 'RSA Fixed DH',
  4: 'DSS Fixed DH',
  21: 'GOST R 34.10-94',
  22: 'GOST R 34.10-2001',
  64: 'ECDSA Sign',
  65: 'RSA Fixed ECDH',
  66: 'ECDSA Fixed ECDH',
  80: 'IBC Params',
};
