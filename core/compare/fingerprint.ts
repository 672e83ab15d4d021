import { canonicalJson, sha256 } from '../inventory/canonical';

export { canonicalJson };

/** Lower-case hex sha256 of the UTF-8 text. */
export const sha256Hex = sha256;

/** sha256 of the canonical JSON of a value: the fingerprint of anything structured. */
export function fingerprintOf(value: unknown): string {
  return sha256(canonicalJson(value));
}

/** Locale-independent ordering by UTF-16 code units (same result on every machine). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
