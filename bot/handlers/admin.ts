import { z } from 'zod';
import { auditCard, MAX_AUDIT_ROWS } from '../../cards/audit-card';
import { messageCard } from '../../cards/message-card';
import type { CardAttachment } from '../../cards/render';
import { MAX_ITEM_ROWS, runDetailCard } from '../../cards/run-detail-card';
import { MAX_RUN_ROWS, runsCard } from '../../cards/runs-card';
import type { CardVerb } from '../../cards/verbs';
import type { AuditEvent } from '../../core/audit/model';
import { RunId, type TenantId } from '../../core/ids';
import { RUN_STATUSES, type RunStatus } from '../../core/runs/model';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import { pausePromotions, promotionControl, resumePromotions } from '../../core/workflows/operational-controls';
import { listAudit, listRuns, resolveRunId, runDetail, syncTenant } from '../../core/workflows/admin-queries';
import type { Command } from '../commands/grammar';
import type { BotRequest } from '../turn';
import { RUN_STATUS_LABELS } from '../../cards/labels';
import { shortRunId } from '../../cards/text';
import { capabilityWords } from '../../core/access/policy';
import { REFERENCE_KIND_LABELS, type ReferenceKind } from '../../core/subjects/references';
import { ago, intunePortalUrl, readFailureText } from '../views/tenant-view';
import { PageData, parseActionData, TenantIdData } from './action-data';
import { typesText } from './compare';
import { tenantNamed } from './tenant-named';
import { mayOfferUndo } from './undo';

type Handler<N extends Command['name']> = (req: BotRequest, command: Extract<Command, { name: N }>) => Promise<CardAttachment>;

/** Display names of the workspace's members by actor id; unknown ids show as themselves. */
export async function memberNames(req: BotRequest): Promise<(id: string) => string> {
  const members = await req.deps.directory.listMembers(req.ctx.workspace.id);
  const names = new Map(members.map((m) => [String(m.actorId), m.displayName]));
  return (id) => names.get(id) ?? (id === 'system' ? 'TenantAtlas' : id);
}

function duration(from?: Date, to?: Date): string | undefined {
  if (!from || !to) return undefined;
  const seconds = Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

async function runsAnswer(req: BotRequest, filter: { tenantId?: TenantId; status?: RunStatus }, page: number): Promise<CardAttachment> {
  const { runs, total } = await listRuns(req.deps, req.ctx, { ...filter, offset: (page - 1) * MAX_RUN_ROWS, limit: MAX_RUN_ROWS });
  const [name, control] = await Promise.all([memberNames(req), promotionControl(req.deps, req.ctx)]);
  const tenantName = (id: string) => req.ctx.visibleTenants.find((t) => t.id === id)?.displayName ?? id;
  const filterText = [filter.tenantId ? `for ${tenantName(filter.tenantId)}` : '', filter.status ? `status ${filter.status}` : ''].filter(Boolean).join(' · ');
  return runsCard({
    rows: runs.map((r) => ({
      runId: r.id,
      status: r.status,
      sourceName: tenantName(r.sourceTenantId),
      targetName: tenantName(r.targetTenantId),
      summary: r.summary,
      initiatorName: name(r.initiatorId),
      approverName: name(r.approverId),
      createdAt: r.createdAt,
      ...(r.undoes ? { undo: true } : {}),
      ...(r.startedAt ? { startedAt: r.startedAt } : {}),
      ...(duration(r.startedAt, r.finishedAt) ? { durationText: duration(r.startedAt, r.finishedAt)! } : {}),
    })),
    page: { page, pageCount: Math.max(1, Math.ceil(total / MAX_RUN_ROWS)) },
    filter: { ...(filter.tenantId ? { tenantId: filter.tenantId } : {}), ...(filter.status ? { status: filter.status } : {}) },
    filterText,
    ...(control?.paused ? { pause: { byName: name(control.changedBy), reason: control.reason, since: control.changedAt } } : {}),
  });
}

async function runAnswer(req: BotRequest, runId: string, page: number): Promise<CardAttachment> {
  const { run, items, totalItems, source, target, undo } = await runDetail(req.deps, req.ctx, RunId(runId), { offset: (page - 1) * MAX_ITEM_ROWS, limit: MAX_ITEM_ROWS });
  const name = await memberNames(req);
  return runDetailCard({
    runId: run.id,
    status: run.status,
    ...(run.failureReason ? { failureReason: run.failureReason } : {}),
    ...(run.retry ? { retry: run.retry } : {}),
    source: { displayName: source.displayName, portalUrl: intunePortalUrl(source) },
    target: { displayName: target.displayName, portalUrl: intunePortalUrl(target) },
    typesText: typesText(run.selection.types),
    includeAssignments: run.selection.includeAssignments,
    initiatorName: name(run.initiatorId),
    approverName: name(run.approverId),
    createdAt: run.createdAt,
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(duration(run.startedAt, run.finishedAt) ? { durationText: duration(run.startedAt, run.finishedAt)! } : {}),
    summary: run.summary,
    ...(run.verified !== undefined ? { verified: run.verified } : {}),
    items: items.map((i) => ({
      typeLabel: SUBJECT_TYPES[i.type].label,
      displayName: i.displayName,
      action: i.action,
      outcome: i.outcome,
      ...(i.reason ? { reason: i.reason } : {}),
      ...(i.targetId ? { targetId: i.targetId } : {}),
      ...(i.outcomeUnknown ? { outcomeUnknown: true } : {}),
      ...(i.verification ? { verification: i.verification } : {}),
    })),
    page: { page, pageCount: Math.max(1, Math.ceil(totalItems / MAX_ITEM_ROWS)) },
    excluded: run.excluded.map((e) => ({ typeLabel: SUBJECT_TYPES[e.type].label, displayName: e.displayName, why: e.why })),
    ...(run.undoes ? { undoes: run.undoes } : {}),
    ...(run.undoneBy ? { undoneBy: run.undoneBy } : {}),
    canUndo: mayOfferUndo(req, run, undo),
  });
}

/** What an audited refusal was trying to do, in words. */
const ATTEMPT_WORDS: Record<string, string> = {
  'promotion.preflight': 'generate a preflight',
  'promotion.execute': 'promote',
  'audit.list': 'read the audit',
  'controls.pause': 'pause promotions',
  'controls.resume': 'resume promotions',
};
const COUNT_WORDS = [['ready', 'ready'], ['blocked', 'blocked'], ['manualMapping', 'manual mapping'], ['succeeded', 'succeeded'], ['failed', 'failed'], ['skipped', 'skipped']] as const;

/** Bounded metadata of an audit event in the words of the cards: names, labels and short run ids, never codes. */
function auditSummary(event: AuditEvent, tenantName: (id: string) => string): string {
  const m = event.metadata;
  const parts: string[] = [];
  if (typeof m.source === 'string' && typeof m.target === 'string') parts.push(`${tenantName(m.source)} → ${tenantName(m.target)}`);
  if (typeof m.tenant === 'string') parts.push(tenantName(m.tenant));
  if (typeof m.runId === 'string') parts.push(`run ${shortRunId(m.runId)}`);
  if (typeof m.status === 'string') parts.push(RUN_STATUS_LABELS[m.status as RunStatus]?.label ?? m.status);
  if (typeof m.kind === 'string') parts.push(REFERENCE_KIND_LABELS[m.kind as ReferenceKind] ?? m.kind);
  for (const [key, words] of COUNT_WORDS) if (typeof m[key] === 'number') parts.push(`${m[key]} ${words}`);
  if (typeof m.attempted === 'string') parts.push(`tried to ${ATTEMPT_WORDS[m.attempted] ?? m.attempted.replace(/[._]/g, ' ')}`);
  if (typeof m.capability === 'string') parts.push(capabilityWords(m.capability));
  if (typeof m.reason === 'string' && m.reason !== '') parts.push(m.reason);
  if (typeof m.fingerprint === 'string') parts.push(`fingerprint ${m.fingerprint.slice(0, 8)}`);
  return parts.join(' · ');
}

async function auditAnswer(req: BotRequest, page: number): Promise<CardAttachment> {
  const { events, total } = await listAudit(req.deps, req.ctx, { offset: (page - 1) * MAX_AUDIT_ROWS, limit: MAX_AUDIT_ROWS });
  const name = await memberNames(req);
  const tenants = await req.deps.directory.listTenants(req.ctx.workspace.id);
  const tenantName = (id: string) => tenants.find((t) => t.id === id)?.displayName ?? id;
  return auditCard({
    events: events.map((e) => ({ at: e.at, actorName: name(e.actorId), action: e.action, summary: auditSummary(e, tenantName) })),
    page: { page, pageCount: Math.max(1, Math.ceil(total / MAX_AUDIT_ROWS)) },
  });
}

/** Admin and monitoring commands. */
export const ADMIN_COMMANDS: { [N in 'runs' | 'run' | 'audit' | 'pause' | 'resume' | 'sync']: Handler<N> } = {
  runs: (req, c) => runsAnswer(req, { ...(c.tenant ? { tenantId: tenantNamed(req.ctx, c.tenant).id } : {}), ...(c.status ? { status: c.status } : {}) }, c.page),
  run: async (req, c) => runAnswer(req, await resolveRunId(req.deps, req.ctx, c.runId), 1),
  audit: (req, c) => auditAnswer(req, c.page),
  pause: async (req, c) => {
    const control = await pausePromotions(req.deps, req.ctx, c.reason);
    return messageCard({ title: 'Promotions paused', text: `New promotion runs are refused until an admin types "resume promotions".${control.reason ? ` Reason: ${control.reason}` : ''}`, tone: 'warning' });
  },
  resume: async (req) => {
    await resumePromotions(req.deps, req.ctx);
    return messageCard({ title: 'Promotions resumed', text: 'Confirmed promotions can start again.', tone: 'success' });
  },
  sync: async (req, c) => {
    const tenant = tenantNamed(req.ctx, c.tenant);
    const result = await syncTenant(req.deps, req.ctx, tenant.id);
    const now = req.deps.now();
    if (!result.finished) return messageCard({ title: `Sync of ${tenant.displayName} queued`, text: 'The inventory refresh is still running; "tenants" shows the freshness when it is done.', tone: 'info' });
    const header = result.header;
    if (!header || header.staleReason) {
      return messageCard({ title: `${tenant.displayName} could not be read`, text: `${readFailureText(header?.staleReason)} The previous snapshot is kept and marked stale.`, tone: 'warning' });
    }
    return messageCard({ title: `${tenant.displayName} synced`, text: `${header.subjectCount} subjects observed ${ago(header.observedAt, now)}.`, tone: 'success' });
  },
};

const RunsPage = z.object({ page: PageData, tenantId: TenantIdData.optional(), status: z.enum(RUN_STATUSES).optional() });

/** Admin and monitoring card actions. */
export const ADMIN_ACTIONS: Partial<Record<CardVerb, (req: BotRequest, data: unknown) => Promise<CardAttachment>>> = {
  'run.open': (req, data) => {
    const d = parseActionData(z.object({ runId: z.string().uuid(), page: PageData }), data);
    return runAnswer(req, d.runId, d.page);
  },
  'runs.page': (req, data) => {
    const d = parseActionData(RunsPage, data);
    return runsAnswer(req, { ...(d.tenantId ? { tenantId: d.tenantId as TenantId } : {}), ...(d.status ? { status: d.status } : {}) }, d.page);
  },
  'audit.page': (req, data) => auditAnswer(req, parseActionData(z.object({ page: PageData }), data).page),
};
