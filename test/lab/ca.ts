/**
 * A lab certificate authority and a server certificate for the lab's test name, made with the
 * openssl command line (RSA 2048, like the certificates ACM issues for load balancers). Made once
 * per run and kept, so repeated `up`s serve the same certificate.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { must } from './exec.js';

export interface LabCertificates {
  /** PEM of the lab CA: what clients trust (`--cacert`, Node's `ca`). */
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

export function ensureCertificates(dir: string, serverName: string, runId: string): LabCertificates {
  const pki = join(dir, 'pki');
  mkdirSync(pki, { recursive: true });
  const file = (name: string) => join(pki, name);
  const certs: LabCertificates = {
    caCert: file('ca.pem'),
    serverCert: file('server.pem'),
    serverKey: file('server.key'),
  };
  if (existsSync(certs.caCert) && existsSync(certs.serverCert) && existsSync(certs.serverKey)) return certs;

  // prettier-ignore
  must([
    'openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '30',
    '-keyout', file('ca.key'), '-out', certs.caCert,
    '-subj', `/O=Hammerhead lab/CN=Hammerhead lab CA ${runId}`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  // prettier-ignore
  must([
    'openssl', 'req', '-new', '-newkey', 'rsa:2048', '-nodes', '-sha256',
    '-keyout', certs.serverKey, '-out', file('server.csr'), '-subj', `/CN=${serverName}`,
  ]);
  writeFileSync(
    file('server.ext'),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=DNS:${serverName}`,
    ].join('\n') + '\n',
  );
  // prettier-ignore
  must([
    'openssl', 'x509', '-req', '-in', file('server.csr'), '-CA', certs.caCert, '-CAkey', file('ca.key'),
    '-CAcreateserial', '-days', '30', '-sha256', '-extfile', file('server.ext'), '-out', certs.serverCert,
  ]);
  return certs;
}
