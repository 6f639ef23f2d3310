/** The ways Spindle can offer to log in, in the order it offers them (ssh2's order: none first). */
export type AuthMethod = 'none' | 'password' | 'publickey' | 'agent' | 'keyboard-interactive';

/** What this login has to offer: the key file, the agent socket, the password. */
export interface AuthOffer {
  keyFile?: string;
  agent?: string;
  password: boolean;
}

/**
 * Drives ssh2's `authHandler` and remembers what happened, so a failed login says which methods were tried and
 * refused (`publickey (key ~/.ssh/id_ed25519) refused; password refused`) instead of one generic message: a
 * wrong key and a wrong password then read differently.
 */
export class AuthAttempts {
  private readonly queue: AuthMethod[];
  private readonly tried: AuthMethod[] = [];
  private readonly skipped: AuthMethod[] = [];
  /** The methods the server said it accepts (after the first refusal), if it said. */
  private serverMethods?: string[];

  constructor(private readonly offer: AuthOffer) {
    this.queue = ['none'];
    if (offer.password) this.queue.push('password');
    if (offer.keyFile) this.queue.push('publickey');
    if (offer.agent) this.queue.push('agent');
    if (offer.password) this.queue.push('keyboard-interactive');
  }

  /** ssh2's authHandler: the next method the server accepts, or false when none is left. */
  next(methodsLeft: string[] | null): AuthMethod | false {
    if (methodsLeft) this.serverMethods = methodsLeft;
    for (let method = this.queue.shift(); method; method = this.queue.shift()) {
      const wire = method === 'agent' ? 'publickey' : method;
      if (method !== 'none' && this.serverMethods && !this.serverMethods.includes(wire)) {
        this.skipped.push(method);
        continue;
      }
      if (method !== 'none') this.tried.push(method);
      return method;
    }
    return false;
  }

  private describe(method: AuthMethod): string {
    if (method === 'publickey') return `publickey (key ${this.offer.keyFile})`;
    if (method === 'agent') return `publickey (ssh-agent ${this.offer.agent})`;
    if (method === 'keyboard-interactive') return 'keyboard-interactive (the password)';
    return method;
  }

  /** Why the login failed, in words: each method tried and refused, what the server would have accepted. */
  summary(): string {
    const refused = this.tried.map((m) => `${this.describe(m)} refused`);
    const server = this.serverMethods ? `the server accepts ${this.serverMethods.join(', ')}` : '';
    if (refused.length === 0) {
      const nothing =
        'no key, ssh-agent or password to offer (set ansible_ssh_private_key_file or ansible_password)';
      return [nothing, server].filter(Boolean).join('; ');
    }
    // keyboard-interactive only re-offers the password: not worth a line when the server does not take it.
    const notOffered = this.skipped
      .filter((m) => m !== 'keyboard-interactive')
      .map((m) => `${this.describe(m)} not accepted by the server`);
    return [...refused, ...notOffered, ...(notOffered.length > 0 ? [server] : [])].join('; ');
  }
}
