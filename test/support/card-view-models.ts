import type { CompareCardView } from '../../cards/compare-card';
import type { ConfirmCardView } from '../../cards/confirm-card';
import type { HelpCardView } from '../../cards/help-card';
import type { MappingCardView } from '../../cards/mapping-card';
import type { MappingsCardView } from '../../cards/mappings-card';
import type { MessageCardView } from '../../cards/message-card';
import type { PreflightCardView } from '../../cards/preflight-card';
import type { SubjectDetailsCardView } from '../../cards/subject-details-card';
import type { TenantsCardView } from '../../cards/tenants-card';
import type { TenantView } from '../../cards/view-parts';
import { RunId, TenantId } from '../../core/ids';
import type { WatchesCardView, WatchRowView } from '../../cards/watches-card';

/** Realistic card view-models (Contoso staging → production); each accepts overrides. */

export const STAGING_ID = TenantId('22222222-2222-4222-8222-222222222222');
export const PRODUCTION_ID = TenantId('11111111-1111-4111-8111-111111111111');

/** `n` copies of `make(i)`, for maximal view-models. */
export const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/** A name as long as Graph allows display names to be, to prove cards clip rather than grow. */
export const longName = (i: number) => `Policy ${i} ${'with a very long display name '.repeat(12)}`;

export function stagingView(overrides: Partial<TenantView> = {}): TenantView {
  return {
    id: STAGING_ID,
    displayName: 'Contoso Staging',
    environment: 'staging',
    freshnessText: 'observed 12 min ago',
    stale: false,
    portalUrl: `https://intune.microsoft.com/${STAGING_ID}`,
    ...overrides,
  };
}

export function productionView(overrides: Partial<TenantView> = {}): TenantView {
  return {
    id: PRODUCTION_ID,
    displayName: 'Contoso Production',
    environment: 'production',
    freshnessText: 'observed 2 h ago',
    stale: false,
    portalUrl: `https://intune.microsoft.com/${PRODUCTION_ID}`,
    ...overrides,
  };
}

export function helpView(): HelpCardView {
  return {
    commands: [
      { usage: 'compare <source> to <target> [types <type,...>] [without assignments]', description: 'Compare two tenants and see what a promotion would change.' },
      { usage: 'tenants [filter]', description: 'List the tenants you can see, with snapshot freshness and the last run.' },
      { usage: 'runs [for <tenant>] [status <status>] [page <n>]', description: 'Recent promotion runs.' },
      { usage: 'run <id>', description: 'One run in detail.' },
    ],
  };
}

export function tenantsView(overrides: Partial<TenantsCardView> = {}): TenantsCardView {
  return {
    filter: 'contoso',
    rows: [
      { id: STAGING_ID, displayName: 'Contoso Staging', environment: 'staging', freshnessText: 'observed 12 min ago', stale: false, lastRunText: 'No runs yet' },
      {
        id: PRODUCTION_ID,
        displayName: 'Contoso Production',
        environment: 'production',
        freshnessText: 'stale: Graph unavailable',
        stale: true,
        lastRunText: 'Last run: succeeded 3 d ago',
      },
    ],
    page: { page: 1, pageCount: 1 },
    totalCount: 2,
    sources: [
      { id: STAGING_ID, displayName: 'Contoso Staging' },
      { id: PRODUCTION_ID, displayName: 'Contoso Production' },
    ],
    compare: { enabled: true },
    ...overrides,
  };
}

export function compareView(overrides: Partial<CompareCardView> = {}): CompareCardView {
  return {
    source: stagingView(),
    target: productionView(),
    selection: { sourceTenantId: STAGING_ID, targetTenantId: PRODUCTION_ID, types: ['settingsCatalog', 'compliancePolicy'], includeAssignments: true },
    typesText: 'Settings catalog, Compliance policy',
    counts: { in_sync: 14, different: 3, missing_in_target: 5, only_in_target: 2, ambiguous: 1 },
    rows: [
      { type: 'settingsCatalog', typeLabel: 'Settings catalog', displayName: 'Win11 Baseline', state: 'different', differenceCount: 4 },
      { type: 'compliancePolicy', typeLabel: 'Compliance policy', displayName: 'iOS Compliance', state: 'missing_in_target', differenceCount: 0 },
      { type: 'settingsCatalog', typeLabel: 'Settings catalog', displayName: 'Edge Hardening', state: 'ambiguous', differenceCount: 0 },
    ],
    page: { page: 1, pageCount: 1 },
    fingerprint: 'a3f1c2d4e5b6978812345678',
    preflight: { enabled: true },
    exportUrl: 'https://bot.example.com/export/abc?sig=xyz',
    ...overrides,
  };
}

export function subjectDetailsView(overrides: Partial<SubjectDetailsCardView> = {}): SubjectDetailsCardView {
  return {
    typeLabel: 'Settings catalog',
    displayName: 'Win11 Baseline',
    state: 'different',
    sourceName: 'Contoso Staging',
    targetName: 'Contoso Production',
    differences: [
      { path: 'passwordMinimumLength', sourceValue: '14', targetValue: '8' },
      { path: 'settings[defender_cloudprotection].value', sourceValue: 'enabled', targetValue: undefined },
      { path: 'description', sourceValue: undefined, targetValue: 'Legacy baseline' },
    ],
    assignmentsDiffer: false,
    selection: compareView().selection,
    comparePage: 2,
    ...overrides,
  };
}

export function preflightView(overrides: Partial<PreflightCardView> = {}): PreflightCardView {
  return {
    source: stagingView(),
    target: productionView(),
    selection: compareView().selection,
    typesText: 'Settings catalog, Compliance policy',
    counts: { ready: 5, blocked: 2, manualMapping: 1, inSync: 14, onlyInTarget: 2 },
    blocked: [
      { text: 'Several subjects in the target tenant share this name, so it is unclear which one to update.', count: 1, examples: ['Edge Hardening'] },
      { text: 'The subject holds secret values that Microsoft Graph does not return.', count: 1, examples: ['Wi-Fi Corp'] },
    ],
    gaps: [{ kind: 'group', sourceId: 'grp-pilot', text: 'Group "Pilot users" does not exist in the target tenant.', subjectCount: 1 }],
    canMap: true,
    excluded: [
      { typeLabel: 'Compliance policy', displayName: 'Legacy Android', why: 'Only in target: never touched' },
      { typeLabel: 'Settings catalog', displayName: 'Edge Hardening', why: 'Ambiguous: duplicate names in the source' },
    ],
    execute: { enabled: true },
    exportUrl: 'https://bot.example.com/export/def?sig=xyz',
    compareFingerprint: 'a3f1c2d4e5b6978812345678',
    fingerprint: 'ffee11223344556677889900',
    ...overrides,
  };
}

export function confirmView(overrides: Partial<ConfirmCardView> = {}): ConfirmCardView {
  return {
    requestId: '6f1c9a52-3d0e-4b7a-9c1e-2a4b5c6d7e8f',
    sourceName: 'Contoso Staging',
    targetName: 'Contoso Production',
    selection: compareView().selection,
    typesText: 'Settings catalog, Compliance policy',
    readyCount: 5,
    excludedCount: 3,
    requireSecondApprover: false,
    preflightFingerprint: 'ffee11223344556677889900',
    ...overrides,
  };
}

/** Id of the run the run cards show. */
export const RUN_ID = RunId('run-7f3a');

export function messageView(overrides: Partial<MessageCardView> = {}): MessageCardView {
  return {
    title: 'Target busy',
    text: 'Another promotion is running on Contoso Production.',
    tone: 'warning',
    actions: [{ title: 'Open run', verb: 'run.open', data: { runId: RUN_ID, page: 1 } }],
    ...overrides,
  };
}

export function mappingView(overrides: Partial<MappingCardView> = {}): MappingCardView {
  return {
    kind: 'group',
    kindLabel: 'Group',
    sourceId: 'grp-pilot',
    sourceName: 'Pilot users',
    problemText: 'Group "Pilot users" does not exist in the target tenant.',
    sourceTenantName: 'Contoso Staging',
    targetTenantName: 'Contoso Production',
    subjectNames: ['Win11 Baseline', 'Edge Hardening'],
    candidates: [
      { id: 'tgt-grp-1', displayName: 'Pilot Users (Prod)' },
      { id: 'tgt-grp-2', displayName: 'All Pilot Devices' },
    ],
    selection: compareView().selection,
    compareFingerprint: 'a3f1c2d4e5b6978812345678',
    preflightFingerprint: 'ffee11223344556677889900',
    save: { enabled: true },
    ...overrides,
  };
}

export function mappingsView(overrides: Partial<MappingsCardView> = {}): MappingsCardView {
  return {
    sourceName: 'Contoso Staging',
    targetName: 'Contoso Production',
    rows: [
      { kindLabel: 'Group', sourceName: 'Finance Laptops', targetName: 'Intune - All Corporate Devices', createdByName: 'Demo Operator', createdAt: new Date('2026-04-27T08:30:00Z'), targetMissing: false },
      { kindLabel: 'Scope tag', sourceName: 'Retail Stores', targetName: 'Retail', createdByName: 'Demo Approver', createdAt: new Date('2026-04-26T16:00:00Z'), targetMissing: true },
    ],
    ...overrides,
  };
}

/** One daily watch of Staging → Production, last checked with 9 differences posted. */
export function watchRowView(overrides: Partial<WatchRowView> = {}): WatchRowView {
  return {
    watchId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    sourceName: 'Contoso Staging',
    targetName: 'Contoso Production',
    typesText: 'All types',
    includeAssignments: true,
    intervalHours: 24,
    whereText: 'this conversation',
    createdByName: 'Demo Operator',
    lastCheck: { outcome: 'compared', at: new Date('2026-04-27T09:00:00Z'), differences: 9, posted: true },
    ...overrides,
  };
}

/** The `watches` card with one watch on one page. */
export function watchesView(overrides: Partial<WatchesCardView> = {}): WatchesCardView {
  return { title: 'Drift watches', intro: 'Watches of tenants you can see.', rows: [watchRowView()], page: { page: 1, pageCount: 1 }, ...overrides };
}
