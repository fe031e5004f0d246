import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_COLOURS, trayIconPng } from './trayIcons.js';

/** The RGBA of pixel (x, y) of a PNG written by trayIconPng (no filters, one IDAT). */
function pixel(png: Buffer, size: number, x: number, y: number): number[] {
  const idat = png.indexOf('IDAT');
  const length = png.readUInt32BE(idat - 4);
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + length));
  const at = y * (1 + size * 4) + 1 + x * 4;
  return [...raw.subarray(at, at + 4)];
}

describe('tray icons', () => {
  it('are PNGs of the right size, a disc of the state’s colour on a transparent square', () => {
    const png = trayIconPng('paused', 32);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([32, 32]);
    expect(pixel(png, 32, 16, 16)).toEqual([...TRAY_COLOURS.paused, 255]);
    expect(pixel(png, 32, 0, 0)[3]).toBe(0);
  });

  it('differ by state', () => {
    expect(trayIconPng('ready').equals(trayIconPng('pbx-down'))).toBe(false);
  });
});
