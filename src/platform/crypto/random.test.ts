import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secureRandomBytes } from './random.js';

describe('pooled secure random bytes', () => {
  it('hands out bytes of the asked length that never repeat, across many pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const b = secureRandomBytes(12 + (i % 20));
      assert.equal(b.length, 12 + (i % 20));
      const hex = b.toString('hex');
      assert.ok(!seen.has(hex), 'no value is handed out twice');
      seen.add(hex);
    }
  });

  it('gives every caller its own copy: changing one does not change the next', () => {
    const a = secureRandomBytes(16);
    const copy = Buffer.from(a);
    a.fill(0);
    const b = secureRandomBytes(16);
    assert.notDeepEqual(b, Buffer.alloc(16), 'the next bytes are not the zeros written into the first');
    assert.notDeepEqual(copy, Buffer.alloc(16));
    assert.notEqual(a.buffer === b.buffer && a.byteOffset === b.byteOffset, true);
  });

  it('looks uniform: each bit is set about half the time', () => {
    const bytes = Buffer.concat(Array.from({ length: 2000 }, () => secureRandomBytes(16)));
    let ones = 0;
    for (const byte of bytes) for (let bit = 0; bit < 8; bit++) ones += (byte >> bit) & 1;
    const share = ones / (bytes.length * 8);
    assert.ok(share > 0.49 && share < 0.51, `share of one bits ${share}`);
  });

  it('serves large requests straight from the CSPRNG', () => {
    const big = secureRandomBytes(10_000);
    assert.equal(big.length, 10_000);
    assert.notDeepEqual(big.subarray(0, 5000), big.subarray(5000));
  });
});
