// HMAC-SHA256 (RFC 2104, FIPS 180-4) of short strings under one key, as hex: the keyed hash the
// app stores previous names as and the guard computes for every distinct word of a text. The
// same bytes as node:crypto's createHmac('sha256', key).update(s, 'utf8').digest('hex') (tested
// against it), but the key's two padded blocks are compressed once, when the hasher is made,
// so a word of up to 55 bytes costs two compressions instead of four, and no native Hmac
// object is made per word: a 1,000-word letter needs 400-500 of these, and createHmac took
// about 1.6 µs each (this about 0.65 µs).

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const W = new Int32Array(64);

/** One SHA-256 compression of the 16 words of `m` from `off` into the state `h`. */
function compress(h: Int32Array, m: Int32Array, off: number): void {
  for (let t = 0; t < 16; t++) W[t] = m[off + t]!;
  for (let t = 16; t < 64; t++) {
    const x = W[t - 15]!;
    const y = W[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + k) | 0;
}

/** The state after compressing the key, padded to a block and XORed with `pad`. */
function keyBlockState(key: Uint8Array, pad: number): Int32Array {
  const block = new Uint8Array(64).fill(pad);
  for (let i = 0; i < key.length; i++) block[i]! ^= key[i]!;
  const m = new Int32Array(16);
  for (let i = 0; i < 16; i++) m[i] = (block[4 * i]! << 24) | (block[4 * i + 1]! << 16) | (block[4 * i + 2]! << 8) | block[4 * i + 3]!;
  const h = IV.slice();
  compress(h, m, 0);
  return h;
}

/**
 * A function computing HMAC-SHA256 of a string's UTF-8 bytes under `key`, as lower-case hex.
 * Keys longer than a block are first hashed, as RFC 2104 says (the app's key is 32 bytes).
 * Not re-entrant across threads; within one JS thread each call finishes before the next.
 */
export function hmacSha256Hex(key: Uint8Array): (s: string) => string {
  if (key.length > 64) key = sha256(key);
  const inner = keyBlockState(key, 0x36);
  const outer = keyBlockState(key, 0x5c);
  const h = new Int32Array(8);
  const o = new Int32Array(16);
  const out = Buffer.alloc(32);
  let bytes = Buffer.alloc(256);
  let m = new Int32Array(64);
  return (s: string): string => {
    if (s.length * 3 + 72 > bytes.length) {
      bytes = Buffer.alloc(s.length * 3 + 72);
      m = new Int32Array(bytes.length >> 2);
    }
    const n = bytes.write(s, 0, 'utf8');
    // the message after the key block: its bytes, 0x80, zeros, the bit length of key block +
    // message as 64 bits
    bytes[n] = 0x80;
    let end = n + 1;
    while ((end & 63) !== 56) bytes[end++] = 0;
    const bits = (64 + n) * 8;
    bytes.writeUInt32BE(Math.floor(bits / 4294967296), end);
    bytes.writeUInt32BE(bits >>> 0, end + 4);
    end += 8;
    for (let i = 0, p = 0; p < end; i++, p += 4) m[i] = (bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
    h.set(inner);
    for (let off = 0; off < end >> 2; off += 16) compress(h, m, off);
    // the outer hash: key block, then the 32-byte inner digest in one padded block
    for (let i = 0; i < 8; i++) o[i] = h[i]!;
    o[8] = 0x80000000 | 0;
    o.fill(0, 9, 15);
    o[15] = (64 + 32) * 8;
    h.set(outer);
    compress(h, o, 0);
    for (let i = 0; i < 8; i++) out.writeInt32BE(h[i]!, i * 4);
    return out.toString('hex');
  };
}

/** Plain SHA-256 of bytes (for keys longer than a block). */
function sha256(data: Uint8Array): Uint8Array {
  const padded = new Uint8Array((((data.length + 8) >> 6) + 1) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = data.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 4294967296));
  view.setUint32(padded.length - 4, bits >>> 0);
  const m = new Int32Array(padded.length >> 2);
  for (let i = 0; i < m.length; i++) m[i] = view.getInt32(i * 4);
  const h = IV.slice();
  for (let off = 0; off < m.length; off += 16) compress(h, m, off);
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setInt32(i * 4, h[i]!);
  return out;
}
