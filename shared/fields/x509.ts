/**
 * X.509 certificates (RFC 5280) as carried in TLS Certificate messages: the basics Wireshark's ASN.1
 * dissectors show (x509af: the certificate, x509if: names, x509ce: extensions), under their field ids.
 * Names are given as one string in Wireshark's summary form (`id-at-commonName=example.com,…`).
 */
import { defineProtocol, field } from './types.js';

export const X509AF = defineProtocol(
  { id: 'x509af', name: 'X.509 Authentication Framework', short: 'X509AF' },
  {
    signedCertificate: field('x509af.signedCertificate_element', 'signedCertificate', 'none'),
    version: field('x509af.version', 'version', 'uint8', { strings: { 0: 'v1', 1: 'v2', 2: 'v3' } }),
    serialNumber: field('x509af.serialNumber', 'serialNumber', 'string'),
    signature: field('x509af.signature_element', 'signature', 'none'),
    algorithmId: field('x509af.algorithm.id', 'Algorithm Id', 'string'),
    issuer: field('x509af.issuer', 'issuer', 'uint8', { strings: { 0: 'rdnSequence' } }),
    validity: field('x509af.validity_element', 'validity', 'none'),
    notBefore: field('x509af.notBefore', 'notBefore', 'uint8', {
      strings: { 0: 'utcTime', 1: 'generalizedTime' },
    }),
    notAfter: field('x509af.notAfter', 'notAfter', 'uint8', {
      strings: { 0: 'utcTime', 1: 'generalizedTime' },
    }),
    utcTime: field('x509af.utcTime', 'utcTime', 'string'),
    generalizedTime: field('x509af.generalizedTime', 'generalizedTime', 'string'),
    subject: field('x509af.subject', 'subject', 'uint8', { strings: { 0: 'rdnSequence' } }),
    subjectRdnSequence: field('x509af.rdnSequence', 'rdnSequence', 'string'),
    subjectPublicKeyInfo: field('x509af.subjectPublicKeyInfo_element', 'subjectPublicKeyInfo', 'none'),
    subjectPublicKey: field('x509af.subjectPublicKey', 'subjectPublicKey', 'bytes'),
    extensions: field('x509af.extensions', 'extensions', 'none'),
    algorithmIdentifier: field('x509af.algorithmIdentifier_element', 'algorithmIdentifier', 'none'),
    encrypted: field('x509af.encrypted', 'encrypted', 'bytes'),
  },
);

export const X509IF = defineProtocol(
  { id: 'x509if', name: 'X.509 Information Framework', short: 'X509IF' },
  { rdnSequence: field('x509if.rdnSequence', 'rdnSequence', 'string') },
);

export const X509CE = defineProtocol(
  { id: 'x509ce', name: 'X.509 Certificate Extensions', short: 'X509CE' },
  {
    dNSName: field('x509ce.dNSName', 'dNSName', 'string'),
    iPAddress: field('x509ce.iPAddress', 'iPAddress', 'string'),
    cA: field('x509ce.cA', 'cA', 'boolean'),
  },
);
