import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth, so equal values always give equal text.
 * Otherwise as JSON.stringify: undefined members are dropped, undefined array slots become null, Dates become ISO text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort(byCodeUnits)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/** Lower-case hex sha256 of the UTF-8 text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A deep copy whose object keys are inserted in canonical order (arrays keep their order). */
export function withSortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withSortedKeys(item)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort(byCodeUnits)) {
    if (record[key] !== undefined) sorted[key] = withSortedKeys(record[key]);
  }
  return sorted as T;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
