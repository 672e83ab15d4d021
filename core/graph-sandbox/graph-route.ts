import { OBJECT_ACTIONS, PROPERTY_ACTIONS, isNavigationProperty } from './graph-shape';

/** What a versionless Graph path addresses in the sandbox. */
export type GraphRoute =
  | { kind: 'collection'; key: string }
  | { kind: 'item'; key: string; id: string }
  | { kind: 'navigation'; key: string; id: string; name: string }
  | { kind: 'navigationItem'; key: string; id: string; name: string; childId: string }
  | { kind: 'action'; key: string; id: string; action: string };

/** Path segments, with the key syntax `configurationPolicies('id')` rewritten to `configurationPolicies/id`. */
function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .flatMap((segment) => {
      const keyed = /^([^(]+)\('?([^')]*)'?\)$/.exec(decodeURIComponent(segment));
      return keyed ? [keyed[1]!, keyed[2]!] : [decodeURIComponent(segment)];
    });
}

/** Resolves a versionless path (`deviceManagement/configurationPolicies/{id}/settings`); undefined when nothing serves it. */
export function resolveRoute(path: string, isCollection: (key: string) => boolean): GraphRoute | undefined {
  const segments = segmentsOf(path);
  for (let length = segments.length; length > 0; length--) {
    const key = segments.slice(0, length).join('/');
    if (!isCollection(key)) continue;
    const [id, name, childId, ...extra] = segments.slice(length);
    if (extra.length > 0) return undefined;
    if (id === undefined) return { kind: 'collection', key };
    if (name === undefined) return { kind: 'item', key, id };
    if (childId === undefined && (Object.hasOwn(OBJECT_ACTIONS, name) || Object.hasOwn(PROPERTY_ACTIONS, name))) return { kind: 'action', key, id, action: name };
    if (!isNavigationProperty(name)) return undefined;
    return childId === undefined ? { kind: 'navigation', key, id, name } : { kind: 'navigationItem', key, id, name, childId };
  }
  return undefined;
}
