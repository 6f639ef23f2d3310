import { z } from 'zod';
import { modeSchema } from './modes.js';

/** An owner or group as Ansible takes it: a name, or a numeric id. */
export const ownerSchema = z.union([z.string(), z.number()]);

/**
 * The argument groups file-writing modules share, written once: spread them into a module's object schema
 * (`z.object({ path, ...fileAttributeArgs, ...backupArgs })`).
 */

/** `mode`, `owner`, `group`: the attributes a module sets on what it writes (all optional: "leave as is"). */
export const fileAttributeArgs = {
  mode: modeSchema.optional(),
  owner: ownerSchema.optional(),
  group: ownerSchema.optional(),
};

/** `backup`: keep `NAME.PID.YYYY-MM-DD@HH:MM:SS~` before replacing a file (off by default). */
export const backupArgs = { backup: z.boolean().default(false) };

/** `validate`: a command (`%s` = the new file) that must succeed before the file is put in place. */
export const validateFileArgs = { validate: z.string().optional() };
