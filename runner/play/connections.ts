import type { ConnectionSettings } from '../../dsl/inventory/connection-settings.js';
import { ConnectError, type Context, type Master } from '../core/index.js';
import { ConnectAdmission } from '../transports/admission.js';
import { becomeSpawn } from '../transports/become.js';
import { containerMethod } from '../transports/container-exec.js';
import { SshJumpPool } from '../transports/jump-pool.js';
import { nodeChoice } from '../transports/node-upload.js';
import { sshMethod } from '../transports/ssh.js';
import { sshOptionsFor } from '../transports/ssh-options.js';
import { type ConnectionTrace, establishLine, execLine } from './connection-trace.js';

/** The least time a context gets to start on a host after login (see ContextPool.bootTimeoutMs). */
const MIN_BOOT_TIMEOUT_MS = 60_000;

/** What the scheduler asks for: a host's login context, or a become context below it. */
export interface ContextRequest {
  host: string;
  settings: ConnectionSettings;
  become?: { method: 'sudo' | 'su' | 'doas'; user: string; password?: string; flags?: string };
}

/**
 * One context per (host, login method/address/user, become user), opened lazily and shared by every task of the run. Login contexts
 * use the host's connection method; become contexts are children of the login context (no new connection).
 */
export class ContextPool {
  private readonly contexts = new Map<string, Promise<Context>>();
  private warnedAboutHostKeys = false;
  /** ProxyJump connections, shared by the hosts behind the same jump hosts. */
  private readonly jumps = new SshJumpPool();
  /** Paces new SSH connects (login and context boot) to what the controller can serve. */
  private readonly admission = new ConnectAdmission();

  constructor(
    private readonly master: Master,
    private readonly connectTimeoutMs: number,
    private readonly warn: (message: string) => void = () => {},
    /** `host_key_checking` from ansible.cfg / ANSIBLE_HOST_KEY_CHECKING, when the CLI passes it. */
    private readonly hostKeyChecking?: boolean,
    /** Ansible's `-vvv` lines for each context opened (ESTABLISH, EXEC); the controller's user for local ones. */
    private readonly trace?: { line: ConnectionTrace; localUser: string },
  ) {}

  /** ConnectOptions that trace a login context's opening: ESTABLISH now, EXEC for each command run. */
  private traced(settings: ConnectionSettings, login: boolean): { onExec?: (command: string) => void } {
    const trace = this.trace;
    if (!trace) return {};
    if (login) trace.line(establishLine(settings, trace.localUser));
    return { onExec: (command) => trace.line(execLine(settings, command, login)) };
  }

  /**
   * The bound on starting a context once logged in (node start-up and the core's arrival): `--timeout`
   * bounds the login itself, as Ansible's does; a loaded host may take longer to start node than to answer.
   */
  private get bootTimeoutMs(): number {
    return Math.max(this.connectTimeoutMs, MIN_BOOT_TIMEOUT_MS);
  }

  /** The context for a request, connecting on first use. */
  get(request: ContextRequest): Promise<Context> {
    // The login identity is part of the key: a task with its own remote_user/connection gets its own context.
    const { method, host, port, user } = request.settings;
    const { become } = request;
    const key = [request.host, method, host, port ?? '', user ?? '', become?.user ?? '', become?.method ?? '']
      .concat(become?.flags ?? [])
      .join('\0');
    let context = this.contexts.get(key);
    if (!context) {
      const opening = request.become ? this.openBecome(request) : this.openLogin(request);
      this.contexts.set(key, opening);
      // A context that dies is forgotten, so a later task (ignore_unreachable) connects again, as Ansible
      // does; a connection that failed stays failed for the run instead of being retried by every task.
      opening.then(
        (ctx) => ctx.onDisconnect(() => this.contexts.get(key) === opening && this.contexts.delete(key)),
        () => {},
      );
      context = opening;
    }
    return context;
  }

  private async openLogin(request: ContextRequest): Promise<Context> {
    const { settings } = request;
    if (settings.method === 'local') {
      return this.master.local({
        ...this.traced(settings, true),
        name: request.host,
        connectTimeoutMs: this.connectTimeoutMs,
        nodePath: settings.nodeBinary,
      });
    }
    if (settings.method === 'ssh') {
      const options = sshOptionsFor(request.host, settings, {
        connectTimeoutMs: this.connectTimeoutMs,
        hostKeyChecking: this.hostKeyChecking,
      });
      if (options.hostKeyPolicy === 'off' && !this.warnedAboutHostKeys) {
        this.warnedAboutHostKeys = true;
        this.warn(
          'host key checking is turned off for some hosts (by their inventory or configuration): their identity is not verified',
        );
      }
      const method = sshMethod({ ...options, jumpPool: this.jumps });
      return this.admission.run(() =>
        this.master.connect(
          { ...method, ...nodeChoice(settings.nodeBinary) },
          { ...this.traced(settings, true), name: request.host, connectTimeoutMs: this.bootTimeoutMs },
        ),
      );
    }
    if (settings.container) {
      const method = containerMethod(settings.method, settings.container, request.host);
      return this.master.connect(
        { ...method, ...nodeChoice(settings.nodeBinary) },
        { ...this.traced(settings, true), name: request.host, connectTimeoutMs: this.bootTimeoutMs },
      );
    }
    throw new ConnectError(
      'spawn',
      `connection method \`${settings.method}\` is not available in this build (only \`local\`, \`ssh\`, \`docker\`, \`podman\` and \`kubectl\`)`,
      [],
      request.host,
    );
  }

  private async openBecome(request: ContextRequest): Promise<Context> {
    const login = await this.get({ host: request.host, settings: request.settings });
    const become = request.become!;
    const { name, ...spec } = becomeSpawn({ ...become, host: request.host });
    return this.master.connect(
      { kind: 'spawn', name, ...spec },
      {
        ...this.traced(request.settings, false),
        via: login,
        name: `${request.host}:${become.user}`,
        connectTimeoutMs: this.connectTimeoutMs,
      },
    );
  }
}
