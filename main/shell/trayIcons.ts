/**
 * The tray's icons, one colour per state, drawn here as PNG: no image files to package and keep
 * beside the asar, and the colours are the queue panel's (ready green, call blue, paused amber).
 */
import { crc32, deflateSync } from 'node:zlib';
import type { TrayState } from '../host/trayModel.js';

export const TRAY_ICON_SIZE = 32;

export const TRAY_COLOURS: Readonly<Record<TrayState, readonly [number, number, number]>> = {
  ready: [46, 125, 50],
  call: [21, 101, 192],
  paused: [249, 168, 37],
  offline: [117, 117, 117],
  'pbx-down': [198, 40, 40],
};

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A filled disc with a white rim on a transparent square, as RGBA PNG. */
export function trayIconPng(state: TrayState, size = TRAY_ICON_SIZE): Buffer {
  const [r, g, b] = TRAY_COLOURS[state];
  const rows: Buffer[] = [];
  const centre = (size - 1) / 2;
  const outer = size / 2 - 0.5;
  for (let y = 0; y < size; y++) {
    // Each scanline starts with its filter type (0: none).
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      if (distance > outer) continue;
      const rim = distance > outer - size / 16;
      row.set(rim ? [255, 255, 255, 255] : [r, g, b, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
