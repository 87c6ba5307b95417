// The guard's keyed hash must give exactly the bytes node:crypto's HMAC-SHA256 gives: previous
// names already stored were hashed with createHmac, and a single differing bit would let every
// one of them through.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { hmacSha256Hex } from './index.ts';

/** mulberry32, for strings that are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const reference = (key: Uint8Array, s: string): string => createHmac('sha256', key).update(s, 'utf8').digest('hex');

describe('hmacSha256Hex', () => {
  it('gives createHmac’s digest for names, words and the normal forms the app hashes', () => {
    const key = createHmac('sha256', 'a server secret').update('withme:previous-names:v1').digest();
    const hash = hmacSha256Hex(key);
    for (const s of ['', 'a', 'jordan', 'jordan hale', "o'brien", 'zoe jane', 'zoë', 'jоrdаn', 'ævar', '李 小龙', 'محمد', '🏳️‍⚧️', 'j o r d a n']) {
      assert.equal(hash(s), reference(key, s), JSON.stringify(s));
    }
  });

  it('gives createHmac’s digest across block boundaries and for multi-byte characters', () => {
    const key = randomBytes(32);
    const hash = hmacSha256Hex(key);
    // 55 bytes fit the inner hash's one block, 56 need a second; 119/120 likewise for three
    for (const n of [0, 1, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 121, 127, 128, 129, 500, 5000]) {
      const s = 'x'.repeat(n);
      assert.equal(hash(s), reference(key, s), `length ${n}`);
    }
    const rand = prng(11);
    const alphabet = ['a', 'z', ' ', "'", '-', 'é', 'ß', 'о', 'ж', 'ı', '日', '😀', '\u200d', '\u0301'];
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const length = Math.floor(rand() * 90);
      for (let j = 0; j < length; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
      assert.equal(hash(s), reference(key, s), JSON.stringify(s));
    }
  });

  it('gives createHmac’s digest for keys of any length (longer than a block: hashed first)', () => {
    for (const length of [0, 1, 16, 32, 63, 64, 65, 100, 200]) {
      const key = randomBytes(length);
      const hash = hmacSha256Hex(key);
      for (const s of ['jordan', 'jordan hale', 'y'.repeat(70)]) assert.equal(hash(s), reference(key, s), `key length ${length}`);
    }
  });

  it('keeps giving the same digest, call after call (no state carried between words)', () => {
    const key = randomBytes(32);
    const hash = hmacSha256Hex(key);
    const long = 'w'.repeat(300);
    const first = [hash('jordan'), hash(long), hash('jordan')];
    assert.equal(first[0], first[2]);
    assert.equal(first[1], reference(key, long));
    assert.equal(hash('jordan'), reference(key, 'jordan'));
  });
});
