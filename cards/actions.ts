import type { CompareSelection } from '../core/compare/model';
import { clip } from './text';
import type { CardVerb, RegistryData, SelectionData, VerbAction } from './verbs';
import type { Availability, PageView } from './view-parts';

export type ActionStyle = 'default' | 'positive' | 'destructive';

/** Template data of one `Action.Execute`: every property set, so no binding is left unresolved. */
export interface ExecuteItem {
  title: string;
  verb: CardVerb;
  payload: object;
  style: ActionStyle;
  enabled: boolean;
}

/** Template data of an action that may be disabled: the action plus the reason text shown next to it. */
export interface GuardedItem extends ExecuteItem {
  /** True when the reason must be shown (the action is disabled). */
  blocked: boolean;
  reason: string;
}

/** Template data of a pager: "Page 2 of 5" and the Previous/Next actions that exist. */
export interface PagingItem {
  show: boolean;
  text: string;
  actions: ExecuteItem[];
}

/** An `Action.Execute` for `action`, enabled, in the given style. */
export function execute(title: string, action: VerbAction, style: ActionStyle = 'default'): ExecuteItem {
  return { title, verb: action.verb, payload: action.data, style, enabled: true };
}

/** An action rendered enabled, or disabled (`isEnabled: false`) with the reason as visible text. */
export function guarded(title: string, action: VerbAction, availability: Availability, style: ActionStyle = 'default'): GuardedItem {
  const item = execute(title, action, style);
  return availability.enabled
    ? { ...item, blocked: false, reason: '' }
    : { ...item, enabled: false, blocked: true, reason: availability.reason };
}

/** Previous/Next actions around `page`; `at(n)` gives the action that opens page n. */
export function paging(page: PageView, at: (page: number) => VerbAction): PagingItem {
  const actions: ExecuteItem[] = [];
  if (page.page > 1) actions.push(execute('Previous', at(page.page - 1)));
  if (page.page < page.pageCount) actions.push(execute('Next', at(page.page + 1)));
  return { show: actions.length > 0, text: `Page ${page.page} of ${page.pageCount}`, actions };
}

/** The selection as card data: ids, types and the assignment flag only. */
export function selectionData(selection: CompareSelection): SelectionData {
  return {
    sourceTenantId: selection.sourceTenantId,
    targetTenantId: selection.targetTenantId,
    types: [...selection.types],
    includeAssignments: selection.includeAssignments,
  };
}

/** Longest registry filter a card carries back; longer filters are cut so per-row actions stay small. */
export const MAX_REGISTRY_FILTER = 100;

/** The registry position as card data, with the filter bounded. */
export function registryData(registry: RegistryData): RegistryData {
  return { filter: clip(registry.filter, MAX_REGISTRY_FILTER), page: registry.page };
}
