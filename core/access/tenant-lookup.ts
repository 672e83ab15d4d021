import type { Tenant } from './model';

/** Result of looking a tenant up by the name an operator typed. */
export type TenantLookup = { kind: 'found'; tenant: Tenant } | { kind: 'not_found'; suggestions: string[] };

const normalise = (s: string) => s.trim().replace(/^["'“”‘’]+|["'“”‘’]+$/g, '').replace(/\s+/g, ' ').toLowerCase();

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * Finds a tenant by display name (case-insensitive, quotes optional) among the tenants the actor may see.
 * Only visible tenants are searched and suggested, so an invisible tenant answers exactly like a missing one.
 */
export function lookupTenant(visible: readonly Tenant[], typed: string): TenantLookup {
  const wanted = normalise(typed);
  const exact = visible.find((t) => normalise(t.displayName) === wanted || t.id.toLowerCase() === wanted);
  if (exact) return { kind: 'found', tenant: exact };
  const threshold = Math.max(2, Math.floor(wanted.length / 4));
  const suggestions = visible
    .map((t) => ({ name: t.displayName, distance: editDistance(normalise(t.displayName), wanted) }))
    .filter((s) => s.distance <= threshold || normalise(s.name).includes(wanted) && wanted.length >= 3)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((s) => s.name);
  return { kind: 'not_found', suggestions };
}
