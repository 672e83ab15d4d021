import { canonicalOrder, displayTranslator, mappedTranslator, withTranslatedHashes } from '../inventory/portable-hash';
import type { InventorySubject } from '../inventory/model';
import type { AppliedMapping } from '../mappings/model';
import { assignmentReferences, referencesToResolve } from '../preflight/reference-origins';
import type { ReferenceObject } from '../subjects/references';
import { translateAssignments } from '../subjects/assignment-references';
import { SUBJECT_TYPES } from '../subjects/registry';
import type { GraphJson, ReferenceTranslator, SubjectType } from '../subjects/subject-type';
import { compareCodeUnits } from './fingerprint';
import type { SettingDifference } from './model';
import { settingDifferences } from './setting-differences';

/** One side of a judgement: a subject as the inventory normalises it, and its tenant's reference objects. */
export interface SubjectInTenant {
  /** Normalised with portable hashes (as the inventory and the live reader produce it). */
  subject: InventorySubject;
  /** The reference objects (groups, scope tags, filters, ...) of the tenant the subject was read from. */
  referenceObjects: readonly ReferenceObject[];
}

/** Why a source and a target subject are not in sync; `differences` lists what an operator would look at. */
export interface OutOfSync {
  inSync: false;
  /** Same name but a different kind (platform / profile type): never in sync, whatever the settings. */
  identityConflict: boolean;
  /** True when the settings are equal and only the assignments differ. */
  assignmentsOnly: boolean;
  /** The differing settings (and one `assignments` row when assignments are judged and differ), sorted by path. */
  differences: SettingDifference[];
  mappingsUsed: AppliedMapping[];
}

/** The verdict of {@link judgeInSync}. */
export type InSyncVerdict = { inSync: true; mappingsUsed: AppliedMapping[] } | OutOfSync;

/** The hash-level verdict the compare needs for every pair, without rendering differences. */
export interface HashVerdict {
  inSync: boolean;
  identityConflict: boolean;
  contentEqual: boolean;
  assignmentsEqual: boolean;
  /** The pair's managed mappings the source subject's judged references went through, sorted by kind and source id. */
  mappingsUsed: AppliedMapping[];
}

/**
 * The compare's "in sync" for one source/target subject pair of the same type, given the pair's managed mappings:
 * in sync when both are of the same kind and what a write of the source would send equals the target's, with every
 * reference judged by what it points at: a reference the pair maps (source A → target B) counts as B, any other
 * reference as its object's display name (so "Pilot users" matches "Pilot users" under another id). Assignments are
 * judged only when `includeAssignments`. `mappingsUsed` lists the mappings that judged a reference the source holds
 * (also when the verdict is "not in sync"). Pure. The compare preview (and so the preflight, which excludes In sync
 * rows) and the details card call it; a verification that calls it with the pair's mappings and the subjects as the
 * next inventory would read them gets exactly what the next compare shows.
 */
export function judgeInSync(
  source: SubjectInTenant,
  target: SubjectInTenant,
  mappings: readonly AppliedMapping[],
  opts: { includeAssignments: boolean },
): InSyncVerdict {
  const verdict = judgeHashes(source, target, mappings, opts);
  if (verdict.inSync) return { inSync: true, mappingsUsed: verdict.mappingsUsed };
  const judgeAssignments = opts.includeAssignments && !verdict.assignmentsEqual;
  return {
    inSync: false,
    identityConflict: verdict.identityConflict,
    assignmentsOnly: !verdict.identityConflict && verdict.contentEqual,
    differences: namedDifferences(source, target, mappings, judgeAssignments),
    mappingsUsed: verdict.mappingsUsed,
  };
}

/**
 * The differing settings as an operator reads them: for promotable types over what a write would send, with every
 * reference shown as its object's name (a mapped source reference as its target's name), so same-named or mapped
 * references are not reported as differences; the assignments row only when the judged assignments differ.
 */
function namedDifferences(source: SubjectInTenant, target: SubjectInTenant, mappings: readonly AppliedMapping[], withAssignments: boolean): SettingDifference[] {
  const type = SUBJECT_TYPES[source.subject.type];
  const opts = { includeAssignments: withAssignments };
  if (type.notPromotableReason) return settingDifferences(source.subject, target.subject, opts);
  const named = (side: SubjectInTenant, translate: ReferenceTranslator): InventorySubject => ({
    ...side.subject,
    payload: canonicalOrder(writtenBody(type, side.subject.payload, translate)) as GraphJson,
    assignments: canonicalOrder(translateAssignments(side.subject.assignments, translate)) as GraphJson[],
  });
  return settingDifferences(
    named(source, displayTranslator(source.referenceObjects, target.referenceObjects, mappings)),
    named(target, displayTranslator(target.referenceObjects)),
    opts,
  );
}

/** The body of the subject's own write (the first request), as the portable hash sees it, with what later requests write. */
function writtenBody(type: SubjectType, payload: GraphJson, translate: ReferenceTranslator): GraphJson {
  const body = type.updateRequests('compare', payload, translate)[0]?.body;
  const own = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as GraphJson) : {};
  return type.followUpContent ? { ...own, ...type.followUpContent(payload) } : own;
}

/** {@link judgeInSync} without the differences: what the compare preview computes for every matched pair. */
export function judgeHashes(
  source: SubjectInTenant,
  target: SubjectInTenant,
  mappings: readonly AppliedMapping[],
  opts: { includeAssignments: boolean },
): HashVerdict {
  if (source.subject.type !== target.subject.type) {
    throw new TypeError(`A ${source.subject.type} subject cannot be judged against a ${target.subject.type} subject.`);
  }
  const used = mappingsUsedBy(source.subject, mappings, opts.includeAssignments);
  const s = used.length > 0 ? withMappings(source, target, mappings) : source.subject;
  const t = target.subject;
  const identityConflict = s.kindKey !== t.kindKey;
  const contentEqual = s.contentHash === t.contentHash;
  const assignmentsEqual = !opts.includeAssignments || s.assignmentsHash === t.assignmentsHash;
  return { inSync: !identityConflict && contentEqual && assignmentsEqual, identityConflict, contentEqual, assignmentsEqual, mappingsUsed: used };
}

/** The mappings (first per kind + source id) that judge a reference the subject holds, sorted. */
export function mappingsUsedBy(subject: InventorySubject, mappings: readonly AppliedMapping[], includeAssignments: boolean): AppliedMapping[] {
  if (mappings.length === 0) return [];
  const first = new Map<string, AppliedMapping>();
  for (const m of mappings) if (!first.has(`${m.kind}\u0000${m.sourceId}`)) first.set(`${m.kind}\u0000${m.sourceId}`, m);
  // Cheap test first: most subjects of a large pair reference no mapped object, and need no payload walk.
  const held = [...subject.references, ...assignmentReferences(subject)];
  if (!held.some((ref) => first.has(`${ref.kind}\u0000${ref.id}`))) return [];
  const used = new Map<string, AppliedMapping>();
  for (const ref of referencesToResolve(subject, includeAssignments)) {
    const key = `${ref.kind}\u0000${ref.id}`;
    const mapping = first.get(key);
    if (mapping) used.set(key, mapping);
  }
  return [...used.values()].sort((a, b) => compareCodeUnits(a.kind, b.kind) || compareCodeUnits(a.sourceId, b.sourceId));
}

/**
 * The source subject hashed with its mapped references judged as their targets. Translating with every mapping of
 * the pair is the same as with the used ones (a mapping applies only to a reference the subject holds), which lets
 * a compare share one translator across thousands of subjects.
 */
function withMappings(source: SubjectInTenant, target: SubjectInTenant, mappings: readonly AppliedMapping[]): InventorySubject {
  const type = SUBJECT_TYPES[source.subject.type];
  return withTranslatedHashes(type, source.subject, translatorFor(source.referenceObjects, target.referenceObjects, mappings));
}

type Translator = ReturnType<typeof mappedTranslator>;
const translators = new WeakMap<readonly AppliedMapping[], { source: readonly ReferenceObject[]; target: readonly ReferenceObject[]; translate: Translator }>();

function translatorFor(source: readonly ReferenceObject[], target: readonly ReferenceObject[], mappings: readonly AppliedMapping[]): Translator {
  const cached = translators.get(mappings);
  if (cached && cached.source === source && cached.target === target) return cached.translate;
  const translate = mappedTranslator(source, target, mappings);
  translators.set(mappings, { source, target, translate });
  return translate;
}
