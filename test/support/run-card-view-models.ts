import type { AuditCardView } from '../../cards/audit-card';
import type { RunDetailCardView } from '../../cards/run-detail-card';
import type { RunStatusCardView } from '../../cards/run-status-card';
import type { RunsCardView } from '../../cards/runs-card';
import type { UndoConfirmCardView, UndoPreviewCardView } from '../../cards/undo-card';
import { RunId } from '../../core/ids';
import { productionView, RUN_ID, stagingView } from './card-view-models';

/** Realistic view-models of the run, run history and audit cards; each accepts overrides. */

export function runStatusView(overrides: Partial<RunStatusCardView> = {}): RunStatusCardView {
  return {
    runId: RUN_ID,
    status: 'running',
    sourceName: 'Contoso Staging',
    targetName: 'Contoso Production',
    typesText: 'Settings catalog, Compliance policy',
    includeAssignments: true,
    summary: { total: 5, processed: 2, succeeded: 2, failed: 0, skipped: 0 },
    currentItem: 'Settings catalog · Win11 Baseline',
    ...overrides,
  };
}

export function runDetailView(overrides: Partial<RunDetailCardView> = {}): RunDetailCardView {
  return {
    runId: RUN_ID,
    status: 'partially_succeeded',
    source: { displayName: 'Contoso Staging', portalUrl: stagingView().portalUrl },
    target: { displayName: 'Contoso Production', portalUrl: productionView().portalUrl },
    typesText: 'Settings catalog, Compliance policy',
    includeAssignments: true,
    initiatorName: 'Adele Vance',
    approverName: 'Megan Bowen',
    createdAt: new Date('2025-03-01T09:00:00.123Z'),
    startedAt: new Date('2025-03-01T09:00:05Z'),
    finishedAt: new Date('2025-03-01T09:03:17Z'),
    durationText: '3 min 12 s',
    summary: { total: 3, processed: 3, succeeded: 1, failed: 1, skipped: 1 },
    verified: 1,
    items: [
      { typeLabel: 'Settings catalog', displayName: 'Win11 Baseline', action: 'update', outcome: 'succeeded', targetId: 'tgt-001' },
      { typeLabel: 'Compliance policy', displayName: 'iOS Compliance', action: 'create', outcome: 'failed', reason: 'Graph answered 400: the payload is invalid for this tenant.' },
      { typeLabel: 'Settings catalog', displayName: 'Edge Hardening', action: 'update', outcome: 'skipped', reason: 'Changed in the target since the preflight.', targetId: 'tgt-003' },
    ],
    page: { page: 1, pageCount: 1 },
    excluded: [{ typeLabel: 'Settings catalog', displayName: 'Wi-Fi Corp', why: 'Blocked: secret-bearing payload' }],
    ...overrides,
  };
}

export function runsView(overrides: Partial<RunsCardView> = {}): RunsCardView {
  return {
    rows: [
      {
        runId: RUN_ID,
        status: 'succeeded',
        sourceName: 'Contoso Staging',
        targetName: 'Contoso Production',
        summary: { total: 5, processed: 5, succeeded: 4, failed: 0, skipped: 1 },
        initiatorName: 'Adele Vance',
        approverName: 'Megan Bowen',
        createdAt: new Date('2025-03-01T09:00:00Z'),
        startedAt: new Date('2025-03-01T09:00:05Z'),
        durationText: '3 min 12 s',
      },
      {
        runId: RunId('run-8b21'),
        status: 'queued',
        sourceName: 'Contoso Staging',
        targetName: 'Fabrikam Lab',
        summary: { total: 2, processed: 0, succeeded: 0, failed: 0, skipped: 0 },
        initiatorName: 'Adele Vance',
        approverName: 'Adele Vance',
        createdAt: new Date('2025-03-02T10:00:00Z'),
      },
    ],
    page: { page: 1, pageCount: 1 },
    filter: {},
    filterText: '',
    ...overrides,
  };
}

export function auditView(overrides: Partial<AuditCardView> = {}): AuditCardView {
  return {
    events: [
      { at: new Date('2025-03-01T09:03:17Z'), actorName: 'system', action: 'promotion.execute.completed', summary: 'run-7f3a · 4 succeeded · 1 skipped' },
      { at: new Date('2025-03-01T09:00:00Z'), actorName: 'Megan Bowen', action: 'promotion.execute.started', summary: 'Contoso Staging → Contoso Production · 5 ready' },
    ],
    page: { page: 1, pageCount: 1 },
    ...overrides,
  };
}

export function undoPreviewView(overrides: Partial<UndoPreviewCardView> = {}): UndoPreviewCardView {
  return {
    runId: RUN_ID,
    sourceName: 'Contoso Staging',
    targetName: 'Contoso Production',
    deletes: [{ typeLabel: 'Settings catalog', displayName: 'Win - Defender Antivirus' }],
    restores: [{ typeLabel: 'Device configuration', displayName: 'Win - Device Restrictions' }],
    blocked: [
      {
        typeLabel: 'Feature update profile',
        displayName: 'Win - Windows 11 Feature Update',
        reason: 'Changed in Contoso Production since the run wrote it: description, featureUpdateVersion.',
      },
    ],
    fingerprint: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
    ...overrides,
  };
}

export function undoConfirmView(overrides: Partial<UndoConfirmCardView> = {}): UndoConfirmCardView {
  return {
    requestId: '6f1c2b3a-1d2e-4f50-9a8b-7c6d5e4f3a2b',
    runId: RUN_ID,
    sourceName: 'Contoso Staging',
    targetName: 'Contoso Production',
    deleteCount: 1,
    restoreCount: 1,
    blockedCount: 1,
    requireSecondApprover: true,
    fingerprint: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
    ...overrides,
  };
}
