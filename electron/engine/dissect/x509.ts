/**
 * An X.509 certificate (RFC 5280 §4.1) in the details tree: version, serial number, signature algorithm,
 * issuer, validity, subject, public key and subject alternative names, under Wireshark's x509af / x509if /
 * x509ce field ids. The values come from Node's `crypto.X509Certificate` (OpenSSL in Node, BoringSSL in
 * Electron: a maintained parser, no npm dependency); a DER walk only finds the byte ranges.
 *
 *   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 *   TBSCertificate ::= SEQUENCE { [0] version, serialNumber, signature, issuer, validity, subject,
 *                                 subjectPublicKeyInfo, [1] issuerUID, [2] subjectUID, [3] extensions }
 * Detail path only.
 */
import { X509Certificate } from 'node:crypto';
import { X509AF, X509CE, X509IF } from '../../../shared/fields/x509.js';
import type { FrameContext } from './context.js';
import { derAt, derChildren, oidText, type Der } from './der.js';
import { hexOf } from './tls-reader.js';
import { dissectSctList } from './tls-sct.js';

const A = X509AF.fields;

const ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.1': 'rsaEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'id-RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.2.1': 'id-ecPublicKey',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'id-Ed25519',
  '1.3.101.113': 'id-Ed448',
};

/** OpenSSL's short names → Wireshark's attribute names. */
const ATTRIBUTES: Readonly<Record<string, string>> = {
  CN: 'id-at-commonName',
  C: 'id-at-countryName',
  L: 'id-at-localityName',
  ST: 'id-at-stateOrProvinceName',
  O: 'id-at-organizationName',
  OU: 'id-at-organizationalUnitName',
  serialNumber: 'id-at-serialNumber',
  businessCategory: 'id-at-businessCategory',
  street: 'id-at-streetAddress',
  postalCode: 'id-at-postalCode',
  title: 'id-at-title',
  GN: 'id-at-givenName',
  SN: 'id-at-surname',
  emailAddress: 'pkcs-9-at-emailAddress',
  DC: 'id-domainComponent',
  jurisdictionC: 'jurisdictionOfIncorporationCountryName',
  jurisdictionST: 'jurisdictionOfIncorporationStateOrProvinceName',
  jurisdictionL: 'jurisdictionOfIncorporationLocalityName',
};

/**
 * A distinguished name as Wireshark summarises it: most specific first (`id-at-commonName=…,id-at-countryName=…`)
 * and how many RDNs. Node lists RDNs in certificate order, one per line, with `\,`-style escapes.
 */
export function nameSummary(name: string): { text: string; count: number } {
  const rdns = name.split('\n').filter((line) => line.length > 0);
  const parts = rdns.reverse().map((rdn) => {
    const eq = rdn.indexOf('=');
    const key = rdn.slice(0, eq);
    return `${ATTRIBUTES[key] ?? key}=${rdn.slice(eq + 1).replace(/\\(.)/g, '$1')}`;
  });
  return { text: parts.join(','), count: rdns.length };
}

/** `Oct  5 01:38:17 2018 GMT` → `2018-10-05 01:38:17 (UTC)`, as Wireshark writes ASN.1 times. */
function timeText(openssl: string): string {
  const d = new Date(openssl);
  if (Number.isNaN(d.getTime())) return openssl;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} (UTC)`;
}

/** The certificate's DER parts; null when its outer structure does not parse. */
function parts(bytes: Uint8Array, start: number, end: number): { tbs: Der[]; outer: Der[] } | null {
  const cert = derAt(bytes, start, end);
  if (!cert) return null;
  const outer = derChildren(bytes, cert);
  const tbs = outer[0] ? derChildren(bytes, outer[0]) : [];
  // Without the explicit [0] version the certificate is v1: pad so that indexes line up.
  if (tbs[0] && tbs[0].tag !== 0xa0)
    tbs.unshift({ tag: 0xa0, start: tbs[0].start, content: tbs[0].start, end: tbs[0].start });
  return { tbs, outer };
}

function algorithm(bytes: Uint8Array, der: Der | undefined): string {
  const oid = der ? derChildren(bytes, der)[0] : undefined;
  if (!oid || oid.tag !== 0x06) return '';
  const dotted = oidText(bytes, oid);
  return ALGORITHMS[dotted] ?? dotted;
}

/** Summary text of the certificate for its tree line: its subject, as Wireshark appends it. */
export function subjectSummary(bytes: Uint8Array): string | null {
  try {
    return nameSummary(new X509Certificate(bytes).subject).text;
  } catch {
    return null;
  }
}

/** The certificate in `[start, end)` of the current source, under the open node. */
export function addCertificateTree(ctx: FrameContext, start: number, end: number): void {
  const t = ctx.tree;
  if (!t) return;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(ctx.bytes.subarray(start, Math.min(end, ctx.capturedEnd)));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    ctx.problem('malformed', 'x509af', `certificate does not parse: ${why}`, start, end);
    return;
  }
  const der = parts(ctx.bytes, start, end);
  const at = (d: Der | undefined): [number, number] => (d ? [d.start, d.end] : [start, end]);
  t.open(t.add(A.signedCertificate, ...at(der?.outer[0]), null));
  addSignedCertificate(ctx, der?.tbs ?? [], cert, start, end);
  t.close();
  const outer = der?.outer ?? [];
  const signature = `algorithmIdentifier (${algorithm(ctx.bytes, outer[1])})`;
  t.add(A.algorithmIdentifier, ...at(outer[1]), null, signature);
  if (outer[2])
    t.add(A.encrypted, outer[2].content + 1, outer[2].end, hexOf(ctx, outer[2].content + 1, outer[2].end));
}

/** TBSCertificate's fields, each at its DER element (the whole certificate when the walk did not find it). */
function addSignedCertificate(
  ctx: FrameContext,
  tbs: Der[],
  cert: X509Certificate,
  start: number,
  end: number,
): void {
  const t = ctx.tree;
  if (!t) return;
  const at = (d: Der | undefined): [number, number] => (d ? [d.start, d.end] : [start, end]);
  const version = tbs[0] && tbs[0].end > tbs[0].content ? (ctx.bytes[tbs[0].end - 1] ?? 0) : 0;
  t.add(
    A.version,
    ...at(tbs[0]),
    version,
    `version: ${['v1', 'v2', 'v3'][version] ?? 'Unknown'} (${version})`,
  );
  // The INTEGER's own bytes (a leading 00 included), as Wireshark shows them; Node's text drops it.
  const serial = tbs[1] ? hexOf(ctx, tbs[1].content, tbs[1].end) : cert.serialNumber.toLowerCase();
  t.add(A.serialNumber, ...at(tbs[1]), serial, `serialNumber: 0x${serial}`);
  t.add(A.signature, ...at(tbs[2]), null, `signature (${algorithm(ctx.bytes, tbs[2])})`);
  addName(ctx, A.issuer, X509IF.fields.rdnSequence, tbs[3], cert.issuer, start, end);
  addValidity(ctx, tbs[4], cert, start, end);
  addName(ctx, A.subject, A.subjectRdnSequence, tbs[5], cert.subject, start, end);
  addPublicKey(ctx, tbs[6], cert, start, end);
  const extensions = tbs.find((d) => d.tag === 0xa3);
  addAltNames(ctx, extensions, cert, start, end);
  noteTimestamps(ctx, extensions);
}

function addName(
  ctx: FrameContext,
  def: typeof A.issuer,
  sequence: typeof A.subjectRdnSequence,
  der: Der | undefined,
  name: string,
  start: number,
  end: number,
): void {
  const t = ctx.tree;
  if (!t) return;
  const [from, to] = der ? [der.start, der.end] : [start, end];
  const summary = nameSummary(name);
  t.open(t.add(def, from, to, 0));
  t.add(
    sequence,
    from,
    to,
    summary.text,
    `rdnSequence: ${summary.count} item${summary.count === 1 ? '' : 's'} (${summary.text})`,
  );
  t.close();
}

function addValidity(
  ctx: FrameContext,
  der: Der | undefined,
  cert: X509Certificate,
  start: number,
  end: number,
): void {
  const t = ctx.tree;
  if (!t) return;
  const times = der ? derChildren(ctx.bytes, der) : [];
  t.open(t.add(A.validity, der?.start ?? start, der?.end ?? end, null));
  [cert.validFrom, cert.validTo].forEach((value, i) => {
    const d = times[i];
    const generalized = d?.tag === 0x18 ? 1 : 0;
    const [from, to] = d ? [d.start, d.end] : [start, end];
    t.open(t.add(i === 0 ? A.notBefore : A.notAfter, from, to, generalized));
    t.add(generalized ? A.generalizedTime : A.utcTime, from, to, timeText(value));
    t.close();
  });
  t.close();
}

function addPublicKey(
  ctx: FrameContext,
  der: Der | undefined,
  cert: X509Certificate,
  start: number,
  end: number,
): void {
  const t = ctx.tree;
  if (!t) return;
  const inner = der ? derChildren(ctx.bytes, der) : [];
  t.open(t.add(A.subjectPublicKeyInfo, der?.start ?? start, der?.end ?? end, null));
  const name = algorithm(ctx.bytes, inner[0]) || (cert.publicKey.asymmetricKeyType ?? '');
  t.text(`algorithm (${name})`, inner[0]?.start ?? start, inner[0]?.end ?? end);
  const key = inner[1];
  if (key) t.add(A.subjectPublicKey, key.content + 1, key.end, hexOf(ctx, key.content + 1, key.end));
  t.close();
}

/** RFC 6962 §3.3: the certificate's embedded Signed Certificate Timestamps. */
const SCT_LIST = '1.3.6.1.4.1.11129.2.4.2';

/**
 * Wireshark hands an embedded SCT list to its TLS dissector, which then appears again in `frame.protocols`
 * (`…:tls:x509ce:…:tls`): say so the same way.
 */
function noteTimestamps(ctx: FrameContext, extensions: Der | undefined): void {
  const list = extensions ? derChildren(ctx.bytes, extensions)[0] : undefined;
  if (!list) return;
  for (const extension of derChildren(ctx.bytes, list)) {
    const oid = derChildren(ctx.bytes, extension)[0];
    if (oid?.tag !== 0x06 || oidText(ctx.bytes, oid) !== SCT_LIST) continue;
    const t = ctx.tree;
    if (!t) return;
    t.mark('tls');
    // extnValue is an OCTET STRING holding another OCTET STRING: the TLS-encoded list.
    const value = derChildren(ctx.bytes, extension).at(-1);
    const inner = value?.tag === 0x04 ? derAt(ctx.bytes, value.content, value.end) : null;
    t.open(t.text('Signed Certificate Timestamp list (RFC 6962)', extension.start, extension.end));
    if (inner?.tag === 0x04) dissectSctList(ctx, inner.content, inner.end);
    t.close();
  }
}

function addAltNames(
  ctx: FrameContext,
  der: Der | undefined,
  cert: X509Certificate,
  start: number,
  end: number,
): void {
  const t = ctx.tree;
  const names = (cert.subjectAltName ?? '').split(', ').filter((n) => n.length > 0);
  if (!t || names.length === 0) return;
  const [from, to] = der ? [der.start, der.end] : [start, end];
  t.open(t.add(A.extensions, from, to, null, 'extensions'));
  for (const entry of names) {
    const colon = entry.indexOf(':');
    const kind = entry.slice(0, colon);
    const value = entry.slice(colon + 1);
    if (kind === 'DNS') t.add(X509CE.fields.dNSName, from, to, value);
    else if (kind === 'IP Address') t.add(X509CE.fields.iPAddress, from, to, value);
    else t.text(`GeneralName: ${entry}`, from, to);
  }
  t.close();
}
