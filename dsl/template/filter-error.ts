/**
 * Ansible's `AnsibleFilterError`: a filter or test refusing its input. The task fails with exactly this message
 * as its `msg` (as in Ansible, where playbooks compare it: `result.msg == "…"`), not wrapped in "template error".
 */
export class FilterError extends Error {
  static override readonly name = 'FilterError';
  override name = FilterError.name;
}
