/**
 * Modules Ansible runs through an action plugin that calls the module by its `ansible.legacy` name, whatever
 * the task wrote (`shell` goes through `command`'s): their messages say `(ansible.legacy.command)`.
 */
const LEGACY_INVOKED: Record<string, string> = {
  command: 'ansible.legacy.command',
  shell: 'ansible.legacy.command',
  copy: 'ansible.legacy.copy',
  assemble: 'ansible.legacy.assemble',
  unarchive: 'ansible.legacy.unarchive',
  uri: 'ansible.legacy.uri',
  async_status: 'ansible.legacy.async_status',
};

/**
 * The module name Ansible's module code sees (`_ansible_module_name`, quoted in `Unsupported parameters for
 * (NAME) module`): the action as the task wrote it (`ansible.builtin.file`), or the `ansible.legacy` name an
 * action plugin calls.
 */
export function invocationName(written: string, module: string): string {
  return LEGACY_INVOKED[module] ?? written;
}
