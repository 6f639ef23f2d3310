import { join } from 'node:path';
import { z } from 'zod';
import { ModuleFailure, type ModuleResult } from '../contract/define-module.js';
import { commitTemp } from '../host/atomic-write.js';
import { backupCopy } from '../host/backup-copy.js';
import { type PathState, pathState } from '../host/file-state.js';
import { formatMode } from '../host/modes.js';
import {
  discard,
  displayUrl,
  type HttpResponse,
  httpRequest,
  readBody,
  responseFilename,
} from '../http/http-request.js';
import {
  applyAttributeSteps,
  attributeSteps,
  attributesForWrite,
  discardTemp,
  fileDigest,
  streamToTemp,
  type WantedAttributes,
} from '../http/stream-file.js';

/** The digest algorithms `checksum` accepts (Ansible's list). */
export const CHECKSUM_ALGORITHMS = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'md5'] as const;

/** The expected digest of the download: the algorithm and the lower-case hex digest. */
export interface ChecksumSpec {
  algorithm: (typeof CHECKSUM_ALGORITHMS)[number];
  digest: string;
}

/** `checksum` as written: `ALGO:HEX`, or `ALGO:URL` of a checksum file (SHA256SUMS and the like). */
export type ChecksumArg = ChecksumSpec | { algorithm: ChecksumSpec['algorithm']; url: string };

/** Parses `checksum` as Ansible does (non-word characters such as spaces or zero-width spaces are dropped). */
export function parseChecksum(value: string): ChecksumArg | undefined {
  if (value === '') return undefined;
  const at = value.indexOf(':');
  const algorithm = value.slice(0, at).toLowerCase() as ChecksumSpec['algorithm'];
  if (at < 0 || !CHECKSUM_ALGORITHMS.includes(algorithm)) return undefined;
  const rest = value.slice(at + 1).trim();
  if (/^(https?|ftp|file):\/\//i.test(rest)) return { algorithm, url: rest };
  const digest = rest.replace(/\W+/g, '').toLowerCase();
  return /^[0-9a-f]+$/.test(digest) ? { algorithm, digest } : undefined;
}

/** The schema of `checksum`: empty (none), `ALGO:HEX` or `ALGO:URL`. */
export const checksumSchema = z.string().refine((v) => v === '' || parseChecksum(v) !== undefined, {
  message: `Expected \`checksum\` to be ALGORITHM:HEXDIGEST (or ALGORITHM:URL of a checksum file) with ALGORITHM one of ${CHECKSUM_ALGORITHMS.join(', ')}`,
});

/** The digest a checksum file lists for `filename`: GNU (`HEX  NAME`), BSD (`ALGO (NAME) = HEX`) or a bare digest. */
export function digestFromList(text: string, filename: string): string | undefined {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 1 && lines[0].split(/\s+/).length === 1) return lines[0].toLowerCase();
  for (const line of lines) {
    const bsd = /^\w+ ?\((.+)\) ?= ([\w.]+)$/.exec(line);
    const gnu = bsd ? undefined : /^([\w.]+)\s+(\*|\.\/|\.)?(.+)$/.exec(line);
    const [name, digest] = bsd ? [bsd[1], bsd[2]] : gnu ? [gnu[3].replace(/^[./]+/, ''), gnu[1]] : [];
    if (name === filename && digest) return digest.toLowerCase();
  }
  return undefined;
}

/** Resolves `checksum` to the expected digest, fetching the checksum file when it is given by URL. */
export async function resolveChecksum(a: FetchArgs): Promise<ChecksumSpec | undefined> {
  const parsed = parseChecksum(a.checksum);
  if (!parsed || 'digest' in parsed) return parsed;
  const list = await fetchOrFail({ ...a, url: parsed.url }, 'GET');
  const text = (await readBody(list.body)).toString('utf8');
  const filename = new URL(a.url).pathname.split('/').pop() || 'index.html';
  const digest = digestFromList(text, filename);
  if (!digest)
    throw new ModuleFailure(
      `get_url: Unable to find a checksum for file '${filename}' in '${displayUrl(parsed.url)}'`,
      { url: displayUrl(a.url), dest: a.dest },
    );
  return { algorithm: parsed.algorithm, digest };
}

/** The arguments get_url's requests depend on. */
export interface FetchArgs extends WantedAttributes {
  url: string;
  dest: string;
  checksum: string;
  backup: boolean;
  headers: Record<string, string | number | boolean>;
  timeout: number;
  url_username?: string;
  url_password?: string;
  force_basic_auth: boolean;
  validate_certs: boolean;
  http_agent: string;
  unredirected_headers: string[];
  decompress: boolean;
}

/** Sends the request; anything but 200 (or a network error) fails with "get_url: URL: cause". */
export async function fetchOrFail(a: FetchArgs, method: 'GET' | 'HEAD'): Promise<HttpResponse> {
  const url = displayUrl(a.url);
  let response: HttpResponse;
  try {
    response = await httpRequest({
      url: a.url,
      method,
      headers: Object.fromEntries(Object.entries(a.headers).map(([k, v]) => [k, String(v)])),
      timeoutSeconds: a.timeout,
      validateCerts: a.validate_certs,
      follow: 'all',
      username: a.url_username,
      password: a.url_password,
      forceBasicAuth: a.force_basic_auth,
      unredirectedHeaders: a.unredirected_headers,
      httpAgent: a.http_agent,
      decompress: a.decompress,
    });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    throw new ModuleFailure(`get_url: ${url}: ${err.message}`, { url, dest: a.dest, status_code: -1 });
  }
  if (response.status !== 200) {
    discard(response.body);
    const text = `HTTP ${response.status} ${response.statusText}`.trim();
    throw new ModuleFailure(`get_url: ${url}: ${text}`, {
      url,
      dest: a.dest,
      status_code: response.status,
      response: `HTTP Error ${response.status}: ${response.statusText}`,
    });
  }
  return response;
}

/** Downloads to a temp file beside the destination, verifies it, and renames it into place if it differs. */
export async function downloadFile(
  a: FetchArgs,
  state: { target: string; path: PathState; expected?: ChecksumSpec },
) {
  const started = Date.now();
  const url = displayUrl(a.url);
  const spec = state.expected;
  const response = await fetchOrFail(a, 'GET');
  const dest =
    state.path.kind === 'directory' ? join(a.dest, responseFilename(response) ?? 'index.html') : a.dest;
  const target = state.path.kind === 'directory' ? dest : state.target;
  const existing = state.path.kind === 'directory' ? await pathState(dest) : state.path;
  if (existing.kind === 'directory') {
    response.body.destroy();
    throw new ModuleFailure(`get_url: ${url}: ${dest} is a directory`, { url, dest });
  }
  const file = await streamToTemp(response.body, target, spec?.algorithm).catch((error: Error) => {
    throw new ModuleFailure(`get_url: ${url}: ${error.message}`, { url, dest });
  });
  const expected = Number(response.headers['content-length']);
  const encoded = a.decompress && /gzip|deflate/i.test(response.headers['content-encoding'] ?? '');
  if (!encoded && Number.isFinite(expected) && expected !== file.size) {
    await discardTemp(file.temp);
    throw new ModuleFailure(`get_url: ${url}: incomplete read: got ${file.size} of ${expected} bytes`, {
      url,
      dest,
    });
  }
  if (spec && file.digest !== spec.digest) {
    await discardTemp(file.temp);
    throw new ModuleFailure(
      `get_url: ${url}: the ${spec.algorithm} checksum did not match ${spec.digest}; it was ${file.digest}`,
      { url, dest, checksum_src: file.sha1 },
    );
  }
  const checksumDest = existing.kind === 'file' ? await fileDigest(target, 'sha1') : null;
  let changed = true;
  let backupFile: string | undefined;
  let msg = `OK (${file.size} bytes)`;
  if (checksumDest === file.sha1) {
    await discardTemp(file.temp);
    const steps = attributeSteps(a, existing);
    await applyAttributeSteps(target, steps);
    changed = steps.length > 0;
    msg += changed
      ? `; ${dest} had this content, its attributes changed`
      : `; ${dest} already had this content`;
  } else {
    if (a.backup && existing.exists) backupFile = await backupCopy(target);
    await commitTemp(file.temp, target, attributesForWrite(a, existing));
  }
  const after = await pathState(target);
  return {
    changed,
    dest,
    url,
    checksum_src: file.sha1,
    checksum_dest: checksumDest,
    md5sum: file.md5,
    size: file.size,
    status_code: response.status,
    msg,
    elapsed: Math.floor((Date.now() - started) / 1000),
    state: 'file',
    mode: formatMode(after.mode ?? 0),
    uid: after.uid,
    gid: after.gid,
    ...(backupFile ? { backup_file: backupFile } : {}),
  } satisfies ModuleResult;
}
