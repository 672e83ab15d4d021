import { normaliseName } from '../compare/subject-identity';
import { InvalidInput } from '../errors';
import { REFERENCE_KIND_LABELS, type ReferenceKind, type ReferenceObject } from '../subjects/references';

/** How an operator names a reference object: by its id (card choices) or by its display name (chat commands). */
export type ReferenceObjectRef = { id: string } | { name: string };

/** Which tenant's inventory was searched, for the answer an operator reads. */
export interface InventoryScope {
  tenantName: string;
}

const quoted = (name: string) => `"${name.slice(0, 120)}"`;

/**
 * The one object of `kind` with that id, or with exactly that display name (normalised as in compare);
 * an unknown id or name, or a name several objects share, is InvalidInput naming the kind and the name:
 * never "first match".
 */
export function findReferenceObject(objects: readonly ReferenceObject[], kind: ReferenceKind, ref: ReferenceObjectRef, scope: InventoryScope): ReferenceObject {
  const ofKind = objects.filter((o) => o.kind === kind);
  const label = REFERENCE_KIND_LABELS[kind].toLowerCase();
  if ('id' in ref) {
    const found = ofKind.find((o) => o.id.toLowerCase() === ref.id.toLowerCase());
    if (!found) {
      throw new InvalidInput(`No ${label} with id ${ref.id.slice(0, 64)} is in the inventory of ${scope.tenantName}. Sync the tenant and try again.`);
    }
    return found;
  }
  const wanted = normaliseName(ref.name);
  const matches = ofKind.filter((o) => normaliseName(o.displayName) === wanted);
  if (matches.length === 0) {
    throw new InvalidInput(
      `No ${label} named ${quoted(ref.name)} is in the inventory of ${scope.tenantName}. Check the name, or sync the tenant if it was created recently.`,
    );
  }
  if (matches.length > 1) {
    throw new InvalidInput(
      `${matches.length} ${label}s in ${scope.tenantName} are named ${quoted(ref.name)}, so the name does not say which one is meant. Rename them, or use Map on the preflight card to choose one.`,
    );
  }
  return matches[0]!;
}
