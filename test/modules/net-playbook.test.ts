import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../dsl/index.js';
import { runPlaybook } from '../../runner/play/run-playbook.js';
import { send, startServer, type TestServer } from './http-server.js';

const playbook = join(import.meta.dirname, '..', 'fixtures', 'playbooks', 'run', 'net.yml');
let server: TestServer;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'spindle-net-play-'));
  server = await startServer((req, res) => {
    if (req.path === '/file.txt') return send(res, 200, req.method === 'HEAD' ? '' : 'hello world\n');
    if (req.path === '/api/echo' && req.method === 'POST')
      return send(res, 201, req.body, { 'content-type': req.headers['content-type'] ?? 'text/plain' });
    return send(res, 404, 'not here');
  });
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

async function play(check: boolean) {
  const builder = new InventoryBuilder();
  builder.addHost('web1', 'ungrouped', { ansible_connection: 'local' });
  const inventory = builder.build();
  const { graph, issues } = compilePlaybook(playbook, { inventory });
  expect(renderIssues(issues.filter((i) => i.severity === 'error'))).toBe('');
  return runPlaybook({
    graph,
    inventory,
    extraVars: { work, base: server.base },
    check,
    diff: false,
    verbosity: 0,
    emit: () => {},
  });
}

describe('get_url and uri in a playbook', () => {
  test('ship to a real local context: check mode writes nothing, a run downloads, a second run changes nothing', async () => {
    const checked = await play(true);
    expect(checked.exitCode).toBe(0);
    expect(checked.stats.web1).toMatchObject({ changed: 1, failed: 0, skipped: 2 });
    expect(readdirSync(work)).toEqual([]);
    expect(server.requests.map((r) => r.method)).toEqual(['HEAD']);

    const first = await play(false);
    expect(first.exitCode).toBe(0);
    expect(first.stats.web1).toMatchObject({ ok: 3, changed: 1, failed: 0 });
    expect(readFileSync(join(work, 'hello.txt'), 'utf8')).toBe('hello world\n');
    expect(statSync(join(work, 'hello.txt')).mode & 0o777).toBe(0o640);

    server.requests.length = 0;
    const second = await play(false);
    expect(second.stats.web1).toMatchObject({ ok: 3, changed: 0, failed: 0 });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/echo']);
  });
});
