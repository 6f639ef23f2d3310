// A TypeScript playbook: the same plays as YAML, with module arguments typed from each module's zod schema,
// so an editor completes `tasks.copy({ dest, content, mode })` and flags `mode: 755`.
//   bin/play playbooks/typed.ts
import { play, playbook, tasks } from '../dsl/typescript/index.js';

const work = '/tmp/spindle-typed';
const sites = ['blog', 'shop'];

export default playbook(
  play({
    name: 'typed playbook',
    hosts: 'localhost',
    gather_facts: false,
    vars: { owner_note: 'managed by spindle' },
    handlers: [{ name: 'announce', ...tasks.debug({ msg: 'sites changed' }) }],
    tasks: [
      tasks.file({ path: work, state: 'directory', mode: '0755' }, { name: 'work directory' }),
      tasks.copy(
        { dest: `${work}/{{ item }}.conf`, content: 'site={{ item }}\n# {{ owner_note }}\n', mode: '0644' },
        { name: 'one config per site', loop: sites, notify: 'announce' },
      ),
      tasks.shell(
        { cmd: `ls ${work} | wc -l` },
        { name: 'count the files', register: 'count', changed_when: false },
      ),
      tasks.assert(
        { that: [`count.stdout | int == ${sites.length}`], success_msg: 'all sites are there' },
        { name: 'check' },
      ),
    ],
  }),
);
