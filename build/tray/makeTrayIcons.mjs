// Run with `node build/tray/makeTrayIcons.mjs` after changing build/icon.png.
// Makes the tray icons from build/icon.png (8-bit RGBA, not interlaced): a colour one for Linux and
// Windows, and macOS template images (black + alpha: the ticket's white shape, its dots cut out).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { inflateSync, deflateSync } from 'node:zlib';
import { Buffer } from 'node:buffer';
import { URL } from 'node:url';

const src = readFileSync(new URL('../icon.png', import.meta.url));
let pos = 8,
  width = 0,
  height = 0;
const idat = [];
while (pos < src.length) {
  const len = src.readUInt32BE(pos);
  const type = src.toString('latin1', pos + 4, pos + 8);
  const data = src.subarray(pos + 8, pos + 8 + len);
  if (type === 'IHDR') {
    width = data.readUInt32BE(0);
    height = data.readUInt32BE(4);
    if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error('want 8-bit RGBA non-interlaced');
  }
  if (type === 'IDAT') idat.push(data);
  pos += 12 + len;
}
const raw = inflateSync(Buffer.concat(idat));
const bpp = 4,
  stride = width * bpp;
const px = Buffer.alloc(height * stride);
for (let y = 0; y < height; y++) {
  const f = raw[y * (stride + 1)];
  const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
  for (let x = 0; x < stride; x++) {
    const a = x >= bpp ? px[y * stride + x - bpp] : 0;
    const b = y > 0 ? px[(y - 1) * stride + x] : 0;
    const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp] : 0;
    let v = line[x];
    if (f === 1) v += a;
    else if (f === 2) v += b;
    else if (f === 3) v += (a + b) >> 1;
    else if (f === 4) {
      const p = a + b - c,
        pa = Math.abs(p - a),
        pb = Math.abs(p - b),
        pc = Math.abs(p - c);
      v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    px[y * stride + x] = v & 255;
  }
}
const crc = (buf) => {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
const encode = (w, h, rgba) => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const rows = Buffer.alloc(h * (w * 4 + 1));
  for (let y = 0; y < h; y++) rgba.copy(rows, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};
// Area-average downscale of a region [x0,y0,size] of an RGBA function (premultiplied to keep edges clean).
const scale = (get, x0, y0, size, out) => {
  const res = Buffer.alloc(out * out * 4);
  const k = size / out;
  for (let oy = 0; oy < out; oy++)
    for (let ox = 0; ox < out; ox++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0,
        n = 0;
      for (let y = Math.floor(y0 + oy * k); y < Math.floor(y0 + (oy + 1) * k); y++)
        for (let x = Math.floor(x0 + ox * k); x < Math.floor(x0 + (ox + 1) * k); x++) {
          const [pr, pg, pb, pa] = get(x, y);
          r += pr * pa;
          g += pg * pa;
          b += pb * pa;
          a += pa;
          n++;
        }
      const i = (oy * out + ox) * 4;
      res[i] = a ? Math.round(r / a) : 0;
      res[i + 1] = a ? Math.round(g / a) : 0;
      res[i + 2] = a ? Math.round(b / a) : 0;
      res[i + 3] = Math.round(a / n);
    }
  return res;
};
const colour = (x, y) => {
  const i = y * stride + x * 4;
  return [px[i], px[i + 1], px[i + 2], px[i + 3]];
};
// The ticket: bright pixels. Template images are black; only alpha carries the shape.
const ticket = (x, y) => {
  const [r, g, b, a] = colour(x, y);
  return [0, 0, 0, r + g + b > 600 && a > 128 ? 255 : 0];
};
let minX = width,
  minY = height,
  maxX = 0,
  maxY = 0;
for (let y = 0; y < height; y++)
  for (let x = 0; x < width; x++)
    if (ticket(x, y)[3]) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
const side = Math.round((Math.max(maxX - minX, maxY - minY) + 1) * 1.14);
const cx = (minX + maxX + 1) / 2,
  cy = (minY + maxY + 1) / 2;
const outside = (x, y) => (x < 0 || y < 0 || x >= width || y >= height ? [0, 0, 0, 0] : ticket(x, y));
const dir = new URL('.', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/tray.png`, encode(16, 16, scale(colour, 0, 0, width, 16)));
writeFileSync(`${dir}/tray@2x.png`, encode(32, 32, scale(colour, 0, 0, width, 32)));
for (const [name, size] of [
  ['trayTemplate.png', 16],
  ['trayTemplate@2x.png', 32],
]) {
  writeFileSync(`${dir}/${name}`, encode(size, size, scale(outside, Math.round(cx - side / 2), Math.round(cy - side / 2), side, size)));
}
