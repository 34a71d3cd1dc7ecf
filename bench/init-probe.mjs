// Imports one function bundle in this fresh process and prints how long the import took, as
// Lambda's init would, and whether the module tried to reach the network while loading.
// Plain JavaScript: the child needs no TypeScript loader.
import dns from 'node:dns';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

let attempts = 0;
const refuse = () => new Error('no network while the module initialises');
net.Socket.prototype.connect = function connect() {
  attempts += 1;
  process.nextTick(() => this.destroy(refuse()));
  return this;
};
dns.lookup = (_host, options, callback) => {
  attempts += 1;
  (typeof options === 'function' ? options : callback)(refuse());
};

const start = performance.now();
const module = await import(pathToFileURL(process.argv[2]).href);
const ms = performance.now() - start;
// Anything the module scheduled at import gets a moment to show itself.
await new Promise((resolve) => setTimeout(resolve, 50));
process.stdout.write(`${JSON.stringify({ ms, attempts, handler: typeof module.handler })}\n`);
process.exit(0);
