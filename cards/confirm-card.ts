import type { CompareSelection } from '../core/compare/model';
import { execute, guarded, registryData, selectionData } from './actions';
import { assignmentModeText } from './labels';
import { PAUSED_REASON, pauseBanner, type PauseView } from './pause-banner';
import { readyList, type ReadySubjectView } from './ready-list';
import { renderCard, type CardAttachment } from './render';
import { directionText } from './tenant-header';
import template from './templates/confirm.json';
import { clip, countOf } from './text';
import type { RegistryData } from './verbs';

/** What the confirmation names before anything is written. */
export interface ConfirmCardView {
  /** The pending promotion request that `Confirm` and `Cancel` answer. */
  requestId: string;
  sourceName: string;
  targetName: string;
  selection: CompareSelection;
  typesText: string;
  readyCount: number;
  /** The subjects that will be written, in preflight order. */
  ready?: ReadySubjectView[];
  /** Blocked plus manual-mapping subjects. */
  excludedCount: number;
  /** The workspace requires an approver other than the requester. */
  requireSecondApprover: boolean;
  /** Set while promotions are paused: shown as a banner, and the promote action is disabled. */
  pause?: PauseView;
  preflightFingerprint: string;
  /** Set when the flow started in the tenant registry. */
  registry?: RegistryData;
}

/** The confirmation card: source, target, what will and will not be written, the promote action and `Cancel`. */
export function confirmCard(view: ConfirmCardView): CardAttachment {
  const source = clip(view.sourceName, 80);
  const target = clip(view.targetName, 80);
  const data = {
    requestId: view.requestId,
    selection: selectionData(view.selection),
    preflightFingerprint: view.preflightFingerprint,
    registry: view.registry && registryData(view.registry),
  };
  const promote = guarded(
    `Promote ${view.readyCount} to ${target}`,
    { verb: 'promotion.confirm', data },
    view.pause ? { enabled: false, reason: PAUSED_REASON } : { enabled: true },
    // Positive, the host's filled primary button: the destructive style renders pale red with light text in Teams
    // clients and reads as disabled; the warning box above already says what is changed.
    'positive',
  );
  return renderCard(template, {
    direction: directionText(view.sourceName, view.targetName),
    pause: pauseBanner(view.pause),
    facts: [
      { title: 'Source', value: source },
      { title: 'Target', value: target },
      { title: 'Ready to promote', value: String(view.readyCount) },
      { title: 'Excluded (blocked or manual mapping)', value: String(view.excludedCount) },
      { title: 'Types', value: clip(view.typesText, 300) },
      { title: 'Assignments', value: assignmentModeText(view.selection.includeAssignments) },
    ],
    ready: readyList(view.ready ?? [], view.targetName),
    onlyTargetChanged: `Only ${target} is changed. ${source} is read, never written. ${countOf(view.readyCount, 'subject is', 'subjects are')} written.`,
    secondApprover: view.requireSecondApprover,
    promote,
    fingerprintText: `Details: preflight ${view.preflightFingerprint.slice(0, 12)}`,
    actions: [promote, execute('Cancel', { verb: 'promotion.cancel', data })],
  });
}
