import net from 'node:net';
import type { AmiFrame } from '../ami/amiFrame.js';
import { header, serializeFrame } from '../ami/amiFrame.js';
import { createFrameSplitter } from '../ami/amiFrameSplitter.js';

// A hand-driven AMI server for the cases a well-behaved PBX never produces: garbage frames,
// pings left unanswered. It accepts any login.

export interface RawAmiServer {
  readonly port: number;
  readonly connections: number;
  /** Writes raw bytes to every open connection. */
  inject(bytes: string | Buffer): void;
  answerPings: boolean;
  /** Every request received (Login, Ping, …), in order. */
  readonly requests: AmiFrame[];
  close(): Promise<void>;
}

/** Answers an action the server does not know by itself: the bytes to write, or null for nothing. */
export type RawResponder = (request: AmiFrame, actionId: string) => string | null;

export async function startRawAmiServer(respond: RawResponder = () => null): Promise<RawAmiServer> {
  const requests: AmiFrame[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const state = { answerPings: true };
  const reply = (socket: net.Socket, request: AmiFrame, fields: Array<[string, string]>) =>
    socket.write(serializeFrame([['Response', 'Success'], ['ActionID', header(request, 'ActionID') ?? ''], ...fields]));

  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const splitter = createFrameSplitter(
      (request) => {
        requests.push(request);
        const action = header(request, 'Action')?.toLowerCase();
        if (action === 'login') reply(socket, request, [['Message', 'Authentication accepted']]);
        else if (action === 'ping' && state.answerPings) reply(socket, request, [['Ping', 'Pong'], ['Timestamp', '1.0']]);
        else if (action === 'logoff') socket.end(serializeFrame([['Response', 'Goodbye'], ['ActionID', header(request, 'ActionID') ?? '']]));
        else if (action !== 'ping') {
          const bytes = respond(request, header(request, 'ActionID') ?? '');
          if (bytes !== null) socket.write(bytes);
        }
      },
      () => undefined,
    );
    socket.on('data', (chunk: Buffer) => splitter.push(chunk));
    socket.write('Asterisk Call Manager/11.0.0\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get connections() {
      return connections;
    },
    requests,
    get answerPings() {
      return state.answerPings;
    },
    set answerPings(value: boolean) {
      state.answerPings = value;
    },
    inject(bytes) {
      for (const socket of sockets) socket.write(bytes);
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP pass-through that counts connection attempts, to watch a client's reconnect behaviour. */
export async function startCountingProxy(targetPort: number): Promise<{ port: number; readonly attempts: number; close(): Promise<void> }> {
  let attempts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    attempts++;
    const outbound = net.connect(targetPort, '127.0.0.1');
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get attempts() {
      return attempts;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
