// Draws the toolbar icon (a white gate on a blue rounded square) as PNGs, so no binary files live in the repository.
import { crc32, deflateSync } from 'node:zlib';

/**
 * @param {number} size
 * @returns {Buffer}
 */
export function iconPng(size) {
  const rows = [];
  const radius = size * 0.22;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size, radius);
      row.set([r, g, b, a], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * @param {number} x
 * @param {number} y
 * @param {number} s
 * @param {number} radius
 * @returns {[number, number, number, number]}
 */
function pixel(x, y, s, radius) {
  const dx = Math.max(radius - x, 0, x - (s - radius));
  const dy = Math.max(radius - y, 0, y - (s - radius));
  if (dx * dx + dy * dy > radius * radius) return [0, 0, 0, 0];
  const u = x / s;
  const v = y / s;
  const post = (u > 0.2 && u < 0.32) || (u > 0.68 && u < 0.8);
  const rail = (v > 0.34 && v < 0.44) || (v > 0.58 && v < 0.68);
  const white = (post && v > 0.18 && v < 0.84) || (rail && u > 0.2 && u < 0.8);
  return white ? [255, 255, 255, 255] : [26, 86, 219, 255];
}

/**
 * @param {string} type
 * @param {Buffer} data
 */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
