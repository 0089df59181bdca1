/**
 * Private key files as users have them: OpenSSH's format (ed25519, ECDSA, RSA) and PEM (PKCS#1
 * RSA, SEC1 EC, and PKCS#8 RSA/EC converted through node:crypto, which ssh2 does not read), with
 * or without a passphrase. Each failure says which file and what to do.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ssh2, { type ParsedKey } from 'ssh2';
import { SshError } from './errors.js';

/** Whether the key needs a passphrase, read from its armour (PEM) or its cipher name (OpenSSH). */
export function isEncryptedKey(text: string): boolean {
  if (/Proc-Type:\s*4,ENCRYPTED|BEGIN ENCRYPTED PRIVATE KEY/.test(text)) return true;
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END/.exec(text)?.[1];
  if (!body) return false;
  const raw = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0'.length;
  if (raw.length < magic + 4) return false;
  const length = raw.readUInt32BE(magic);
  return raw.subarray(magic + 4, magic + 4 + length).toString('latin1') !== 'none';
}

/** PKCS#8 → PKCS#1 (RSA) or SEC1 (EC), unencrypted, in memory only. */
function fromPkcs8(text: string, passphrase: string | undefined): string | undefined {
  if (!/BEGIN (ENCRYPTED )?PRIVATE KEY/.test(text)) return undefined;
  const key = createPrivateKey({ key: text, format: 'pem', ...(passphrase && { passphrase }) });
  if (key.asymmetricKeyType === 'rsa') return key.export({ format: 'pem', type: 'pkcs1' }).toString();
  if (key.asymmetricKeyType === 'ec') return key.export({ format: 'pem', type: 'sec1' }).toString();
  throw new Error(
    `${key.asymmetricKeyType ?? 'this'} keys in PKCS#8 are not supported; use OpenSSH's format`,
  );
}

export function loadPrivateKey(path: string, passphrase?: string): ParsedKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SshError(
      'key-file',
      `cannot read the key file ${path}: ${code === 'ENOENT' ? 'no such file' : code}`,
    );
  }
  const encrypted = isEncryptedKey(text);
  if (encrypted && !passphrase)
    throw new SshError('key-file', `the key ${path} is protected by a passphrase: enter its passphrase`);
  let parsed: ParsedKey | ParsedKey[] | Error;
  try {
    const converted = fromPkcs8(text, passphrase);
    parsed = ssh2.utils.parseKey(converted ?? text, converted ? undefined : passphrase);
  } catch (error) {
    parsed = error instanceof Error ? error : new Error(String(error));
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error || key === undefined || !key.isPrivateKey()) {
    const why = key instanceof Error ? key.message : 'no private key in it';
    if (encrypted)
      throw new SshError('key-file', `wrong passphrase for the key ${path} (or the file is damaged: ${why})`);
    throw new SshError(
      'key-file',
      `${path} is not a private key Hammerhead can read (${why}); OpenSSH and PEM keys ` +
        `(ed25519, ECDSA, RSA) are supported`,
    );
  }
  return key;
}
