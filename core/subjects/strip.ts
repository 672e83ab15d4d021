/** True for OData instance annotations (`x@odata.context`, `@odata.etag`, `#microsoft.graph.assign`) except `@odata.type`. */
export function isODataAnnotation(key: string): boolean {
  return key !== '@odata.type' && (key.includes('@') || key.startsWith('#'));
}

/**
 * A deep copy without the named fields (removed at every depth, so nested ids and timestamps go too)
 * and without OData annotations; `@odata.type` is kept because Graph needs it to write derived types.
 */
export function stripReadOnly(value: unknown, fields: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => stripReadOnly(item, fields));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (fields.has(key) || isODataAnnotation(key)) continue;
    copy[key] = stripReadOnly(member, fields);
  }
  return copy;
}

/** A shallow copy without the given top-level members. */
export function withoutMembers<T extends Record<string, unknown>>(value: T, members: readonly string[]): T {
  const copy: Record<string, unknown> = { ...value };
  for (const member of members) delete copy[member];
  return copy as T;
}
