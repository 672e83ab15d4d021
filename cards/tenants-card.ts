import type { TenantId } from '../core/ids';
import { guarded, paging, registryData } from './actions';
import { renderCard, type CardAttachment } from './render';
import template from './templates/tenants.json';
import { bounded, clip, countOf } from './text';
import { CARD_INPUT_IDS } from './verbs';
import type { Availability, PageView } from './view-parts';

/** One registry row: a tenant the actor may see. */
export interface TenantRowView {
  id: TenantId;
  displayName: string;
  environment: string;
  /** e.g. "observed 2 h ago" or "stale: Graph unavailable". */
  freshnessText: string;
  stale: boolean;
  /** e.g. "Last run: succeeded 3 d ago" or "No runs yet". */
  lastRunText: string;
  /** Sandbox tenants loaded from an export: how many of its files were not used; absent when all were. */
  unusedFilesText?: string;
}

/** The tenant registry card: the current page of visible tenants and what Compare may offer. */
export interface TenantsCardView {
  /** The filter as typed; empty for all tenants. */
  filter: string;
  rows: TenantRowView[];
  page: PageView;
  /** Number of tenants matching the filter, over all pages. */
  totalCount: number;
  /** Tenants the actor may choose as the source of a compare. */
  sources: { id: TenantId; displayName: string }[];
  /** Whether Compare is offered, or why not (e.g. fewer than two visible tenants). */
  compare: Availability;
}

/** Most tenants one registry card lists; the rest are reached by paging. */
export const MAX_TENANT_ROWS = 10;
const MAX_SOURCES = 50;

const emptyText = (filter: string) => (filter ? `No tenant matches "${clip(filter, 60)}".` : 'No tenants are visible to you yet.');

/** The tenant registry: rows with freshness and last run, one shared source list and a Compare per row. */
export function tenantsCard(view: TenantsCardView): CardAttachment {
  const registry = registryData({ filter: view.filter, page: view.page.page });
  const sources = bounded(view.sources, MAX_SOURCES);
  const count = countOf(view.totalCount, 'tenant', 'tenants');
  return renderCard(template, {
    filterText: view.filter ? `${count} matching "${clip(view.filter, 60)}"` : `${count} you can see`,
    showSources: view.compare.enabled && sources.shown.length > 0,
    sourceInputId: CARD_INPUT_IDS.compareSource,
    sources: sources.shown.map((s) => ({ title: clip(s.displayName, 60), value: s.id })),
    sourcesMore: sources.more ? `${sources.more} tenants are not listed here; for those, type "compare <source> to <target>".` : '',
    compareBlocked: !view.compare.enabled,
    compareReason: view.compare.enabled ? '' : `Compare is unavailable: ${view.compare.reason}`,
    emptyText: view.rows.length === 0 ? emptyText(view.filter) : '',
    rows: view.rows.slice(0, MAX_TENANT_ROWS).map((row) => ({
      name: clip(row.displayName, 80),
      environment: row.unusedFilesText ? `${clip(row.environment, 40)} · ${clip(row.unusedFilesText, 100)}` : clip(row.environment, 40),
      freshness: clip(row.freshnessText, 80),
      freshnessColor: row.stale ? 'warning' : 'default',
      lastRun: clip(row.lastRunText, 80),
      compare: guarded('Compare', { verb: 'tenants.compare', data: { targetTenantId: row.id, registry } }, view.compare),
    })),
    paging: paging(view.page, (page) => ({ verb: 'tenants.page', data: { ...registry, page } })),
  });
}

