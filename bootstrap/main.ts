import { Socket } from 'node:net';
import { hostname, userInfo } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';
import { ChildProcesses } from './child-service.js';
import { encode } from './codec.js';
import { Dispatcher } from './dispatcher.js';
import { runExecutor } from './executor.js';
import type { ChildParams } from './first-stage.js';
import { Importer } from './importer.js';
import { boundedRecord, Logger, type LogRecord } from './log.js';
import { Encoding, Handle, MASTER_ID } from './protocol.js';
import { Router } from './router.js';
import { ServiceRegistry } from './services.js';
import { Stream } from './stream.js';

/** Set by the first stage: the inflated core source (to start the executor thread) and the command line. */
declare const __spindle: { src: string; argv: string[] };

const SHUTDOWN_GRACE_MS = 3000;

/** The remote context's entry point (DESIGN.md §4.4 step 3): router, importer, dispatcher, log forwarding. */
function main(): void {
  const params = JSON.parse(Buffer.from(__spindle.argv[4], 'base64').toString('utf8')) as ChildParams;
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {}
  process.title = `spindle:${user}@${hostname()}:${params.name}`;
  const log = new Logger('spindle', { id: params.id, name: params.name }, params.ioLog ? 'debug' : 'info');
  const router = new Router({
    id: params.id,
    name: params.name,
    ancestors: params.ancestors,
    maxMessageSize: params.maxMessageSize,
    unidirectional: params.unidirectional,
    log,
  });
  const input = new Socket({ fd: 3, readable: true, writable: false });
  const output = new Socket({ fd: 4, readable: false, writable: true });
  const parent = new Stream(
    input,
    output,
    {
      remoteId: params.ancestors[0],
      remoteName: 'parent',
      isParent: true,
      maxMessageSize: params.maxMessageSize,
    },
    (message, stream) => router.route(message, stream),
  );
  router.setParent(parent);
  if (params.ioLog) router.io = log.child('spindle.io', 'debug');
  log.attach((record: LogRecord) => router.sendData(MASTER_ID, Handle.FORWARD_LOG, boundedRecord(record)));

  const importer = new Importer(router);
  const dispatcher = new Dispatcher(router, importer, log, __spindle.src);
  let core: Buffer | null = null;
  const children = new ChildProcesses(
    router,
    () => (core ??= deflateRawSync(Buffer.from(__spindle.src))),
    (child, line) =>
      router.sendData(
        MASTER_ID,
        Handle.FORWARD_LOG,
        boundedRecord({
          logger: `spindle.${child.name}`,
          level: 'info',
          message: line,
          contextId: child.id,
          contextName: child.name,
          time: Date.now(),
        }),
      ),
    () => dispatcher.useThread(),
  );
  const services = new ServiceRegistry(router);
  services.registerLazy('spindle.context', () => children.service());

  let exiting = false;
  const exit = async (graceful: boolean) => {
    if (exiting) return;
    exiting = true;
    if (graceful) {
      await children.shutdownAll(SHUTDOWN_GRACE_MS);
      router.send({
        dst: params.ancestors[0],
        handle: Handle.DETACHING,
        replyTo: 0,
        enc: Encoding.STRUCTURED,
        payload: encode(null),
      });
      await new Promise<void>((resolve) => {
        setImmediate(() => output.end(resolve));
      });
    } else {
      children.killAll();
    }
    await dispatcher.stop();
    process.exit(0);
  };
  router.addHandler(() => void exit(true), {
    handle: Handle.SHUTDOWN,
    persist: true,
    policy: router.parentAuthority,
  });
  parent.onLoss(() => void exit(false));
  router.sendData(params.ancestors[0], Handle.ADD_ROUTE, { id: params.id, name: params.name });
}

if (isMainThread) {
  main();
} else if (workerData?.role === 'executor' && parentPort) {
  runExecutor(parentPort, workerData);
}
