/**
 * Draws the app icon (build/icon.png, 512×512 RGBA): a white balance (天平, for fair mediation) on a
 * red rounded square. Pure JS: shapes as coverage functions, 4×4 supersampling for smooth edges, and
 * a minimal PNG encoder over node:zlib. electron-builder derives the Windows .ico and the Linux icon
 * sizes from this file. Run with `npx tsx scripts/make-icon.ts`; the result is committed.
 */

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

type Inside = (x: number, y: number) => boolean;

const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Inside =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
const circle =
  (cx: number, cy: number, r: number): Inside =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** A line segment of the given half-width. */
const segment =
  (ax: number, ay: number, bx: number, by: number, hw: number): Inside =>
  (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= hw * hw;
  };
/** The lower half of a disc: a pan of the balance. */
const bowl =
  (cx: number, cy: number, r: number): Inside =>
  (x, y) =>
    y >= cy && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const any =
  (...shapes: Inside[]): Inside =>
  (x, y) =>
    shapes.some((s) => s(x, y));

export function drawIcon(size = 512): Buffer {
  const k = size / 512;
  const s = (v: number) => v * k;
  const background = roundedRect(s(24), s(24), s(488), s(488), s(100));
  const balance = any(
    circle(s(256), s(112), s(22)),
    roundedRect(s(243), s(112), s(269), s(396), s(6)),
    roundedRect(s(168), s(384), s(344), s(416), s(14)),
    roundedRect(s(100), s(148), s(412), s(170), s(11)),
    segment(s(136), s(166), s(88), s(292), s(5)),
    segment(s(136), s(166), s(184), s(292), s(5)),
    segment(s(376), s(166), s(328), s(292), s(5)),
    segment(s(376), s(166), s(424), s(292), s(5)),
    bowl(s(136), s(290), s(60)),
    bowl(s(376), s(290), s(60)),
  );
  const red = [0xc0, 0x1f, 0x2f];
  const white = [0xff, 0xff, 0xff];
  const n = 4; // supersamples per axis
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = px + (sx + 0.5) / n;
          const y = py + (sy + 0.5) / n;
          if (background(x, y)) {
            bg++;
            if (balance(x, y)) fg++;
          }
        }
      }
      const alpha = bg / (n * n);
      const mix = bg ? fg / bg : 0;
      const o = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(red[c] * (1 - mix) + white[c] * mix);
      rgba[o + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, rgba);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** 8-bit RGBA, no interlace, filter 0 on every row. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const isEntryPoint = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isEntryPoint) {
  const out = path.resolve(import.meta.dirname, '..', 'build', 'icon.png');
  writeFileSync(out, drawIcon(512));
  process.stdout.write(`已生成 ${out}\n`);
}
