import { compareCodeUnits } from '../compare/fingerprint';
import { normaliseName } from '../compare/subject-identity';
import type { ReferenceKind, ReferenceObject } from '../subjects/references';

const words = (name: string) => new Set(normaliseName(name).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1));

/**
 * The target objects of `kind` a source object may map to, best candidates first: most words shared with
 * the source name, then by name. Deterministic for the same inputs.
 */
export function rankCandidates(objects: readonly ReferenceObject[], kind: ReferenceKind, sourceName: string): ReferenceObject[] {
  const wanted = words(sourceName);
  const score = (o: ReferenceObject) => [...words(o.displayName)].filter((w) => wanted.has(w)).length;
  return objects
    .filter((o) => o.kind === kind)
    .map((o) => ({ o, score: score(o), name: normaliseName(o.displayName) }))
    .sort((a, b) => b.score - a.score || compareCodeUnits(a.name, b.name) || compareCodeUnits(a.o.id, b.o.id))
    .map(({ o }) => o);
}
