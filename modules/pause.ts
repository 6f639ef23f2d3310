import { z } from 'zod';
import { defineModule } from './contract/define-module.js';

const args = z
  .object({
    seconds: z.coerce.number().min(0).optional(),
    minutes: z.coerce.number().min(0).optional(),
    prompt: z.string().optional(),
    echo: z.boolean().default(true),
  })
  .strict();

/** `pause`: waits a number of seconds or minutes (non-interactive; a prompt without a terminal just continues). */
export const pauseModule = defineModule({
  name: 'pause',
  summary: 'Wait for a number of seconds or minutes (non-interactive).',
  runsOn: 'controller',
  idempotent: true,
  // Ansible's pause waits in check mode too and never reports a change.
  checkMode: 'run',
  args,
  probe: async () => null,
  plan: (a) => ({ steps: [{ wait: (a.seconds ?? 0) + (a.minutes ?? 0) * 60 }], reason: 'paused' }),
  async apply(_a, _s, plan) {
    const seconds = (plan.steps[0] as { wait: number }).wait;
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return {
      changed: false,
      delta: Math.round((Date.now() - started) / 1000),
      stdout: `Paused for ${seconds} seconds`,
    };
  },
});
