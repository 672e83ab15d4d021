import type { CompareSelection } from '../core/compare/model';
import { execute, registryData, selectionData } from './actions';
import { renderCard, type CardAttachment } from './render';
import { directionText } from './tenant-header';
import template from './templates/compare-unavailable.json';
import { clip } from './text';
import type { RegistryData } from './verbs';

/** A tenant of the compare that has no usable snapshot, and why, in plain words. */
export interface UnreadTenantView {
  role: 'Source' | 'Target';
  displayName: string;
  /** Why it could not be read, e.g. "Microsoft Graph did not answer for this tenant (HTTP 503)." */
  why: string;
}

/** A compare that cannot be shown: one or both tenants were never read, so there is nothing true to count. */
export interface CompareUnavailableCardView {
  sourceName: string;
  targetName: string;
  selection: CompareSelection;
  unread: UnreadTenantView[];
  registry?: RegistryData;
}

/** The card that replaces the compare when a side has no snapshot: which tenant, why, and `Sync and try again`. */
export function compareUnavailableCard(view: CompareUnavailableCardView): CardAttachment {
  const selection = selectionData(view.selection);
  const registry = view.registry && registryData(view.registry);
  const names = view.unread.map((u) => clip(u.displayName, 80));
  return renderCard(template, {
    title: `${names.join(' and ')} could not be read`,
    direction: directionText(view.sourceName, view.targetName),
    tenants: view.unread.map((u) => ({ heading: `${u.role}: ${clip(u.displayName, 80)}`, why: clip(u.why, 400) })),
    consequence: 'Nothing is counted and no preflight is offered until both tenants have been read.',
    actions: [
      execute('Sync and try again', { verb: 'compare.refresh', data: { selection, registry } }, 'positive'),
      ...(registry ? [execute('Back to tenants', { verb: 'tenants.back', data: registry })] : []),
    ],
  });
}
