import { describe, expect, it } from 'vitest';
import { planCommand } from '../../../runner/cli/plan.js';

const plan = (argv: string[]) => planCommand({ argv, env: {}, config: { sections: {} }, cwd: '/w' });

describe('planCommand', () => {
  it('answers --help and --version before anything else is validated', () => {
    expect(plan(['--help', '--forks', 'x'])).toEqual({ command: 'help' });
    expect(plan(['--version'])).toEqual({ command: 'version' });
  });

  it('recognises the schema subcommand and refuses arguments to it', () => {
    expect(plan(['schema'])).toEqual({ command: 'schema' });
    expect(() => plan(['schema', 'x'])).toThrow('`play schema` takes no arguments');
  });

  it('runs the playbook when no listing flag is given', () => {
    const p = plan(['-C', 'site.yml']);
    expect(p).toMatchObject({ command: 'playbook', action: 'run', playbooks: ['site.yml'] });
  });

  it('chooses the listing action from its flag', () => {
    expect(plan(['--list-tasks', 'a.yml'])).toMatchObject({ action: 'list-tasks' });
    expect(plan(['--syntax-check', 'a.yml'])).toMatchObject({ action: 'syntax-check' });
    expect(plan(['--graph', 'a.yml'])).toMatchObject({ action: 'graph' });
    expect(plan(['--explain-var', 'port', 'web1', 'a.yml'])).toMatchObject({
      action: 'explain-var',
      explain: { name: 'port', host: 'web1' },
    });
  });

  it('refuses two listing flags at once, naming both', () => {
    expect(() => plan(['--list-tasks', '--list-hosts', 'a.yml'])).toThrow(
      '`--list-tasks` and `--list-hosts` cannot be used together',
    );
  });

  it('asks for a playbook when none is given', () => {
    expect(() => plan(['-C'])).toThrow('missing the playbook to run');
  });
});
