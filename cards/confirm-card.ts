import type { CompareSelection } from '../core/compare/model';
import { execute, registryData, selectionData } from './actions';
import { assignmentModeText } from './labels';
import { renderCard, type CardAttachment } from './render';
import { directionText } from './tenant-header';
import template from './templates/confirm.json';
import { clip } from './text';
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
  /** Blocked plus manual-mapping subjects. */
  excludedCount: number;
  /** The workspace requires an approver other than the requester. */
  requireSecondApprover: boolean;
  preflightFingerprint: string;
  /** Set when the flow started in the tenant registry. */
  registry?: RegistryData;
}

/** The confirmation card: source, target, what will and will not be written, `Confirm` and `Cancel`. */
export function confirmCard(view: ConfirmCardView): CardAttachment {
  const source = clip(view.sourceName, 80);
  const target = clip(view.targetName, 80);
  const data = {
    requestId: view.requestId,
    selection: selectionData(view.selection),
    preflightFingerprint: view.preflightFingerprint,
    registry: view.registry && registryData(view.registry),
  };
  return renderCard(template, {
    direction: directionText(view.sourceName, view.targetName),
    facts: [
      { title: 'Source', value: source },
      { title: 'Target', value: target },
      { title: 'Ready to promote', value: String(view.readyCount) },
      { title: 'Excluded (blocked or manual mapping)', value: String(view.excludedCount) },
      { title: 'Types', value: clip(view.typesText, 300) },
      { title: 'Assignments', value: assignmentModeText(view.selection.includeAssignments) },
    ],
    onlyTargetChanged: `Only ${target} is changed. ${source} is read, never written.`,
    secondApprover: view.requireSecondApprover,
    fingerprintText: `Preflight ${view.preflightFingerprint.slice(0, 12)}`,
    actions: [
      execute('Confirm', { verb: 'promotion.confirm', data }, 'destructive'),
      execute('Cancel', { verb: 'promotion.cancel', data }),
    ],
  });
}
