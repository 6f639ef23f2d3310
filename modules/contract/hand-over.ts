import { z } from 'zod';

/**
 * Hand-over arguments: what a module's controller half (runner/actions/<module>.ts) adds to the task's
 * arguments before the call. Their names start with `_`, so they never clash with Ansible's; the TypeScript
 * builders and `play schema` leave them out. A module declares its own next to its schema, with these types.
 */

/** A controller file the host reads (copy, unarchive, script `src`): its path, and its bytes when small. */
export const controllerFileHandOver = {
  /** The file's absolute path on the controller (large files stream from the file service by this path). */
  _src_path: z.string().optional(),
  /** The file's bytes, when small enough to travel inline with the call. */
  _data: z.custom<Uint8Array>((value) => value instanceof Uint8Array).optional(),
};

/** The hand-over of a controller file, as a type (unarchive, script). */
export type ControllerFileHandOver = z.output<z.ZodObject<typeof controllerFileHandOver>>;
