import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ModuleFailure } from '../contract/define-module.js';
import { commitTemp } from '../host/atomic-write.js';
import { type PathState, pathState } from '../host/file-state.js';
import { type HttpResponse, readBody, responseFilename } from '../http/http-request.js';
import {
  applyAttributeSteps,
  attributeSteps,
  attributesForWrite,
  discardTemp,
  fileDigest,
  streamToTemp,
  type WantedAttributes,
} from '../http/stream-file.js';

/**
 * How `uri` turns a response into Ansible's result: headers as lower-case underscore keys, `cookies`, `json`
 * for JSON-ish bodies, `content` when asked for, and `dest` written only when its content differs.
 */

/** Content types whose body Ansible tries to parse as JSON (its JSON_CANDIDATES, matched in the subtype). */
const JSON_CANDIDATES = ['text', 'json', 'javascript'];

/** Status, URL, headers and cookies in Ansible's shape (`content-type` → `content_type`). */
export function responseFields(response: HttpResponse): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(response.headers)) out[name.replace(/-/g, '_')] = value;
  if (typeof out.location === 'string') out.location = new URL(out.location, response.url).href;
  const cookies = Object.fromEntries(response.cookies);
  return {
    ...out,
    cookies,
    cookies_string: Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
    redirected: response.redirected,
    url: response.url,
    status: response.status,
  };
}

/** Python's wording of a status line: "OK (12 bytes)" for success, "HTTP Error 404: Not Found" otherwise. */
export function statusMessage(response: HttpResponse, bytes: number): string {
  if (response.status < 200 || response.status >= 300)
    return `HTTP Error ${response.status}: ${response.statusText}`;
  const length = response.headers['content-length'];
  return `${response.statusText || 'OK'} (${length ?? bytes} bytes)`;
}

/** Whether the body may be JSON, by Content-Type. */
export function maybeJson(response: HttpResponse): boolean {
  const type = (response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const subtype = type.split('/')[1] ?? '';
  return type !== '' && JSON_CANDIDATES.some((c) => subtype.includes(c));
}

/** The body as text (undefined when it was not read) and what `uri` reports about a written `dest`. */
export interface BodyOutcome {
  bytes: number;
  text?: string;
  /** Set when the body went to `dest`: the file's path and whether it (or its attributes) changed. */
  written?: { path: string; changed: boolean };
}

/** Reads the body into memory if `keep`, else drains it, counting bytes. */
export async function consumeBody(body: Readable, keep: boolean): Promise<BodyOutcome> {
  if (keep) {
    const data = await readBody(body);
    return { bytes: data.length, text: data.toString('utf8') };
  }
  let bytes = 0;
  for await (const chunk of body) bytes += (chunk as Buffer).length;
  return { bytes };
}

/** Streams the body to `dest` (a directory takes the response's file name); replaces it only if it differs. */
export async function writeDest(
  response: HttpResponse,
  dest: string,
  wanted: WantedAttributes,
  keep: boolean,
): Promise<BodyOutcome> {
  let path = dest;
  let existing: PathState = await pathState(dest);
  if (existing.kind === 'directory') {
    path = join(dest, responseFilename(response) ?? 'index.html');
    existing = await pathState(path);
  }
  const file = await streamToTemp(response.body, path).catch((error: Error) => {
    throw new ModuleFailure(`uri: ${response.url}: cannot write ${path}: ${error.message}`);
  });
  const text = keep ? (await readFile(file.temp)).toString('utf8') : undefined;
  const same = existing.kind === 'file' && (await fileDigest(path, 'sha1')) === file.sha1;
  if (same) {
    await discardTemp(file.temp);
    const steps = attributeSteps(wanted, existing);
    await applyAttributeSteps(path, steps);
    return { bytes: file.size, text, written: { path, changed: steps.length > 0 } };
  }
  await commitTemp(file.temp, path, attributesForWrite(wanted, existing));
  return { bytes: file.size, text, written: { path, changed: true } };
}
