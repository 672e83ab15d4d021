import type { CompareSelection } from '../core/compare/model';
import type { ReferenceKind } from '../core/subjects/references';
import { execute, guarded, selectionData } from './actions';
import { renderCard, type CardAttachment } from './render';
import template from './templates/mapping.json';
import { bounded, clip } from './text';
import { CARD_INPUT_IDS } from './verbs';
import type { Availability } from './view-parts';

/** Choosing the target object a source reference (group, scope tag, filter...) maps to. */
export interface MappingCardView {
  kind: ReferenceKind;
  /** e.g. "Group". */
  kindLabel: string;
  sourceId: string;
  sourceName: string;
  /** Readable sentence of the gap, e.g. `Group "Pilot users" does not exist in the target tenant.` */
  problemText: string;
  sourceTenantName: string;
  targetTenantName: string;
  /** Subjects waiting on this reference. */
  subjectNames: string[];
  /** Target objects of the same kind, best candidates first. */
  candidates: { id: string; displayName: string }[];
  /** Number of target objects of that kind when `candidates` holds only some. */
  candidateTotal?: number;
  /** The target id already mapped, preselected. */
  currentTargetId?: string;
  selection: CompareSelection;
  compareFingerprint: string;
  preflightFingerprint: string;
  save: Availability;
}

/** Most choices one mapping card offers; Teams filters them as the user types. */
export const MAX_CANDIDATES = 100;
const MAX_SUBJECT_NAMES = 5;

function candidatesNote(view: MappingCardView, shown: number, truncated: boolean): string {
  const kind = view.kindLabel.toLowerCase();
  if (shown === 0) return `No ${kind} exists in ${clip(view.targetTenantName, 60)} to map to; create it there first.`;
  return truncated ? `Showing ${shown} of ${view.candidateTotal ?? view.candidates.length}; if yours is not listed, rename it or create it in the target first.` : '';
}

/** The mapping card: the source object, a searchable list of target objects, `Save mapping`. */
export function mappingCard(view: MappingCardView): CardAttachment {
  const selection = selectionData(view.selection);
  const candidates = bounded(view.candidates, MAX_CANDIDATES, view.candidateTotal);
  const names = bounded(view.subjectNames, MAX_SUBJECT_NAMES);
  const kind = clip(view.kindLabel, 40);
  return renderCard(template, {
    title: `Map ${kind.toLowerCase()} "${clip(view.sourceName, 80)}"`,
    problem: clip(view.problemText, 300),
    facts: [
      { title: 'Kind', value: kind },
      { title: `In ${clip(view.sourceTenantName, 60)}`, value: `${clip(view.sourceName, 80)} (${clip(view.sourceId, 80)})` },
      { title: 'Map to', value: `${kind} in ${clip(view.targetTenantName, 60)}` },
    ],
    usedBy: names.shown.length > 0 ? `Used by ${names.shown.map((n) => clip(n, 60)).join(', ')}${names.more ? ` and ${names.more.slice(1)}` : ''}` : '',
    hasCandidates: candidates.shown.length > 0,
    inputId: CARD_INPUT_IDS.mappingTarget,
    inputLabel: `Target ${kind.toLowerCase()}`,
    currentTargetId: view.currentTargetId ?? '',
    candidates: candidates.shown.map((c) => ({ title: clip(c.displayName, 80), value: c.id })),
    candidatesNote: candidatesNote(view, candidates.shown.length, candidates.more !== undefined),
    save: guarded(
      'Save mapping',
      { verb: 'mapping.save', data: { selection, compareFingerprint: view.compareFingerprint, preflightFingerprint: view.preflightFingerprint, kind: view.kind, sourceId: view.sourceId } },
      view.save,
      'positive',
    ),
    back: execute('Back to preflight', { verb: 'preflight.generate', data: { selection, compareFingerprint: view.compareFingerprint } }),
  });
}
