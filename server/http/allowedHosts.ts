import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { ApiError } from './errors.js';

/**
 * DNS rebinding: a page on evil.example whose name is then pointed at 127.0.0.1 talks to a
 * loopback server as its own origin, so the browser's same-origin rule does not stop it. It still
 * names itself in `Host`; a server that answers only to its own names gives that page nothing.
 *
 * `'loopback'`: 127.0.0.1 and localhost at the port the server is bound to (it may listen on
 * port 0, so the port is known only once it listens). A list: those `host[:port]` names only.
 */
export type AllowedHosts = readonly string[] | 'loopback';

/** The names a browser on this machine sends for a loopback server (no port when it is 80, the default). */
export function loopbackHosts(port: number): string[] {
  const names = ['127.0.0.1', 'localhost'];
  return port === 80 ? [...names, ...names.map((n) => `${n}:80`)] : names.map((n) => `${n}:${port}`);
}

/** Host names are case-insensitive; anything else (a missing header, another port) is refused. */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  return host !== undefined && allowed.some((name) => name.toLowerCase() === host.toLowerCase());
}

/** Refuses, before routing and before any handler runs, a request for a name that is not this server's. */
export function registerHostCheck(app: FastifyInstance, allowed: AllowedHosts): void {
  app.addHook('onRequest', async (req, reply) => {
    const address = app.server.address() as AddressInfo | string | null;
    const names = allowed !== 'loopback' ? allowed : typeof address === 'object' && address !== null ? loopbackHosts(address.port) : [];
    if (hostAllowed(req.headers.host, names)) return;
    // 421 Misdirected Request: this server is not the one that name is for.
    return reply.code(421).send({ error: 'unknown-host' } satisfies ApiError);
  });
}
