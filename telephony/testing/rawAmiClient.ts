import net from 'node:net';
import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';
import { serializeFrame } from '../ami/amiFrame.js';
import { createFrameSplitter } from '../ami/amiFrameSplitter.js';
import { waitFor } from './waitFor.js';

/** A bare AMI connection for protocol tests: everything received, nothing interpreted. */
export interface RawAmiClient {
  readonly frames: AmiFrame[];
  readonly banners: string[];
  readonly closed: boolean;
  send(headers: AmiHeader[]): void;
  waitForFrames(count: number): Promise<AmiFrame[]>;
  waitForClose(): Promise<void>;
  destroy(): void;
}

export async function connectRaw(port: number): Promise<RawAmiClient> {
  const frames: AmiFrame[] = [];
  const banners: string[] = [];
  let closed = false;
  const socket = net.connect(port, '127.0.0.1');
  const splitter = createFrameSplitter(
    (frame) => frames.push(frame),
    () => undefined,
    { onBanner: (banner) => banners.push(banner) },
  );
  socket.on('data', (chunk: Buffer) => splitter.push(chunk));
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    frames,
    banners,
    get closed() {
      return closed;
    },
    send: (headers) => socket.write(serializeFrame(headers)),
    async waitForFrames(count) {
      await waitFor(() => frames.length >= count, 5_000, `${count} frames`);
      return frames.slice(0, count);
    },
    waitForClose: () => waitFor(() => closed, 5_000, 'close'),
    destroy: () => socket.destroy(),
  };
}
