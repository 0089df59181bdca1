/** Transport Layer Security (RFC 8446, RFC 5246): fields as Wireshark 4.0 names them. */
import { TLS_CIPHER_SUITES, TLS_GROUPS, TLS_SIGNATURE_SCHEMES } from './tls-names.js';
import {
  TLS_ALERT_DESCRIPTIONS,
  TLS_ALERT_LEVELS,
  TLS_CERT_STATUS_TYPES,
  TLS_CLIENT_CERT_TYPES,
  TLS_COMPRESSION_METHODS,
  TLS_CONTENT_TYPES,
  TLS_CURVE_TYPES,
  TLS_EC_POINT_FORMATS,
  TLS_EXTENSION_TYPES,
  TLS_HANDSHAKE_TYPES,
  TLS_HASH_ALGORITHMS,
  TLS_PSK_KE_MODES,
  TLS_SIGNATURE_ALGORITHMS,
  TLS_VERSIONS,
} from './tls-values.js';
import { defineProtocol, field, type FieldDef } from './types.js';

const u16 = (id: string, label: string): FieldDef => field(`tls.${id}`, label, 'uint16');
const bytes = (id: string, label: string): FieldDef => field(`tls.${id}`, label, 'bytes');
const none = (id: string, label: string): FieldDef => field(`tls.${id}`, label, 'none');
const hs = (id: string, label: string, type: 'uint8' | 'uint16' | 'uint24' | 'uint32' | 'bytes' | 'string') =>
  field(`tls.handshake.${id}`, label, type);

const version = { base: 'hex', strings: TLS_VERSIONS } as const;

/** The record layer, alerts and the handshake messages' own fields. */
const MESSAGE_FIELDS = {
  record: none('record', 'Record Layer'),
  contentType: field('tls.record.content_type', 'Content Type', 'uint8', { strings: TLS_CONTENT_TYPES }),
  opaqueType: field('tls.record.opaque_type', 'Opaque Type', 'uint8', { strings: TLS_CONTENT_TYPES }),
  recordVersion: field('tls.record.version', 'Version', 'uint16', version),
  recordLength: u16('record.length', 'Length'),
  appData: bytes('app_data', 'Encrypted Application Data'),
  appDataProto: field('tls.app_data_proto', 'Application Data Protocol', 'string', { generated: true }),
  changeCipherSpec: none('change_cipher_spec', 'Change Cipher Spec Message'),
  alert: none('alert_message', 'Alert Message'),
  alertLevel: field('tls.alert_message.level', 'Level', 'uint8', { strings: TLS_ALERT_LEVELS }),
  alertDescription: field('tls.alert_message.desc', 'Description', 'uint8', {
    strings: TLS_ALERT_DESCRIPTIONS,
  }),
  handshake: none('handshake', 'Handshake Protocol'),
  handshakeType: field('tls.handshake.type', 'Handshake Type', 'uint8', { strings: TLS_HANDSHAKE_TYPES }),
  handshakeLength: hs('length', 'Length', 'uint24'),
  handshakeVersion: field('tls.handshake.version', 'Version', 'uint16', version),
  random: hs('random', 'Random', 'bytes'),
  randomTime: hs('random_time', 'GMT Unix Time', 'string'),
  randomBytes: hs('random_bytes', 'Random Bytes', 'bytes'),
  sessionIdLength: hs('session_id_length', 'Session ID Length', 'uint8'),
  sessionId: hs('session_id', 'Session ID', 'bytes'),
  cipherSuitesLength: hs('cipher_suites_length', 'Cipher Suites Length', 'uint16'),
  cipherSuites: field('tls.handshake.ciphersuites', 'Cipher Suites', 'none'),
  cipherSuite: field('tls.handshake.ciphersuite', 'Cipher Suite', 'uint16', {
    base: 'hex',
    strings: TLS_CIPHER_SUITES,
  }),
  compMethodsLength: hs('comp_methods_length', 'Compression Methods Length', 'uint8'),
  compMethods: field('tls.handshake.comp_methods', 'Compression Methods', 'none'),
  compMethod: field('tls.handshake.comp_method', 'Compression Method', 'uint8', {
    strings: TLS_COMPRESSION_METHODS,
  }),
  extensionsLength: hs('extensions_length', 'Extensions Length', 'uint16'),
  certificatesLength: hs('certificates_length', 'Certificates Length', 'uint24'),
  certificates: field('tls.handshake.certificates', 'Certificates', 'none'),
  certificateLength: hs('certificate_length', 'Certificate Length', 'uint24'),
  certificate: hs('certificate', 'Certificate', 'bytes'),
  curveType: field('tls.handshake.server_curve_type', 'Curve Type', 'uint8', {
    base: 'hex',
    strings: TLS_CURVE_TYPES,
  }),
  namedCurve: field('tls.handshake.server_named_curve', 'Named Curve', 'uint16', {
    base: 'hex',
    strings: TLS_GROUPS,
  }),
  serverPointLength: hs('server_point_len', 'Pubkey Length', 'uint8'),
  serverPoint: hs('server_point', 'Pubkey', 'bytes'),
  clientPointLength: hs('client_point_len', 'Pubkey Length', 'uint8'),
  clientPoint: hs('client_point', 'Pubkey', 'bytes'),
  epmsLength: hs('epms_len', 'Encrypted PreMaster length', 'uint16'),
  epms: hs('epms', 'Encrypted PreMaster', 'bytes'),
  signatureLength: hs('sig_len', 'Signature Length', 'uint16'),
  signature: hs('sig', 'Signature', 'bytes'),
  verifyData: hs('verify_data', 'Verify Data', 'bytes'),
  ticketLifetime: hs('session_ticket_lifetime_hint', 'Session Ticket Lifetime Hint', 'uint32'),
  ticketAgeAdd: hs('session_ticket_age_add', 'Session Ticket Age Add', 'uint32'),
  ticketNonceLength: hs('session_ticket_nonce_length', 'Session Ticket Nonce Length', 'uint8'),
  ticketNonce: hs('session_ticket_nonce', 'Session Ticket Nonce', 'bytes'),
  ticketLength: hs('session_ticket_length', 'Session Ticket Length', 'uint16'),
  ticket: hs('session_ticket', 'Session Ticket', 'bytes'),
  certTypesCount: hs('cert_types_count', 'Certificate types count', 'uint8'),
  certType: field('tls.handshake.cert_type', 'Certificate type', 'uint8', { strings: TLS_CLIENT_CERT_TYPES }),
  dnamesLength: hs('dnames_len', 'Distinguished Names Length', 'uint16'),
  dnameLength: hs('dname_len', 'Distinguished Name Length', 'uint16'),
  dname: hs('dname', 'Distinguished Name', 'bytes'),
  certVerifySignatureLength: hs('client_cert_vrfy.sig_len', 'Signature length', 'uint16'),
  certVerifySignature: hs('client_cert_vrfy.sig', 'Signature', 'bytes'),
  certStatusType: field('tls.handshake.cert_status_type', 'Certificate Status Type', 'uint8', {
    strings: TLS_CERT_STATUS_TYPES,
  }),
  keyUpdateRequest: field('tls.handshake.key_update.request_update', 'Key Update Request', 'uint8', {
    strings: { 0: 'update_not_requested', 1: 'update_requested' },
  }),
  handshakeData: bytes('handshake.data', 'Handshake Data'),
  ignoredUnknownRecord: none('ignored_unknown_record', 'Ignored Unknown Record'),
};

/** Hello extensions (RFC 8446 §4.2 and the IANA registry). */
const EXTENSION_FIELDS = {
  extensionType: field('tls.handshake.extension.type', 'Type', 'uint16', { strings: TLS_EXTENSION_TYPES }),
  extensionLength: field('tls.handshake.extension.len', 'Length', 'uint16'),
  extensionData: field('tls.handshake.extension.data', 'Data', 'bytes'),
  serverNameListLength: hs('extensions_server_name_list_len', 'Server Name list length', 'uint16'),
  serverNameType: field('tls.handshake.extensions_server_name_type', 'Server Name Type', 'uint8', {
    strings: { 0: 'host_name' },
  }),
  serverNameLength: hs('extensions_server_name_len', 'Server Name length', 'uint16'),
  serverName: hs('extensions_server_name', 'Server Name', 'string'),
  alpnLength: hs('extensions_alpn_len', 'ALPN Extension Length', 'uint16'),
  alpnList: field('tls.handshake.extensions_alpn_list', 'ALPN Protocol', 'none'),
  alpnStringLength: hs('extensions_alpn_str_len', 'ALPN string length', 'uint8'),
  alpnString: hs('extensions_alpn_str', 'ALPN Next Protocol', 'string'),
  supportedVersionsLength: hs('extensions.supported_versions_len', 'Supported Versions length', 'uint8'),
  supportedVersion: field(
    'tls.handshake.extensions.supported_version',
    'Supported Version',
    'uint16',
    version,
  ),
  groupsLength: hs('extensions_supported_groups_length', 'Supported Groups List Length', 'uint16'),
  groups: field('tls.handshake.extensions_supported_groups', 'Supported Groups', 'none'),
  group: field('tls.handshake.extensions_supported_group', 'Supported Group', 'uint16', {
    base: 'hex',
    strings: TLS_GROUPS,
  }),
  pointFormatsLength: hs('extensions_ec_point_formats_length', 'EC point formats Length', 'uint8'),
  pointFormats: field('tls.handshake.extensions_ec_point_formats', 'Elliptic curves point formats', 'none'),
  pointFormat: field('tls.handshake.extensions_ec_point_format', 'EC point format', 'uint8', {
    strings: TLS_EC_POINT_FORMATS,
  }),
  sigHashAlgsLength: hs('sig_hash_alg_len', 'Signature Hash Algorithms Length', 'uint16'),
  sigHashAlgs: field('tls.handshake.sig_hash_algs', 'Signature Hash Algorithms', 'none'),
  sigHashAlg: field('tls.handshake.sig_hash_alg', 'Signature Algorithm', 'uint16', {
    base: 'hex',
    strings: TLS_SIGNATURE_SCHEMES,
  }),
  sigHashHash: field('tls.handshake.sig_hash_hash', 'Signature Hash Algorithm Hash', 'uint8', {
    strings: TLS_HASH_ALGORITHMS,
  }),
  sigHashSig: field('tls.handshake.sig_hash_sig', 'Signature Hash Algorithm Signature', 'uint8', {
    strings: TLS_SIGNATURE_ALGORITHMS,
  }),
  keyShareClientLength: hs('extensions_key_share_client_length', 'Client Key Share Length', 'uint16'),
  keyShareGroup: field('tls.handshake.extensions_key_share_group', 'Group', 'uint16', {
    strings: TLS_GROUPS,
  }),
  keyExchangeLength: hs('extensions_key_share_key_exchange_length', 'Key Exchange Length', 'uint16'),
  keyExchange: hs('extensions_key_share_key_exchange', 'Key Exchange', 'bytes'),
  keyShareSelectedGroup: field(
    'tls.handshake.extensions_key_share_selected_group',
    'Selected Group',
    'uint16',
    {
      strings: TLS_GROUPS,
    },
  ),
  pskModesLength: field('tls.extension.psk_ke_modes_length', 'PSK Key Exchange Modes Length', 'uint8'),
  pskMode: field('tls.extension.psk_ke_mode', 'PSK Key Exchange Mode', 'uint8', {
    strings: TLS_PSK_KE_MODES,
  }),
  renegotiationInfoLength: hs('extensions_reneg_info_len', 'Renegotiation info extension length', 'uint8'),
  statusRequestType: field(
    'tls.handshake.extensions_status_request_type',
    'Certificate Status Type',
    'uint8',
    {
      strings: TLS_CERT_STATUS_TYPES,
    },
  ),
  paddingData: hs('extensions_padding_data', 'Padding Data', 'bytes'),
  recordSizeLimit: hs('extensions.record_size_limit', 'Record Size Limit', 'uint16'),
  cookieLength: hs('extensions.cookie_len', 'Cookie length', 'uint16'),
  cookie: hs('extensions.cookie', 'Cookie', 'bytes'),
  pskIdentitiesLength: hs('extensions.psk.identities.length', 'Identities Length', 'uint16'),
  pskSelected: hs('extensions.psk.identity.selected', 'Selected Identity', 'uint16'),
  earlyDataMax: hs('early_data.max_early_data_size', 'Maximum Early Data Size', 'uint32'),
  sctsLength: field('tls.sct.scts_length', 'Serialized SCT List Length', 'uint16'),
  sctLength: field('tls.sct.sct_length', 'Serialized SCT Length', 'uint16'),
  sctVersion: field('tls.sct.sct_version', 'SCT Version', 'uint8'),
  sctLogId: field('tls.sct.sct_logid', 'Log ID', 'bytes'),
  sctTimestamp: field('tls.sct.sct_timestamp', 'Timestamp', 'string'),
  sctExtensionsLength: field('tls.sct.sct_extensions_length', 'Extensions length', 'uint16'),
  sctSignatureLength: field('tls.sct.sct_signature_length', 'Signature Length', 'uint16'),
  sctSignature: field('tls.sct.sct_signature', 'Signature', 'bytes'),
};

export const TLS = defineProtocol(
  { id: 'tls', name: 'Transport Layer Security', short: 'TLS' },
  { ...MESSAGE_FIELDS, ...EXTENSION_FIELDS },
);
