import { existsSync } from 'node:fs';
import { z } from 'zod';
import { withAliases } from '../contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from '../contract/define-module.js';
import { taskEntry } from '../contract/task-entry.js';
import { unsupportedOptions } from '../contract/unsupported-options.js';
import { fileAttributeArgs, fileExtraArgs, UNSUPPORTED_FILE_OPTIONS } from '../host/file-args.js';
import { displayUrl, type FollowRedirects, type HttpResponse, httpRequest } from '../http/http-request.js';
import { consumeBody, maybeJson, responseFields, statusMessage, writeDest } from './uri-response.js';

const statusCodes = z
  .union([z.number().int(), z.string(), z.array(z.union([z.number().int(), z.string()]))])
  .transform((value, ctx) => {
    const list = (Array.isArray(value) ? value : String(value).split(',')).map((v) =>
      Number(String(v).trim()),
    );
    if (list.some((n) => !Number.isInteger(n)))
      ctx.addIssue({
        code: 'custom',
        message: `Expected \`status_code\` to be integers, got ${String(value)}`,
      });
    return list;
  });

/** Options Ansible documents that this module does not implement (docs/modules): "not used" values. */
const UNSUPPORTED = {
  ca_path: null,
  ciphers: null,
  client_cert: null,
  client_key: null,
  force: false,
  remote_src: false,
  src: null,
  use_gssapi: false,
} as const;
const args = withAliases(
  z
    .object({
      url: z.string().min(1),
      method: z
        .string()
        .default('GET')
        .transform((m) => m.toUpperCase())
        .refine((m) => /^[A-Z]+$/.test(m), {
          message: "Parameter 'method' needs to be a single word in uppercase, like GET or POST.",
        }),
      body: z.unknown().optional(),
      body_format: z.enum(['raw', 'json', 'form-urlencoded']).default('raw'),
      headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
      status_code: statusCodes.default([200]),
      return_content: z.boolean().default(false),
      dest: z.string().min(1).optional(),
      creates: z.string().optional(),
      removes: z.string().optional(),
      timeout: z.number().positive().default(30),
      follow_redirects: z
        .union([z.enum(['all', 'no', 'none', 'safe', 'urllib2', 'yes']), z.boolean()])
        .default('safe'),
      validate_certs: z.boolean().default(true),
      url_username: z.string().optional(),
      url_password: z.string().optional(),
      force_basic_auth: z.boolean().default(false),
      unix_socket: z.string().optional(),
      http_agent: z.string().default('ansible-httpget'),
      unredirected_headers: z.array(z.string()).default([]),
      decompress: z.boolean().default(true),
      ...fileAttributeArgs,
      ...fileExtraArgs,
      ...unsupportedOptions(UNSUPPORTED),
      /** Accepted and ignored: Spindle does not use proxies or ~/.netrc. */
      use_proxy: z.boolean().optional(),
      use_netrc: z.boolean().optional(),
    })
    .strict(),
  { user: 'url_username', password: 'url_password' },
);

type Args = z.infer<typeof args>;

/** Check mode, and what `creates`/`removes` found. */
export interface State {
  check: boolean;
  creates?: boolean;
  removes?: boolean;
}

function followMode(value: Args['follow_redirects']): FollowRedirects {
  if (value === true || value === 'all' || value === 'yes' || value === 'urllib2') return 'all';
  if (value === false || value === 'no' || value === 'none') return 'none';
  return 'safe';
}

/** The request body and the Content-Type it implies, per `body_format`. */
function encodeBody(a: Args): { data?: Buffer; type?: string } {
  if (a.body === undefined || a.body === null) return {};
  if (a.body_format === 'json')
    return {
      data: Buffer.from(typeof a.body === 'string' ? a.body : JSON.stringify(a.body)),
      type: 'application/json',
    };
  if (a.body_format === 'form-urlencoded') {
    if (typeof a.body === 'string')
      return { data: Buffer.from(a.body), type: 'application/x-www-form-urlencoded' };
    const pairs = Array.isArray(a.body) ? (a.body as unknown[][]) : Object.entries(a.body as object);
    const form = new URLSearchParams();
    for (const [key, value] of pairs) {
      for (const v of Array.isArray(value) ? value : [value])
        if (v !== null) form.append(String(key), String(v));
    }
    return { data: Buffer.from(form.toString()), type: 'application/x-www-form-urlencoded' };
  }
  if (typeof a.body === 'object')
    throw new ModuleFailure('uri: `body` must be text when `body_format` is raw (use body_format: json)');
  return { data: Buffer.from(String(a.body)) };
}

/** `uri`: talks to a web service; changes nothing on the host unless `dest` is written (Ansible's `uri`). */
export const uriModule = defineModule({
  name: 'uri',
  summary:
    'Call a web service (any method, JSON or form bodies), check the status, return headers and content.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: { ...UNSUPPORTED_FILE_OPTIONS, ...UNSUPPORTED },
  args,
  probe: async (a, env): Promise<State> => ({
    check: env.check,
    creates: a.creates !== undefined ? existsSync(a.creates) : undefined,
    removes: a.removes !== undefined ? existsSync(a.removes) : undefined,
  }),
  plan(a, state): Plan<{ do: 'request' }> {
    // Ansible's uri declares no check mode support: the task is skipped, no request is made.
    if (state.check) return { steps: [], reason: 'remote module (uri) does not support check mode' };
    if (state.creates) return { steps: [], reason: `skipped, since '${a.creates}' exists` };
    if (state.removes === false) return { steps: [], reason: `skipped, since '${a.removes}' does not exist` };
    return { steps: [{ do: 'request' }], reason: `${a.method} ${displayUrl(a.url)}` };
  },
  async apply(a) {
    const started = Date.now();
    const expected = a.status_code as number[];
    const codes = `[${expected.join(', ')}]`;
    const { data, type } = encodeBody(a);
    const headers = Object.fromEntries(Object.entries(a.headers).map(([k, v]) => [k, String(v)]));
    if (type && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['Content-Type'] = type;
    let response: HttpResponse;
    try {
      response = await httpRequest({
        url: a.url,
        method: a.method,
        headers,
        body: data,
        timeoutSeconds: a.timeout,
        validateCerts: a.validate_certs,
        follow: followMode(a.follow_redirects),
        username: a.url_username,
        password: a.url_password,
        forceBasicAuth: a.force_basic_auth,
        unixSocket: a.unix_socket,
        unredirectedHeaders: a.unredirected_headers,
        httpAgent: a.http_agent,
        decompress: a.decompress,
      });
    } catch (error) {
      const msg = `Status code was -1 and not ${codes}: Request failed: ${(error as Error).message}`;
      throw new ModuleFailure(msg, { status: -1, url: displayUrl(a.url), elapsed: elapsed(started) });
    }
    const ok = expected.includes(response.status);
    const json = maybeJson(response);
    const keep = json || a.return_content || !ok;
    const outcome =
      a.dest !== undefined && ok && response.status !== 304
        ? await writeDest(response, a.dest, a, keep)
        : await consumeBody(response.body, keep);
    const result: Record<string, unknown> = {
      ...responseFields(response),
      changed: outcome.written?.changed ?? false,
      elapsed: elapsed(started),
      msg: statusMessage(response, outcome.bytes),
      ...(outcome.written ? { path: outcome.written.path } : {}),
    };
    if (json && outcome.text !== undefined) {
      try {
        result.json = JSON.parse(outcome.text);
      } catch {
        // Not JSON after all: no `json` key, as in Ansible.
      }
    }
    if (a.return_content || result.json !== undefined) result.content = outcome.text;
    if (!ok) {
      const { changed: _changed, msg, ...rest } = result;
      throw new ModuleFailure(`Status code was ${response.status} and not ${codes}: ${msg}`, rest);
    }
    return result as { changed: boolean };
  },
  // Ansible reports the creates/removes skip in `stdout`; check mode is a skipped task.
  report: (_a, state, plan) =>
    state.check ? { skipped: true } : plan.steps.length === 0 ? { stdout: plan.reason } : {},
});

function elapsed(started: number): number {
  return Math.floor((Date.now() - started) / 1000);
}

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(uriModule);
