import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMaster, ref } from '../../runner/core/index.js';
import { packageRoot } from '../../runner/core/package-root.js';
import { sshMethod } from '../../runner/transports/ssh.js';
import { startSshd } from '../e2e/support/sshd.js';
import { median, report } from './report.js';

/** SSH figures (issue 4) against a real sshd on 127.0.0.1, next to OpenSSH's own client on the same host. */
export async function benchSsh(): Promise<void> {
  const servers = [await startSshd()];
  for (let i = 1; i < 10; i++) servers.push(await startSshd({ clientKey: servers[0].clientKey }));
  const [server] = servers;
  const knownHosts = join(server.dir, 'known_hosts');
  writeFileSync(knownHosts, `${servers.map((s) => s.knownHostsLine).join('\n')}\n`);
  const options = (port: number) => ({
    name: `bench${port}`,
    host: '127.0.0.1',
    port,
    user: 'root',
    privateKeyFile: server.clientKey,
    knownHostsFile: knownHosts,
  });
  // The same OpenSSH client options for `ssh` (port flag -p) and `scp` (-P).
  const clientOptions = [
    '-F',
    '/dev/null',
    '-i',
    server.clientKey,
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'BatchMode=yes',
  ];
  const sshArgs = (port: number) => [...clientOptions, '-p', String(port)];
  const master = await createMaster();
  const file = join(server.dir, 'transfer.bin');
  try {
    const plain: number[] = [];
    const connects: number[] = [];
    for (let i = 0; i < 20; i++) {
      let t = process.hrtime.bigint();
      spawnSync('ssh', [...sshArgs(server.port), 'root@127.0.0.1', 'true']);
      plain.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      const ctx = await master.connect(sshMethod(options(server.port)));
      connects.push(Number(process.hrtime.bigint() - t) / 1e6);
      await ctx.shutdown();
    }
    report('ssh.connect_ms', median(connects), 'ms');
    report('ssh.plain_true_ms', median(plain), 'ms');

    const ctx = await master.connect(sshMethod(options(server.port)));
    const add = ref(join(packageRoot(), 'test', 'fixtures', 'functions', 'basic.ts'), 'add');
    for (let i = 0; i < 500; i++) await ctx.call(add, i, 1);
    const rtts: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = process.hrtime.bigint();
      await ctx.call(add, i, 1);
      rtts.push(Number(process.hrtime.bigint() - t) / 1e3);
    }
    report('ssh.call_rtt_us', median(rtts), 'us');

    const out = createWriteStream(file);
    const chunk = randomBytes(1 << 20);
    for (let i = 0; i < 256; i++)
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    master.files.offer(file, ctx.id);
    // Median of 3 copies each, alternating, so both sides get a warm page cache and a warmed-up JIT.
    const receive = ref(join(packageRoot(), 'test', 'fixtures', 'functions', 'uses-util.ts'), 'receive');
    await ctx.call(receive, file); // untimed warm-up: the first copy also pays for compiling the receive path
    const ours: number[] = [];
    const theirs: number[] = [];
    let t = process.hrtime.bigint();
    for (let i = 0; i < 3; i++) {
      t = process.hrtime.bigint();
      await ctx.call(receive, file);
      ours.push(256 / (Number(process.hrtime.bigint() - t) / 1e9));
      t = process.hrtime.bigint();
      const scp = spawnSync('scp', [
        '-q',
        ...clientOptions,
        '-P',
        String(server.port),
        file,
        'root@127.0.0.1:/dev/null',
      ]);
      if (scp.status !== 0) throw new Error(`scp failed (${scp.status}): ${scp.stderr}`);
      theirs.push(256 / (Number(process.hrtime.bigint() - t) / 1e9));
    }
    report('ssh.transfer_MiBps', median(ours), 'MiB/s');
    report('scp.transfer_MiBps', median(theirs), 'MiB/s');
    await ctx.shutdown();

    t = process.hrtime.bigint();
    const all = await Promise.all(servers.map((s) => master.connect(sshMethod(options(s.port)))));
    report('ssh.connect_10_hosts_ms', Number(process.hrtime.bigint() - t) / 1e6, 'ms');
    await Promise.all(all.map((c) => c.shutdown()));

    // The floor for any SSH-based runner: 10 OpenSSH logins running `true`, in parallel, same hosts.
    t = process.hrtime.bigint();
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            const args = [...sshArgs(s.port), 'root@127.0.0.1', 'true'];
            spawn('ssh', args, { stdio: 'ignore' }).on('exit', (code) =>
              code === 0 ? resolve() : reject(new Error(`ssh exited ${code}`)),
            );
          }),
      ),
    );
    report('ssh.plain_true_10_hosts_ms', Number(process.hrtime.bigint() - t) / 1e6, 'ms');
  } finally {
    await master.shutdown();
    rmSync(file, { force: true });
    for (const s of servers) await s.stop();
  }
}
