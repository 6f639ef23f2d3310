import { z } from 'zod';
import { unsupportedOptions } from '../contract/unsupported-options.js';
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

/**
 * File options Ansible documents that Spindle does not implement: `attributes` (chattr flags, alias `attr`) and
 * the SELinux context (`seuser`, `serole`, `setype`, `selevel`). Accepted, and a task that sets one fails.
 */
export const UNSUPPORTED_FILE_OPTIONS = {
  attributes: null,
  attr: null,
  seuser: null,
  serole: null,
  setype: null,
  selevel: null,
} as const;

/**
 * `unsafe_writes` (Spindle always writes atomically, temp file + rename; Ansible's option only permits a
 * non-atomic fallback, so it changes nothing here) and the unsupported file options above.
 */
export const fileExtraArgs = {
  unsafe_writes: z.boolean().default(false),
  ...unsupportedOptions(UNSUPPORTED_FILE_OPTIONS),
};
