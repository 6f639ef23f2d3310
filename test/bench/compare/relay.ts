import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 that adds `roundTripMs` to every round trip (half each way), standing in for a host
 * at a distance. Chunks are delayed, never reordered: timers of equal duration fire in the order they were set.
 * It runs in the harness process, not in the runner being measured, so its CPU is not counted as the runner's.
 */
export interface DelayRelay {
  /** The relay's listening port for each upstream port, in the same order. */
  ports: number[];
  close(): Promise<void>;
}

function pipeDelayed(from: Socket, to: Socket, delayMs: number): void {
  from.on('data', (chunk) => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), delayMs));
}

/** Starts one listening port per upstream port; every accepted connection is forwarded with the delay. */
export async function startDelayRelay(upstreamPorts: number[], roundTripMs: number): Promise<DelayRelay> {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const ports: number[] = [];
  for (const upstream of upstreamPorts) {
    const server = createServer((client) => {
      client.setNoDelay(true);
      const target = createConnection({ host: '127.0.0.1', port: upstream });
      target.setNoDelay(true);
      for (const s of [client, target]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      }
      pipeDelayed(client, target, roundTripMs / 2);
      pipeDelayed(target, client, roundTripMs / 2);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    servers.push(server);
    ports.push((server.address() as { port: number }).port);
  }
  return {
    ports,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
