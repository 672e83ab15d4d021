import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256, withSortedKeys } from '../../../core/inventory/canonical';

describe('canonical JSON', () => {
  it('writes equal objects identically whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
    expect(canonicalJson({ z: 1, a: 2 })).toBe(canonicalJson({ a: 2, z: 1 }));
  });

  it('keeps array order, drops undefined members and writes dates as ISO text', () => {
    expect(canonicalJson([3, 1, undefined])).toBe('[3,1,null]');
    expect(canonicalJson({ a: undefined, b: new Date('2026-01-02T03:04:05Z') })).toBe('{"b":"2026-01-02T03:04:05.000Z"}');
  });

  it('hashes with lower-case hex sha256', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('orders keys of a copy at every depth without touching the original', () => {
    const original = { b: { d: 1, c: 2 }, a: [{ f: 1, e: 2 }] };
    const sorted = withSortedKeys(original);
    expect(JSON.stringify(sorted)).toBe('{"a":[{"e":2,"f":1}],"b":{"c":2,"d":1}}');
    expect(Object.keys(original)).toEqual(['b', 'a']);
  });
});
