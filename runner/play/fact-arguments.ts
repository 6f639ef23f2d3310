import { hasTemplate } from '../../dsl/template/has-template.js';
import { isUnsafeText, unsafeText } from '../../dsl/template/unsafe.js';
import { isVaulted } from '../../dsl/vault/index.js';

/** A fact set from `!unsafe` text keeps it unsafe, so later uses of the fact never template it either. */
export function keepUnsafeFacts(
  raw: Record<string, unknown>,
  rendered: Record<string, unknown>,
): Record<string, unknown> {
  const kept = Object.entries(raw).filter(([key, value]) => key in rendered && isUnsafeText(value));
  return kept.length === 0 ? rendered : { ...rendered, ...Object.fromEntries(kept) };
}

/**
 * A fact whose value was made from unsafe data (a registered result's text, a lookup loop's item) stays unsafe:
 * text holding `{{` is kept as text, never templated when the fact is used, as Ansible's AnsibleUnsafeText.
 */
export function keepTaintedFacts(
  rendered: Record<string, unknown>,
  unsafe: Set<string>,
): Record<string, unknown> {
  if (unsafe.size === 0) return rendered;
  return Object.fromEntries(
    Object.entries(rendered).map(([key, value]) => [
      key,
      unsafe.has(key) && typeof value === 'string' && hasTemplate(value) ? unsafeText(value) : value,
    ]),
  );
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

/**
 * A fact set from an inline `!vault` value keeps it encrypted (deeply, in lists and dicts), as Ansible's set_fact
 * stores the AnsibleVaultEncryptedUnicode: `fact is vault_encrypted` holds, and uses of the fact decrypt it.
 */
export function keepVaultedFacts(raw: unknown, rendered: unknown): unknown {
  if (isVaulted(raw)) return raw;
  if (Array.isArray(raw) && Array.isArray(rendered) && raw.length === rendered.length)
    return rendered.map((item, i) => keepVaultedFacts(raw[i], item));
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(raw) && isObject(rendered))
    return Object.fromEntries(
      Object.entries(rendered).map(([key, item]) => [
        key,
        key in raw ? keepVaultedFacts(raw[key], item) : item,
      ]),
    );
  return rendered;
}

/**
 * set_fact under jinja2_native: the facts exactly as given, without the `yes`/`no`/`true`/`false` text to boolean
 * conversion Ansible's set_fact applies only when jinja2_native is off.
 */
export function withFactsAsGiven<T extends { ansible_facts?: unknown }>(
  result: T,
  args: Record<string, unknown>,
): T {
  if (result.ansible_facts === undefined) return result;
  const { cacheable: _cacheable, ...facts } = args;
  return { ...result, ansible_facts: facts };
}
