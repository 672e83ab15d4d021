import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../core/compare/fingerprint';

describe('canonical JSON', () => {
  it('writes object keys in sorted order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('keeps array order, since order inside arrays can be meaningful', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops undefined members and writes undefined array slots and dates like JSON does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined], c: new Date('2026-01-01T00:00:00Z') })).toBe(
      '{"b":[null],"c":"2026-01-01T00:00:00.000Z"}',
    );
  });
});

describe('sha256Hex', () => {
  it('gives the standard sha256 digest in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
