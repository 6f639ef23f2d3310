import type { Templar } from './templar.js';

let contextPatched = false;

/**
 * nunjucks copies the variables into every render's context (`lib.extend({}, ctx)`), which would fire every
 * lazy variable's getter on every render. Patch its (unexported) Context class once so a render's context
 * inherits from the scope instead: lookups fall through to the lazy getters, `{% set %}` stays per render.
 */
export function avoidContextCopies(templar: Templar): void {
  if (contextPatched) return;
  const context = templar.evaluate('__context()', {}) as object;
  const proto = Object.getPrototypeOf(context) as {
    init(ctx: object, blocks: unknown, env: unknown): void;
    ctx: object;
  };
  const init = proto.init;
  proto.init = function (this: { ctx: object }, ctx: object, blocks: unknown, env: unknown) {
    init.call(this, {}, blocks, env);
    this.ctx = Object.create(ctx ?? {});
  };
  contextPatched = true;
}
