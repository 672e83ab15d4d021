import { ASSIGNMENTS_PATH, settingDifferences } from '../compare/setting-differences';
import type { SettingDifference } from '../compare/model';
import type { InventorySubject } from '../inventory/model';
import { portableHashesWith, portableTranslator } from '../inventory/portable-hash';
import type { ReferenceObject } from '../subjects/references';
import type { ReferenceTranslator, SubjectType } from '../subjects/subject-type';

/** Whether a promoted subject is in sync with its source, and if not, the settings that differ. */
export interface SyncJudgement {
  inSync: boolean;
  /** Same kind and content, whatever the assignments. */
  contentInSync: boolean;
  /** The same assignments (references through the translation), whatever the content. */
  assignmentsInSync: boolean;
  /** Set when not in sync: what differs, by setting path (the compare's Details rows). */
  differences?: SettingDifference[];
}

/** Most differing settings kept per item: enough to act on, bounded so a run record stays small. */
const MAX_DIFFERENCES = 20;

/**
 * Judges a target subject against its source exactly as the compare does (core/compare/in-sync.ts judgeInSync) (same kind, same content and, when promoted,
 * the same assignments, references compared through the tenant's names), except that each source reference is first
 * mapped to the target object the run resolved it to (`toTarget`: the preflight's resolution, managed mappings
 * included). Without mappings this is the compare's "In sync"; with them it is what the compare says once it applies
 * the same mappings.
 */
export function judgeAsWritten(input: {
  type: SubjectType;
  source: InventorySubject;
  target: InventorySubject;
  /** Source reference → target object id, as the run translated it when writing. */
  toTarget: ReferenceTranslator;
  targetReferences: readonly ReferenceObject[];
  /** The source tenant's reference objects, so differing references are shown by name; ids when absent. */
  sourceReferences?: readonly ReferenceObject[];
  includeAssignments: boolean;
}): SyncJudgement {
  const { type, source, target, includeAssignments } = input;
  const targetToken = portableTranslator(input.targetReferences);
  const inTargetTerms: ReferenceTranslator = (ref) => {
    const id = input.toTarget(ref);
    return id === undefined ? `ref:${ref.kind}:unresolved:${ref.id}` : targetToken({ kind: ref.kind, id });
  };
  const expected = portableHashesWith(type, source, inTargetTerms);
  const sameKind = source.kindKey === target.kindKey;
  const sameContent = expected.contentHash === target.contentHash;
  const assignmentsInSync = expected.assignmentsHash === target.assignmentsHash;
  const sameAssignments = !includeAssignments || assignmentsInSync;
  const flags = { contentInSync: sameKind && sameContent, assignmentsInSync };
  if (sameKind && sameContent && sameAssignments) return { inSync: true, ...flags };
  const rows = sameContent
    ? [{ path: ASSIGNMENTS_PATH, sourceValue: 'as in the source', targetValue: 'different' }]
    : settingDifferences(source, target, { includeAssignments, names: { source: namesOf(input.sourceReferences ?? []), target: namesOf(input.targetReferences) } }).filter((d) => !isReferenceIdRow(d) && (d.path !== ASSIGNMENTS_PATH || !sameAssignments));
  return { inSync: false, ...flags, differences: rows.slice(0, MAX_DIFFERENCES) };
}

/** Scope tag id lists differ between tenants by design; the names were compared above. */
function isReferenceIdRow(difference: SettingDifference): boolean {
  return /(^|\.)roleScopeTagIds(\[|$)/.test(difference.path);
}

const namesOf = (references: readonly ReferenceObject[]) => new Map(references.map((r) => [r.id, r.displayName]));
