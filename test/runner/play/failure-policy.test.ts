import { describe, expect, test } from 'vitest';
import type { MetaNode, PlayNode } from '../../../dsl/graph.js';
import { applyFailurePolicy } from '../../../runner/play/failure-policy.js';
import { HostRun } from '../../../runner/play/host-run.js';

const location = { file: 'site.yml', line: 1, column: 1 };
const play = (over: Partial<PlayNode> = {}): PlayNode => ({
  id: 'p0',
  name: 'p',
  pattern: 'all',
  hosts: [],
  vars: {},
  roleDefaults: {},
  publicRoleDefaults: {},
  publicRoleVars: {},
  roleNames: { play: [], dependencies: [] },
  gatherFacts: false,
  gatherArgs: {},
  strategy: 'linear',
  anyErrorsFatal: false,
  forceHandlers: false,
  tags: [],
  sections: [],
  handlers: [],
  location,
  ...over,
});
const node = (over: Partial<MetaNode> = {}): MetaNode => ({
  kind: 'meta',
  id: 'm',
  name: 'meta',
  action: 'noop',
  when: [],
  tags: [],
  vars: {},
  location,
  ...over,
});

function batch(failed: number, total: number): HostRun[] {
  return Array.from({ length: total }, (_, i) => {
    const host = new HostRun(`h${i}`);
    host.failed = i < failed;
    return host;
  });
}

describe('the failure policy after each node', () => {
  test('without any_errors_fatal or max_fail_percentage a failure ends nobody else', () => {
    const hosts = batch(1, 3);
    applyFailurePolicy(play(), hosts, node());
    expect(hosts.map((h) => h.ended)).toEqual([false, false, false]);
  });

  test("any_errors_fatal on the play or on the node ends every host's play", () => {
    for (const [p, n] of [
      [play({ anyErrorsFatal: true }), node()],
      [play(), node({ anyErrorsFatal: true })],
    ] as const) {
      const hosts = batch(1, 3);
      applyFailurePolicy(p, hosts, n);
      expect(hosts.every((h) => h.ended)).toBe(true);
    }
  });

  test('max_fail_percentage ends the play only when more than that share failed', () => {
    const under = batch(1, 4);
    applyFailurePolicy(play({ maxFailPercentage: 25 }), under, node());
    expect(under.some((h) => h.ended)).toBe(false);
    const over = batch(2, 4);
    applyFailurePolicy(play({ maxFailPercentage: 25 }), over, node());
    expect(over.every((h) => h.ended)).toBe(true);
  });

  test('a failure that a rescue or always section will handle is not fatal; the verdict says whether the play ended', () => {
    const hosts = batch(1, 3);
    hosts[0].rescueDepth = 1;
    expect(applyFailurePolicy(play({ anyErrorsFatal: true }), hosts, node())).toBe(false);
    expect(hosts.some((h) => h.ended)).toBe(false);
    hosts[0].rescueDepth = 0;
    hosts[0].alwaysDepth = 1;
    expect(applyFailurePolicy(play({ anyErrorsFatal: true }), hosts, node())).toBe(false);
    hosts[0].alwaysDepth = 0;
    expect(applyFailurePolicy(play({ anyErrorsFatal: true }), hosts, node())).toBe(true);
  });
});
