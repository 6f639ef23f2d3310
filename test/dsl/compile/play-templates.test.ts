import { describe, expect, it } from 'vitest';
import { compilePlaybookValue, InventoryBuilder } from '../../../dsl/index.js';
import { listTags, listTasks } from '../../../dsl/present.js';

const builder = new InventoryBuilder();
builder.addHost('web', 'all', {});
const inventory = builder.build();

/** The playbook compiled from data, with optional --tags and extra vars. */
function compile(plays: unknown[], options: { tags?: string[]; extraVars?: Record<string, unknown> } = {}) {
  return compilePlaybookValue('/tmp/site.yml', plays, { inventory, ...options }).graph;
}

const play = {
  name: 'deploy {{ release }}',
  hosts: 'all',
  vars: { release: 'r1', the_tags: ['tag3'] },
  tasks: [
    { name: 'templated', debug: { msg: 'x' }, tags: '{{ the_tags }}' },
    { name: 'per host', debug: { msg: 'x' }, tags: '{{ inventory_hostname }}' },
    { name: 'stop here', meta: 'end_play', tags: 'meta_tag' },
    { meta: 'noop' },
  ],
};

describe('what a play templates before it runs', () => {
  it('renders the play name and task tags with play vars and extra vars, keeping what needs a host', () => {
    const graph = compile([play], { extraVars: { release: 'r2' } });
    expect(graph.plays[0]?.name).toBe('deploy r2');
    expect(listTasks(graph, 'site.yml')).toBe(
      [
        '',
        'playbook: site.yml',
        '',
        '  play #1 (all): deploy r2\tTAGS: []',
        '    tasks:',
        '      templated\tTAGS: [tag3]',
        '      per host\tTAGS: [{{ inventory_hostname }}]',
        '      stop here\tTAGS: [meta_tag]',
        '      meta\tTAGS: []',
        '',
      ].join('\n'),
    );
    expect(listTags(graph, 'site.yml').split('\n').slice(0, 3)).toEqual(['', 'playbook: site.yml', '']);
  });

  it('selects tasks by their rendered tags', () => {
    const graph = compile([play], { tags: ['tag3'] });
    const names = graph.plays[0]?.sections.flatMap((s) => s.nodes.map((n) => ('name' in n ? n.name : '')));
    expect(names).toEqual(['templated']);
  });
});
