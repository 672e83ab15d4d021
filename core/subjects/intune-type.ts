import { assignmentReferences, scopeTagReferences, translateAssignments } from './assignment-references';
import { uniqueReferences } from './reference-ids';
import type { ReferenceKind, SubjectReference } from './references';
import { findSecretPaths } from './secrets';
import { stripReadOnly, withoutMembers } from './strip';
import type { GraphJson, GraphRequestSpec, ReferenceTranslator, SubjectType } from './subject-type';
import { translateScopeTags } from './translate';

/** Members every Intune object carries that belong to the tenant it lives in, or that Graph rejects on write. */
export const INTUNE_READ_ONLY_FIELDS: readonly string[] = [
  '@odata.context',
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'version',
  'supportsScopeTags',
  'isAssigned',
  'settingCount',
  'creationSource',
];

/** Reference kinds an Intune policy can point at through scope tags and assignments. */
export const INTUNE_REFERENCE_KINDS: readonly ReferenceKind[] = ['group', 'scopeTag', 'assignmentFilter'];

/** What differs between Intune subject types; everything else follows the common Intune pattern. */
export interface IntuneTypeSpec {
  key: SubjectType['key'];
  label: string;
  collectionPath: string;
  odataTypes: readonly string[];
  kindKey: (raw: GraphJson) => string;
  identityField?: SubjectType['identityField'];
  /** Default `$expand=assignments`. */
  listQuery?: string;
  detailReads?: SubjectType['detailReads'];
  /** Added to INTUNE_READ_ONLY_FIELDS. */
  extraReadOnlyFields?: readonly string[];
  notPromotableReason?: string;
  providedByMicrosoft?: SubjectType['providedByMicrosoft'];
  secretReads?: SubjectType['secretReads'];
  /** Default PATCH. */
  updateMethod?: 'PATCH' | 'PUT';
  /** Request body member of the assign action; default `assignments`. */
  assignBodyKey?: string;
  /** False for objects Intune does not assign (filters): no `$expand=assignments`, no assign call. Default true. */
  assignable?: false;
  referenceKinds?: readonly ReferenceKind[];
  /** References inside the payload beyond scope tags and assignments. */
  payloadReferences?: (raw: GraphJson) => SubjectReference[];
  /** Type-specific rewriting of a write body after the common one (scope tags translated, read-only members gone). */
  adaptWriteBody?: (body: GraphJson, translate: ReferenceTranslator) => GraphJson;
}

/**
 * A registry entry for an Intune object under `/deviceManagement`: POST to create, PATCH (or PUT) to update,
 * `POST /{id}/assign` to assign, references from scope tags and assignment targets, generic secret detection.
 */
export function defineIntuneType(spec: IntuneTypeSpec): SubjectType {
  const readOnlyFields = [...INTUNE_READ_ONLY_FIELDS, ...(spec.extraReadOnlyFields ?? [])];
  const readOnly = new Set(readOnlyFields);
  const objectPath = (id: string) => `${spec.collectionPath}/${encodeURIComponent(id)}`;
  const body = (payload: GraphJson, translate: ReferenceTranslator): GraphJson => {
    const common = translateScopeTags(withoutMembers(stripReadOnly(payload, readOnly) as GraphJson, ['assignments']), translate);
    return spec.adaptWriteBody ? spec.adaptWriteBody(common, translate) : common;
  };
  const refuse = (what: string) => (): never => {
    throw new Error(`${spec.label} cannot be ${what}: ${spec.notPromotableReason}`);
  };
  const promotable = spec.notPromotableReason === undefined;

  return {
    key: spec.key,
    label: spec.label,
    collectionPath: spec.collectionPath,
    identityField: spec.identityField ?? 'displayName',
    odataTypes: spec.odataTypes,
    listQuery: spec.listQuery ?? (spec.assignable === false ? '' : '$expand=assignments'),
    detailReads: spec.detailReads ?? [],
    readOnlyFields,
    referenceKinds: spec.referenceKinds ?? INTUNE_REFERENCE_KINDS,
    ...(promotable ? {} : { notPromotableReason: spec.notPromotableReason }),
    ...(spec.providedByMicrosoft ? { providedByMicrosoft: spec.providedByMicrosoft } : {}),
    ...(spec.secretReads ? { secretReads: spec.secretReads } : {}),
    kindKey: spec.kindKey,
    extractReferences: (raw) =>
      uniqueReferences([...scopeTagReferences(raw), ...assignmentReferences(raw.assignments), ...(spec.payloadReferences?.(raw) ?? [])]),
    findSecrets: (raw) => findSecretPaths(withoutMembers(raw, ['assignments'])),
    createRequests: promotable
      ? (payload, translate): GraphRequestSpec[] => [{ method: 'POST', path: spec.collectionPath, body: body(payload, translate) }]
      : refuse('created'),
    updateRequests: promotable
      ? (targetId, payload, translate): GraphRequestSpec[] => [
          { method: spec.updateMethod ?? 'PATCH', path: objectPath(targetId), body: body(payload, translate) },
        ]
      : refuse('updated'),
    assignRequest: spec.assignable === false
      ? () => undefined
      : promotable
      ? (targetId, assignments, translate): GraphRequestSpec => ({
          method: 'POST',
          path: `${objectPath(targetId)}/assign`,
          body: { [spec.assignBodyKey ?? 'assignments']: translateAssignments(assignments, translate) },
        })
      : refuse('assigned'),
  };
}

/** A kind key that is the same for every subject of the type. */
export const constantKind = (kind: string) => (): string => kind;

/** The object's `@odata.type`, which tells derived types (Windows 10 vs iOS...) apart. */
export const odataTypeKind = (raw: GraphJson): string => (typeof raw['@odata.type'] === 'string' ? raw['@odata.type'] : '');
