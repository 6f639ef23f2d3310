import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** How strictly host keys are checked: `strict` (default), `accept-new` (append unknown keys), `off`. */
export type HostKeyPolicy = 'strict' | 'accept-new' | 'off';

/** The outcome of looking a key up. */
export type HostKeyVerdict = 'known' | 'unknown' | 'changed' | 'revoked';

/** OpenSSH's fingerprint format: `SHA256:` + unpadded base64 of the key blob's SHA-256. */
export function fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The name a host has in known_hosts: `host`, or `[host]:port` for ports other than 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function matchesName(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  return pattern.split(',').some((p) => {
    const negated = p.startsWith('!');
    const glob = new RegExp(
      `^${(negated ? p.slice(1) : p)
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    return !negated && glob.test(name);
  });
}

/** Checks a server key against known_hosts lines (plain, `[host]:port`, hashed `|1|` entries, `@revoked`). */
export function checkKnownHosts(
  text: string,
  name: string,
  keyType: string,
  keyBlob: Buffer,
): HostKeyVerdict {
  const blob = keyBlob.toString('base64');
  let sawName = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
    const [patterns, type, key] = fields;
    if (!patterns || !key || !matchesName(patterns, name)) continue;
    if (marker === '@revoked') {
      if (key === blob) return 'revoked';
      continue;
    }
    if (marker === '@cert-authority') continue;
    sawName = true;
    if (type === keyType && key === blob) return 'known';
  }
  return sawName ? 'changed' : 'unknown';
}

/** Reads a known_hosts file, or nothing when it does not exist. */
export function readKnownHosts(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Appends a key (accept-new), creating the file and its folder when needed. */
export function appendKnownHost(path: string, name: string, keyType: string, keyBlob: Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  appendFileSync(path, `${name} ${keyType} ${keyBlob.toString('base64')}\n`, { mode: 0o600 });
}

/** The key type name inside an SSH public key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256` …). */
export function keyTypeOf(keyBlob: Buffer): string {
  const length = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}
