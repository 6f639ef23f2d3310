import { createHash } from 'node:crypto';
import { encode } from '../../bootstrap/codec.js';
import type { Message } from '../../bootstrap/message.js';
import { decodePayload, type ModuleRecord } from '../../bootstrap/payloads.js';
import { Encoding, Handle } from '../../bootstrap/protocol.js';
import type { Router } from '../../bootstrap/router.js';
import { BundleCache, type CachedBundle } from './bundle-cache.js';
import {
  type BundleLayout,
  bundleLayout,
  bundleOptions,
  fileModuleName,
  INERT_SUFFIX,
  splitPlugin,
} from './module-bundle.js';
import { nodeModeImport, shippedInterop } from './shipped-interop.js';

/** Where a context sits in the tree, as the responder needs it: the ids from the first hop down to it. */
export interface ContextPath {
  id: number;
  /** Ids from the master's direct child down to this context (last element is `id`). */
  path: number[];
}

/**
 * The master's module responder (DESIGN.md §4.5): bundles a module file with esbuild into CommonJS, splitting
 * shared code (npm packages, `modules/contract/`, `modules/host/` …, `bootstrap/`) into modules of their own that are shipped once
 * per context; remembers what every context holds; pushes LOAD_MODULE ahead of the call on the same ordered
 * stream, or FORWARD_MODULE from the deepest intermediate that already has it; answers GET_MODULE.
 */
export class ModuleResponder {
  private readonly closures = new Map<string, Promise<ModuleRecord[]>>();
  private readonly ready = new Map<string, ModuleRecord[]>();
  private readonly records = new Map<string, ModuleRecord>();
  private readonly bundling = new Map<string, Promise<ModuleRecord[]>>();
  private readonly held = new Map<number, Set<string>>();
  private readonly layout: BundleLayout;
  /** Counts LOAD_MODULE bytes sent per first-hop context (tests assert FORWARD_MODULE saves them). */
  readonly loadBytesByHop = new Map<number, number>();

  /** How many bundles this responder made with esbuild (the rest came from the disk cache). */
  bundlesBuilt = 0;

  constructor(
    private readonly router: Router,
    private readonly cache: BundleCache = BundleCache.default(),
    extraSharedRoots: string[] = [],
  ) {
    this.layout = bundleLayout(extraSharedRoots);
    router.addHandler((m) => this.onGetModule(m), {
      handle: Handle.GET_MODULE,
      persist: true,
      policy: router.fromChild,
    });
  }

  /** The records an entry file needs, dependencies first, if already bundled (synchronous fast path). */
  cached(path: string): ModuleRecord[] | undefined {
    return this.ready.get(path);
  }

  /**
   * Bundles an entry file and everything it imports (once per file per process). Built-in modules (under
   * `modules/`, validated by the controller) are bundled against modules/contract/inert-zod.ts instead of zod; their
   * shared modules then carry a `+inert` suffix, so a playbook's own modules still get the real zod.
   */
  prepare(path: string): Promise<ModuleRecord[]> {
    let closure = this.closures.get(path);
    if (!closure) {
      const inert = path.startsWith(this.layout.builtinRoot);
      const name = fileModuleName(path) + (inert ? INERT_SUFFIX : '');
      closure = this.bundleClosure(name, path, new Set(), inert).then((records) => {
        this.ready.set(path, records);
        return records;
      });
      closure.catch(() => this.closures.delete(path));
      this.closures.set(path, closure);
    }
    return closure;
  }

  /** Sends whatever `target` lacks of `records`, in order, ahead of any message sent after this call. */
  ship(target: ContextPath, records: ModuleRecord[]): void {
    for (const record of records) {
      if (this.holds(target.id, record.name)) continue;
      let deepest = -1;
      for (let i = target.path.length - 1; i >= 0; i--) {
        if (this.holds(target.path[i], record.name)) {
          deepest = i;
          break;
        }
      }
      if (deepest === -1) {
        const payload = encode(record);
        const hop = target.path[0];
        this.router.send({
          dst: hop,
          handle: Handle.LOAD_MODULE,
          replyTo: 0,
          enc: Encoding.STRUCTURED,
          payload,
        });
        this.loadBytesByHop.set(hop, (this.loadBytesByHop.get(hop) ?? 0) + payload.length);
        this.mark(hop, record.name);
        deepest = 0;
      }
      if (target.path[deepest] !== target.id) {
        this.router.sendData(target.path[deepest], Handle.FORWARD_MODULE, {
          target: target.id,
          name: record.name,
        });
        for (const id of target.path.slice(deepest + 1)) this.mark(id, record.name);
      }
    }
  }

  /** Forgets what a context held (it disconnected). */
  forget(id: number): void {
    this.held.delete(id);
  }

  /** Records that `id` holds `name` without sending it (for tests of the GET_MODULE fallback). */
  mark(id: number, name: string): void {
    let names = this.held.get(id);
    if (!names) {
      names = new Set();
      this.held.set(id, names);
    }
    names.add(name);
  }

  private holds(id: number, name: string): boolean {
    return this.held.get(id)?.has(name) ?? false;
  }

  private onGetModule(message: Message): void {
    const name = decodePayload(Handle.GET_MODULE, message.payload);
    const record = this.records.get(name);
    if (record) this.mark(message.src, name);
    this.router.sendData(message.src, message.replyTo, record ?? { name, missing: true });
  }

  /** Bundles one module and its dependencies once per process (shared dependencies are reused). */
  private bundleClosure(
    name: string,
    entry: string,
    visiting: Set<string>,
    inert: boolean,
  ): Promise<ModuleRecord[]> {
    if (visiting.has(name)) return Promise.resolve([]);
    visiting.add(name);
    let pending = this.bundling.get(name);
    if (!pending) {
      pending = this.bundleOne(name, entry, visiting, inert);
      this.bundling.set(name, pending);
      pending.catch(() => this.bundling.delete(name));
    }
    return pending;
  }

  private async bundleOne(
    name: string,
    entry: string,
    visiting: Set<string>,
    inert: boolean,
  ): Promise<ModuleRecord[]> {
    const { source, dependencies } =
      this.cache.read(name, entry) ?? (await this.bundleWithEsbuild(name, entry, inert));
    const record: ModuleRecord = {
      name,
      hash: createHash('sha256').update(source).digest('hex').slice(0, 16),
      source,
      imports: dependencies.map(([depName]) => depName),
    };
    const ordered: ModuleRecord[] = [];
    for (const [depName, depPath] of dependencies) {
      for (const dep of await this.bundleClosure(depName, depPath, visiting, inert)) {
        if (!ordered.some((r) => r.name === dep.name)) ordered.push(dep);
      }
    }
    this.records.set(name, record);
    ordered.push(record);
    return ordered;
  }

  private async bundleWithEsbuild(name: string, entry: string, inert: boolean): Promise<CachedBundle> {
    const dependencies = new Map<string, string>();
    const cwd = process.cwd();
    const plugin = splitPlugin(entry, dependencies, inert, this.layout);
    // esbuild is loaded only when a bundle is not cached: most runs never need it.
    const { build } = await import('esbuild');
    const result = await build(bundleOptions(name, entry, cwd, plugin));
    this.bundlesBuilt++;
    // Shipped modules are converted ES modules: import them with esbuild's `__esModule` interop, not Node's.
    const source = shippedInterop(result.outputFiles![0].text, dependencies.keys());
    const unfixed = nodeModeImport(source, dependencies.keys());
    if (unfixed)
      throw new Error(
        `${name}: esbuild imports ${unfixed} in Node interop mode; its default export would be lost`,
      );
    const bundle = { source, dependencies: [...dependencies] };
    this.cache.write(name, entry, bundle, Object.keys(result.metafile!.inputs), cwd);
    return bundle;
  }
}
