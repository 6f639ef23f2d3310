import nunjucks from 'nunjucks';
import { TemplateError } from './template-error.js';

interface LibInternals {
  lib: { _prettifyError(path: string, withInternals: boolean, err: Error): Error };
}

let installed = false;

/**
 * nunjucks rethrows an error raised inside a render (a lookup's, a nested template's) as a plain Error holding
 * only its text, prefixed with the template's place: a TemplateError would lose its code and variable and name
 * its task twice. Patch it once so our TemplateErrors pass through unchanged.
 */
export function passTemplateErrorsThrough(): void {
  if (installed) return;
  installed = true;
  const { lib } = nunjucks as unknown as LibInternals;
  const prettify = lib._prettifyError;
  lib._prettifyError = (path, withInternals, err) => {
    const cause = (err as { cause?: unknown }).cause;
    if (err instanceof TemplateError) return err;
    if (cause instanceof TemplateError) return cause;
    return prettify(path, withInternals, err);
  };
}
