/** TLS record decryption from key-log secrets: key derivation and record opening, no dissection. */
export { forceNobleChacha, usingNobleChacha } from './chacha.js';
export {
  deriveSecret,
  HASH_LENGTH,
  hkdfExpand,
  hkdfExpandLabel,
  hkdfExtract,
  transcriptHash,
  type HashName,
} from './hkdf.js';
export {
  nextTrafficSecret,
  tls12KeyBlock,
  tls13TrafficKeys,
  type DirectionKeys,
  type KeyBlock,
} from './key-schedule.js';
export { prf, tls10Prf, tls12Prf, TLS1_0, TLS1_1, TLS1_2 } from './prf.js';
export {
  RecordDecrypter,
  type DecryptFailureReason,
  type DecryptResult,
  type Tls12Options,
} from './record-decrypt.js';
export {
  CIPHER_SUITES,
  recordIvLengthFor,
  suiteById,
  suiteName,
  type CipherName,
  type CipherSuite,
  type MacName,
} from './suites.js';
