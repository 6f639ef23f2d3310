import { describe, expect, test } from 'vitest';
import { MINIMAL_SUBSET } from '../../../modules/facts/collectors.js';
import { collectorsFor, subsetNames } from '../../../modules/facts/gather-subset.js';

const names = (subset: string[]) => collectorsFor(subset).map((c) => c.name);

describe('gather_subset is read as Ansible reads it', () => {
  test('all runs every collector, and an empty subset means all', () => {
    expect(names(['all'])).toContain('hardware');
    expect(names(['all'])).toContain('virtual');
    expect(names([])).toEqual(names(['all']));
  });

  test('!all keeps the minimal set; !all,!min keeps nothing', () => {
    expect(new Set(names(['!all']))).toEqual(MINIMAL_SUBSET);
    expect(names(['!all', '!min'])).toEqual([]);
  });

  test('a named subset after !all is added back, with the collectors it requires', () => {
    const chosen = names(['!all', '!min', 'network']);
    expect(chosen).toEqual(['platform', 'distribution', 'network']);
  });

  test('all,!hardware leaves out the hardware collector and its fact names', () => {
    const chosen = subsetNames(['all', '!hardware']);
    expect(chosen.has('hardware')).toBe(false);
    expect(chosen.has('devices')).toBe(false);
    expect(chosen.has('network')).toBe(true);
  });

  test('a lone negation starts from the minimal set, as in Ansible 2.14 (!hardware gathers no network facts)', () => {
    expect(subsetNames(['!hardware'])).toEqual(MINIMAL_SUBSET);
  });

  test('a fact name selects the collector that gathers it', () => {
    expect(names(['!all', '!min', 'devices'])).toEqual(['platform', 'hardware']);
  });

  test('facter and ohai are accepted and gather nothing', () => {
    expect(() => names(['!all', 'facter', 'ohai'])).not.toThrow();
  });
});
