import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { withAliases } from '../contract/aliases.js';
import { defineModule, type Plan } from '../contract/define-module.js';
import { taskEntry } from '../contract/task-entry.js';
import { unsupportedOptions } from '../contract/unsupported-options.js';
import { backupArgs, fileAttributeArgs, fileExtraArgs, UNSUPPORTED_FILE_OPTIONS } from '../host/file-args.js';
import { type PathState, pathState } from '../host/file-state.js';
import { displayUrl, readBody, responseFilename } from '../http/http-request.js';
import { type AttributeStep, applyAttributeSteps, attributeSteps, fileDigest } from '../http/stream-file.js';
import {
  type ChecksumSpec,
  checksumSchema,
  downloadFile,
  type FetchArgs,
  fetchOrFail,
  resolveChecksum,
} from './get-url-fetch.js';

/** Options Ansible documents that this module does not implement (docs/modules): "not used" values. */
const UNSUPPORTED = {
  ciphers: null,
  client_cert: null,
  client_key: null,
  use_gssapi: false,
} as const;
const args = withAliases(
  z
    .object({
      url: z.string().min(1),
      dest: z.string().min(1),
      checksum: checksumSchema.default(''),
      force: z.boolean().default(false),
      ...fileAttributeArgs,
      ...fileExtraArgs,
      ...unsupportedOptions(UNSUPPORTED),
      ...backupArgs,
      headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
      timeout: z.number().positive().default(10),
      url_username: z.string().optional(),
      url_password: z.string().optional(),
      force_basic_auth: z.boolean().default(false),
      validate_certs: z.boolean().default(true),
      http_agent: z.string().default('ansible-httpget'),
      unredirected_headers: z.array(z.string()).default([]),
      decompress: z.boolean().default(true),
      /** Accepted for compatibility and ignored: the download's temp file always sits beside `dest`. */
      tmp_dest: z.string().optional(),
      /** Accepted and ignored: Spindle does not use proxies or ~/.netrc. */
      use_proxy: z.boolean().optional(),
      use_netrc: z.boolean().optional(),
    })
    .strict(),
  { thirsty: 'force', username: 'url_username', password: 'url_password' },
);

type Args = z.infer<typeof args>;

/** What is at `dest` now; in check mode, also what a HEAD request said. */
export interface State {
  /** The path a download replaces: `dest`, or the file a symlink at `dest` points to. */
  target: string;
  path: PathState;
  /** The digest the download must have (`checksum`, fetched first when it names a checksum file). */
  expected?: ChecksumSpec;
  /** `dest`'s digest with the `checksum` algorithm, when a checksum was given and `dest` is a file. */
  digest?: string;
  /** Check mode only: where the HEAD request says the file would go. */
  headDest?: string;
}

type Step = { do: 'download' } | AttributeStep;

/** Whether the file has to be fetched: Ansible's rules for `force` and `checksum`. */
function mustDownload(a: Args, state: State, spec: ChecksumSpec | undefined): boolean {
  if (!state.path.exists || state.path.kind === 'directory' || a.force) return true;
  return spec !== undefined && state.digest !== spec.digest;
}

/** `get_url`: downloads a URL to a file on the host (streamed, verified, renamed into place). */
export const getUrlModule = defineModule({
  name: 'get_url',
  pathArgs: ['dest', 'tmp_dest', 'client_cert', 'client_key'],
  summary: 'Download a file over HTTP(S) or from a file:// URL, with checksum verification, atomically.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: { ...UNSUPPORTED_FILE_OPTIONS, ...UNSUPPORTED },
  args,
  async probe(a, env): Promise<State> {
    const target = await realpath(a.dest).catch(() => a.dest);
    const path = await pathState(target);
    const spec = await resolveChecksum(a as FetchArgs);
    const digest = spec && path.kind === 'file' ? await fileDigest(target, spec.algorithm) : undefined;
    const state: State = { target, path, expected: spec, digest };
    if (env.check && mustDownload(a, state, spec) && !(spec && digest === spec.digest)) {
      // Like Ansible, check mode asks with HEAD: the URL is tried, nothing is downloaded.
      const response = await fetchOrFail(a as FetchArgs, 'HEAD');
      await readBody(response.body);
      if (path.kind === 'directory')
        state.headDest = join(a.dest, responseFilename(response) ?? 'index.html');
    }
    return state;
  },
  plan(a, state, env): Plan<Step> {
    const spec = state.expected;
    const url = displayUrl(a.url);
    if (!mustDownload(a, state, spec)) {
      const steps = attributeSteps(a, state.path);
      const why = spec ? `its ${spec.algorithm} checksum matches` : 'force is off';
      if (steps.length === 0) return { steps, reason: `file already exists: ${a.dest} (${why})` };
      return { steps, reason: `file already exists but file attributes changed: ${a.dest}` };
    }
    if (env.check && spec && state.digest === spec.digest)
      return {
        steps: [],
        reason: `${a.dest} already matches ${spec.algorithm}:${spec.digest}; a real run downloads ${url} again (force) and verifies it`,
      };
    const download: Step[] = [{ do: 'download' }];
    if (state.path.kind === 'directory')
      return { steps: download, reason: `${url} will be downloaded to ${state.headDest ?? `${a.dest}/`}` };
    if (!state.path.exists) return { steps: download, reason: `${url} will be downloaded to ${a.dest}` };
    if (a.force) return { steps: download, reason: `force is on: ${url} will be downloaded over ${a.dest}` };
    return {
      steps: download,
      reason: `${a.dest} does not match ${spec?.algorithm}:${spec?.digest}: ${url} will be downloaded`,
    };
  },
  async apply(a, state, plan) {
    if (!plan.steps.some((s) => s.do === 'download')) {
      await applyAttributeSteps(state.target, plan.steps as AttributeStep[]);
      return { changed: true, dest: a.dest, url: displayUrl(a.url), msg: plan.reason };
    }
    return downloadFile(a as FetchArgs, state);
  },
  report: (a) => ({ dest: a.dest, url: displayUrl(a.url) }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(getUrlModule);
