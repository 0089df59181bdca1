/**
 * known_hosts as OpenSSH reads and writes it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"):
 *
 *   [@revoked|@cert-authority] patterns keytype base64-key [comment]
 *
 * patterns: a comma list of host names or addresses with `*` and `?` wildcards and `!` negation,
 * `[host]:port` when the port is not 22, or one hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt,
 * name))` (HashKnownHosts). A host matches a line when a positive pattern matches and no negated one.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface KnownHostsEntry {
  readonly marker: 'revoked' | 'cert-authority' | null;
  readonly patterns: string;
  readonly keyType: string;
  readonly key: Buffer;
  readonly file: string;
  readonly line: number;
}

/** The key the server presented: its wire blob and the type named inside it. */
export interface HostKey {
  readonly type: string;
  readonly blob: Buffer;
}

export type HostKeyVerdict =
  | { readonly kind: 'trusted'; readonly entry: KnownHostsEntry }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'changed'; readonly known: readonly KnownHostsEntry[] }
  | { readonly kind: 'revoked'; readonly entry: KnownHostsEntry }
  | { readonly kind: 'cert-authority'; readonly entry: KnownHostsEntry };

/** The name a host is filed under: `host`, or `[host]:port` off port 22 (OpenSSH's put_host_port). */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function fingerprintSha256(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type string that opens an SSH public key blob (RFC 4253 §6.6). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const length = blob.readUInt32BE(0);
  return length <= blob.length - 4 ? blob.subarray(4, 4 + length).toString('latin1') : '';
}

export function parseKnownHosts(text: string, file: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) return;
    let marker: KnownHostsEntry['marker'] = null;
    if (fields[0].startsWith('@')) {
      const name = fields.shift();
      if (name !== '@revoked' && name !== '@cert-authority') return; // unknown markers: OpenSSH skips
      marker = name === '@revoked' ? 'revoked' : 'cert-authority';
    }
    const [patterns, keyType, key] = fields;
    if (!patterns || !keyType || !key || !/^[A-Za-z0-9+/]+={0,2}$/.test(key)) return;
    entries.push({ marker, patterns, keyType, key: Buffer.from(key, 'base64'), file, line: index + 1 });
  });
  return entries;
}

/** Every entry of the files that exist; a missing file is an empty one (as for OpenSSH). */
export function loadKnownHosts(files: readonly string[]): KnownHostsEntry[] {
  return files.flatMap((file) => (existsSync(file) ? parseKnownHosts(readFileSync(file, 'utf8'), file) : []));
}

function wildcardMatch(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

function hashedMatch(pattern: string, name: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return mac === hash;
}

/** OpenSSH's match_hostname: any negated pattern that matches vetoes; else any positive one wins. */
export function hostMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatch(patterns, name);
  let matched = false;
  for (const item of patterns.split(',')) {
    const negated = item.startsWith('!');
    if (!wildcardMatch(negated ? item.slice(1) : item, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** What known_hosts says of `key` presented by the host filed under `name`. */
export function checkHostKey(
  entries: readonly KnownHostsEntry[],
  name: string,
  key: HostKey,
): HostKeyVerdict {
  const mine = entries.filter((entry) => hostMatches(entry.patterns, name));
  const revoked = entries.find(
    (entry) => entry.marker === 'revoked' && entry.key.equals(key.blob) && hostMatches(entry.patterns, name),
  );
  if (revoked) return { kind: 'revoked', entry: revoked };
  const plain = mine.filter((entry) => entry.marker === null);
  const trusted = plain.find((entry) => entry.key.equals(key.blob));
  if (trusted) return { kind: 'trusted', entry: trusted };
  // Another key on file, of this type or any other: a server that still had it would have offered it
  // (connect.ts puts the known types first), so this is a changed key, not a new one.
  if (plain.length > 0) return { kind: 'changed', known: plain };
  const authority = mine.find((entry) => entry.marker === 'cert-authority');
  if (authority) return { kind: 'cert-authority', entry: authority };
  return { kind: 'unknown' };
}

/** Key types on file for `name`, to ask the server for those first (as OpenSSH orders its algorithms). */
export function knownKeyTypes(entries: readonly KnownHostsEntry[], name: string): string[] {
  const types = entries
    .filter((entry) => entry.marker === null && hostMatches(entry.patterns, name))
    .map((entry) => keyTypeOf(entry.key) || entry.keyType);
  return [...new Set(types)];
}

/** One known_hosts line in OpenSSH's format, hashed (`|1|salt|hmac`) when `hashed`. */
export function knownHostsLine(name: string, key: HostKey, hashed: boolean): string {
  let host = name;
  if (hashed) {
    const salt = randomBytes(20);
    host = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
  }
  return `${host} ${key.type} ${key.blob.toString('base64')}`;
}

/** Appends a line, creating the file (and a private ~/.ssh) when needed, on a line of its own. */
export function appendKnownHost(file: string, line: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const existing = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
  const separator = existing.length > 0 && existing[existing.length - 1] !== 0x0a ? '\n' : '';
  appendFileSync(file, `${separator}${line}\n`, { mode: 0o600 });
}
