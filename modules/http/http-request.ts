import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip, createInflate } from 'node:zlib';

/**
 * The HTTP client of `get_url` and `uri`, on Node builtins only (the remote side runs on Node 18+, where `fetch`
 * can neither skip certificate checks nor use a unix socket). It follows redirects like Ansible's urls.py,
 * answers a Basic challenge, keeps the cookies set along the way, and reads `file://` URLs.
 */

/** Which redirects to follow: none, only for GET/HEAD (Ansible's `safe`), or all. */
export type FollowRedirects = 'none' | 'safe' | 'all';

/** What to send and how. */
export interface HttpRequestOptions {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Socket inactivity limit, like Python's socket timeout. */
  timeoutSeconds: number;
  validateCerts?: boolean;
  follow?: FollowRedirects;
  username?: string;
  password?: string;
  /** Send the credentials up front instead of waiting for a 401 challenge. */
  forceBasicAuth?: boolean;
  unixSocket?: string;
  /** Header names not sent again after a redirect. */
  unredirectedHeaders?: string[];
  /** Default User-Agent (a `User-Agent` in `headers` wins). */
  httpAgent?: string;
  /** Undo a gzip/deflate Content-Encoding (default true). */
  decompress?: boolean;
}

/** The final response; `body` must be consumed (or destroyed) by the caller. */
export interface HttpResponse {
  status: number;
  statusText: string;
  /** The URL that answered, after redirects. */
  url: string;
  redirected: boolean;
  /** Lower-case names; repeated headers joined with ", " (as Python's `info` dict has them). */
  headers: Record<string, string>;
  /** Every `name=value` cookie set along the redirect chain, in order. */
  cookies: Array<[string, string]>;
  body: Readable;
}

/** The most redirects followed before giving up (urllib's limit). */
export const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Sends a request and resolves with the final response; network errors reject with the cause. */
export async function httpRequest(options: HttpRequestOptions): Promise<HttpResponse> {
  let url = new URL(options.url);
  if (url.protocol === 'file:') return fileResponse(url, options.method);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`unsupported URL scheme ${url.protocol.slice(0, -1)}`);
  const username = options.username ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const password = options.password ?? decodeURIComponent(url.password);
  const basic =
    username !== undefined ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined;
  let method = options.method;
  let body = options.body;
  const headers: Record<string, string> = { 'user-agent': options.httpAgent ?? 'ansible-httpget' };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  if (basic && options.forceBasicAuth) headers.authorization = basic;
  const cookies: Array<[string, string]> = [];
  const cookieHosts: string[] = [];
  let authTried = headers.authorization !== undefined;
  let redirects = 0;
  for (;;) {
    // A cookie goes back only to the host that set it (no Domain/Path rules: a redirect chain is short).
    const jar = cookies
      .filter((_c, i) => cookieHosts[i] === url.hostname)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const sent = jar ? { ...headers, cookie: jar } : headers;
    const res = await send(url, method, sent, body, options);
    for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      if (at < 1) continue;
      cookies.push([pair.slice(0, at).trim(), pair.slice(at + 1).trim()]);
      cookieHosts.push(url.hostname);
    }
    const status = res.statusCode ?? 0;
    if (status === 401 && basic && !authTried && /^\s*basic/i.test(String(res.headers['www-authenticate']))) {
      discard(res);
      headers.authorization = basic;
      authTried = true;
      continue;
    }
    const location = res.headers.location;
    const follow = options.follow ?? 'safe';
    const mayFollow = follow === 'all' || (follow === 'safe' && (method === 'GET' || method === 'HEAD'));
    if (REDIRECTS.has(status) && location && mayFollow) {
      discard(res);
      if (++redirects > MAX_REDIRECTS)
        throw new Error(`more than ${MAX_REDIRECTS} redirects (last to ${location})`);
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        throw new Error(`refusing to follow a redirect to ${next.protocol.slice(0, -1)}: ${next.href}`);
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        delete headers['content-type'];
        delete headers['content-length'];
      }
      // Credentials stay with the origin that was given them.
      if (next.origin !== url.origin) delete headers.authorization;
      for (const name of options.unredirectedHeaders ?? []) delete headers[name.toLowerCase()];
      url = next;
      continue;
    }
    const answered = new URL(url);
    answered.username = '';
    answered.password = '';
    return {
      status,
      statusText: res.statusMessage ?? '',
      url: answered.href,
      redirected: redirects > 0,
      headers: flatten(res),
      cookies,
      body: decoded(res, options.decompress ?? true),
    };
  }
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  options: HttpRequestOptions,
): Promise<IncomingMessage> {
  const lib = url.protocol === 'https:' ? https : http;
  const timeout = options.timeoutSeconds * 1000;
  return new Promise((resolve, reject) => {
    let response: IncomingMessage | undefined;
    const req = lib.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method,
        headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
        socketPath: options.unixSocket,
        rejectUnauthorized: options.validateCerts ?? true,
        agent: false,
      },
      (res) => {
        response = res;
        resolve(res);
      },
    );
    req.setTimeout(timeout, () => {
      const error = new Error(`timed out after ${options.timeoutSeconds} s`);
      req.destroy(error);
      response?.destroy(error);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function flatten(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decoded(res: IncomingMessage, decompress: boolean): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  if (!decompress || (encoding !== 'gzip' && encoding !== 'deflate')) return res;
  const inflater = encoding === 'gzip' ? createGunzip() : createInflate();
  res.on('error', (error) => inflater.destroy(error));
  return res.pipe(inflater);
}

async function fileResponse(url: URL, method: string): Promise<HttpResponse> {
  const path = fileURLToPath(url);
  const st = await stat(path);
  if (st.isDirectory()) throw new Error(`${path} is a directory`);
  return {
    status: 200,
    statusText: 'OK',
    url: url.href,
    redirected: false,
    headers: { 'content-length': String(st.size), 'last-modified': st.mtime.toUTCString() },
    cookies: [],
    body: method === 'HEAD' ? Readable.from([]) : createReadStream(path),
  };
}

/** Throws a body away without reading it; a late error on it (a reset connection) is of no interest. */
export function discard(body: Readable): void {
  body.on('error', () => {});
  body.resume();
}

/** Reads a whole body into memory. */
export async function readBody(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The file name a response suggests: Content-Disposition's `filename`, else the URL's last path segment. */
export function responseFilename(response: Pick<HttpResponse, 'headers' | 'url'>): string | undefined {
  const disposition = response.headers['content-disposition'] ?? '';
  const star = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(disposition);
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
  let name = star ? decodeURIComponent(star[1].trim()) : plain ? (plain[2] ?? plain[1]).trim() : undefined;
  if (!name) name = decodeURIComponent(new URL(response.url).pathname.split('/').pop() ?? '');
  // Never a path: a server must not be able to write outside the directory.
  name = name.split(/[/\\]/).pop() ?? '';
  return name && name !== '.' && name !== '..' ? name : undefined;
}

/** A URL fit for messages and results: a password in it is masked. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '********';
    return parsed.href;
  } catch {
    return url;
  }
}
