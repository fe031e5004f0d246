import Fastify from 'fastify';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { hostAllowed, loopbackHosts, registerHostCheck, type AllowedHosts } from './allowedHosts.js';

/** fetch refuses to set Host; a rebinding page's browser sends its own name there. */
function getWithHost(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .once('error', reject);
  });
}

async function serverWith(allowed: AllowedHosts) {
  const app = Fastify();
  registerHostCheck(app, allowed);
  app.get('/ping', async () => ({ pong: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: (app.server.address() as AddressInfo).port };
}

describe('allowed hosts', () => {
  it('knows the loopback names with the port, and without it on port 80', () => {
    expect(loopbackHosts(4153)).toEqual(['127.0.0.1:4153', 'localhost:4153']);
    expect(loopbackHosts(80)).toContain('localhost');
    expect(hostAllowed('LocalHost:4153', loopbackHosts(4153))).toBe(true);
    expect(hostAllowed(undefined, loopbackHosts(4153))).toBe(false);
    expect(hostAllowed('127.0.0.1:4154', loopbackHosts(4153))).toBe(false);
  });

  it("'loopback' answers its own loopback host:port and refuses a rebound name with 421 and a JSON error", async () => {
    const { app, port } = await serverWith('loopback');
    try {
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`]) {
        const res = await getWithHost(port, '/ping', host);
        expect(res.status).toBe(421);
        expect(JSON.parse(res.body)).toEqual({ error: 'unknown-host' });
      }
      // Refused before routing: an unknown path does not tell a rebound page it is a real server.
      expect((await getWithHost(port, '/nowhere', `evil.example:${port}`)).status).toBe(421);
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        expect(await getWithHost(port, '/ping', host)).toEqual({ status: 200, body: '{"pong":true}' });
      }
    } finally {
      await app.close();
    }
  });

  it('a list answers those names only', async () => {
    const { app, port } = await serverWith(['cases.belediye.gov.tr']);
    try {
      expect((await getWithHost(port, '/ping', 'cases.belediye.gov.tr')).status).toBe(200);
      expect((await getWithHost(port, '/ping', `127.0.0.1:${port}`)).status).toBe(421);
    } finally {
      await app.close();
    }
  });
});
