import { parentPort } from 'node:worker_threads';
import { CountingProxyServer, type ProxyReply, type ProxyRequest } from './counting-proxy';

/** The worker thread behind CountingProxy: one CountingProxyServer, answering its messages. */
const server = new CountingProxyServer();
const port = parentPort;
if (!port) throw new Error('counting-proxy-worker.ts runs as a worker thread (CountingProxy.start)');

port.on('message', (message: ProxyRequest) => {
  const reply = (value: unknown) => port.postMessage({ id: message.id, ok: true, value } satisfies ProxyReply);
  const fail = (error: unknown) => port.postMessage({ id: message.id, ok: false, error: (error as Error).message ?? String(error) } satisfies ProxyReply);
  switch (message.kind) {
    case 'route':
      return void server.route(message.service, message.upstream).then(reply, fail);
    case 'snapshot':
      return reply(server.snapshot());
    case 'mark':
      return reply(server.mark());
    case 'ledgerSince':
      return reply(server.ledgerSince(message.mark));
    case 'reset':
      return reply(server.reset());
    case 'stop':
      return void server.stop().then(() => {
        reply(undefined);
        port.close();
      }, fail);
  }
});
// Tells CountingProxy.start that the module loaded and the messages are listened to.
port.postMessage({ ready: true });
