import { isUnsafeText } from '../../dsl/template/unsafe.js';

/** A fact set from `!unsafe` text keeps it unsafe, so later uses of the fact never template it either. */
export function keepUnsafeFacts(
  raw: Record<string, unknown>,
  rendered: Record<string, unknown>,
): Record<string, unknown> {
  const kept = Object.entries(raw).filter(([key, value]) => key in rendered && isUnsafeText(value));
  return kept.length === 0 ? rendered : { ...rendered, ...Object.fromEntries(kept) };
}

/** `set_fact: "{{ k }}={{ v }}"`: Ansible templates set_fact's variable names too (only set_fact's). */
export function renderFactNames(
  module: string,
  args: Record<string, unknown>,
  render: (key: string) => string,
): Record<string, unknown> {
  if (module !== 'set_fact' || !Object.keys(args).some((k) => k.includes('{{'))) return args;
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k.includes('{{') ? render(k) : k, v]));
}
