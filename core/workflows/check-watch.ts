import { resolveActorContext } from '../access/actor-context';
import type { DirectoryStore } from '../access/directory-store';
import type { Tenant } from '../access/model';
import type { AuditLog } from '../audit/model';
import { buildComparePreview } from '../compare/build-compare-preview';
import type { CompareSelection } from '../compare/model';
import { DomainError } from '../errors';
import type { WorkspaceId } from '../ids';
import type { InventoryRefresher } from '../inventory/refresher';
import type { SnapshotStore } from '../inventory/snapshot-store';
import type { InventorySnapshot } from '../inventory/model';
import { errorFields, type Logger } from '../logging/logger';
import { SUBJECT_TYPE_KEYS } from '../subjects/subject-type';
import { driftChanges, watchResult } from '../watches/drift-diff';
import type { DriftMessage, DriftPoster } from '../watches/drift-poster';
import type { CheckRecord, Watch } from '../watches/model';
import type { WatchStore } from '../watches/watch-store';
import { resolvePair } from './compare-tenants';

/** The ports one watch check uses; assembled once by the worker. */
export interface WatchCheckDeps {
  directory: DirectoryStore;
  snapshots: SnapshotStore;
  refresher: InventoryRefresher;
  watches: WatchStore;
  poster: DriftPoster;
  audit: AuditLog;
  /** Snapshots older than this are always refreshed (as compare does). */
  freshnessMs: number;
  refreshWaitMs: number;
  /** How long a check may hold its watch before another worker may take it over. */
  leaseMs: number;
  /** This worker's name, recorded as the lease owner. */
  owner: string;
  now: () => Date;
  log: Logger;
}

/** What one check did. */
export type CheckOutcome = 'not_claimed' | 'lease_lost' | 'paused' | 'unreadable' | 'unchanged' | 'posted' | 'post_failed' | 'failed';

/** Which check: a scheduled one names the due time it was queued for; Check now does not. */
export interface CheckRequest {
  workspaceId: WorkspaceId;
  watchId: string;
  due?: Date;
}

/**
 * Runs one check of a watch, as the member who created it: re-authorises, refreshes snapshots not observed since the
 * last check, compares, and posts one card when the result differs from what the conversation was last told.
 * A lost authorisation pauses the watch (posted once); an unreadable tenant is posted once and again on recovery.
 */
export async function checkWatch(deps: WatchCheckDeps, request: CheckRequest): Promise<CheckOutcome> {
  const claimedAt = deps.now();
  const watch = await deps.watches.claim(request.workspaceId, request.watchId, { owner: deps.owner, now: claimedAt, leaseMs: deps.leaseMs, ...(request.due ? { due: request.due } : {}) });
  if (!watch) return 'not_claimed';
  const log = deps.log.child({ watchId: watch.id, workspaceId: watch.workspaceId });
  const next = request.due ? { nextCheckAt: new Date(claimedAt.getTime() + watch.intervalHours * 3_600_000) } : {};
  // Every post first renews the lease: a check that outlasted it (another worker may be checking now) posts nothing.
  const poster: DriftPoster = {
    post: async (conversation, post) => {
      if (!(await deps.watches.renew(watch.workspaceId, watch.id, { owner: deps.owner, now: deps.now(), leaseMs: deps.leaseMs }))) throw new LeaseLost();
      return deps.poster.post(conversation, post);
    },
  };
  try {
    const { outcome, record } = await runCheck({ ...deps, poster }, watch);
    const recorded = await deps.watches.record(watch.workspaceId, watch.id, deps.owner, { ...record, ...next });
    if (!recorded) log.warn('watch.check.lease_lost', { outcome });
    return outcome;
  } catch (error) {
    if (error instanceof LeaseLost) {
      log.warn('watch.check.lease_lost', { before: 'post' });
      return 'lease_lost';
    }
    log.error('watch.check.failed', errorFields(error));
    await deps.watches.record(watch.workspaceId, watch.id, deps.owner, { lastCheck: { at: deps.now(), outcome: 'failed' }, ...next }).catch((e: unknown) => log.error('watch.check.record_failed', errorFields(e)));
    return 'failed';
  }
}

async function runCheck(deps: WatchCheckDeps, watch: Watch): Promise<{ outcome: CheckOutcome; record: CheckRecord }> {
  const pair = await creatorPair(deps, watch);
  if (pair.kind === 'lost') return pause(deps, watch, pair.reason);
  const { source, target } = pair;
  const [sourceSnapshot, targetSnapshot] = await Promise.all([checkedSnapshot(deps, watch, source), checkedSnapshot(deps, watch, target)]);
  const at = deps.now();
  const post = (message: DriftMessage) =>
    deps.poster.post(watch.conversation, { watchId: watch.id, sourceName: source.displayName, targetName: target.displayName, selection: selectionOf(watch), intervalHours: watch.intervalHours, checkedAt: at, message });

  const unreadable = [source, target].filter((t, i) => ([sourceSnapshot, targetSnapshot][i] ?? { staleReason: 'never read' }).staleReason !== undefined);
  if (unreadable.length > 0) {
    const ids = unreadable.map((t) => t.id);
    const lastCheck = { at, outcome: 'unreadable' as const, tenantNames: unreadable.map((t) => t.displayName) };
    if (watch.unreadable && sameSet(watch.unreadable.tenantIds, ids)) return { outcome: 'unreadable', record: { lastCheck } };
    const since = watch.unreadable?.since ?? at;
    const posted = await post({ kind: 'unreadable', tenantNames: lastCheck.tenantNames, since });
    return { outcome: 'unreadable', record: { lastCheck, ...(posted === 'posted' ? { unreadable: { tenantIds: ids, since } } : {}) } };
  }

  const selection = selectionOf(watch);
  const typesInScope = selection.types.length > 0 ? selection.types : [...SUBJECT_TYPE_KEYS];
  const preview = buildComparePreview({ selection, source: sourceSnapshot!, target: targetSnapshot!, typesInScope });
  const current = watchResult(preview, sourceSnapshot!, targetSnapshot!);
  const changes = driftChanges(watch.announced, current);
  const kind = watch.unreadable ? 'recovered' : !watch.announced ? 'baseline' : changes.length === 0 ? undefined : current.differences.length === 0 ? 'in_sync' : 'drift';
  const lastCheck = (posted: boolean) => ({ at, outcome: 'compared' as const, differences: current.differences.length, posted });
  if (!kind) return { outcome: 'unchanged', record: { lastCheck: lastCheck(false) } };
  const posted = await post({ kind, changes, counts: current.counts, fingerprint: current.fingerprint });
  if (posted !== 'posted') return { outcome: 'post_failed', record: { lastCheck: lastCheck(false) } };
  return { outcome: 'posted', record: { lastCheck: lastCheck(true), announced: current, unreadable: null } };
}

type CreatorPair = { kind: 'ok'; source: Tenant; target: Tenant } | { kind: 'lost'; reason: string };

/** Both tenants as the creator may see them now; any refusal or disappearance means the creator lost access. */
async function creatorPair(deps: WatchCheckDeps, watch: Watch): Promise<CreatorPair> {
  try {
    const ctx = await resolveActorContext(deps.directory, watch.createdBy);
    if (ctx.workspace.id !== watch.workspaceId) throw new LostAccess();
    return { kind: 'ok', ...resolvePair(ctx, watch.sourceTenantId, watch.targetTenantId) };
  } catch (error) {
    if (!(error instanceof DomainError || error instanceof LostAccess)) throw error;
    const member = (await deps.directory.membershipsOf(watch.createdBy)).find((m) => m.workspaceId === watch.workspaceId);
    return { kind: 'lost', reason: `${member?.displayName ?? 'The member who created this watch'} can no longer compare these tenants, so the watch paused itself. Someone allowed to compare both can watch them again here.` };
  }
}

class LostAccess extends Error {}

/** The check's lease ran out before it posted: another worker may be running the same check. */
class LeaseLost extends Error {}

async function pause(deps: WatchCheckDeps, watch: Watch, reason: string): Promise<{ outcome: CheckOutcome; record: CheckRecord }> {
  const at = deps.now();
  const names = await tenantNames(deps.directory, watch);
  await deps.audit.append({
    workspaceId: watch.workspaceId,
    at,
    actorId: 'system',
    action: 'watch.paused',
    tenantIds: [watch.sourceTenantId, watch.targetTenantId],
    metadata: { watchId: watch.id, createdBy: watch.createdBy, source: watch.sourceTenantId, target: watch.targetTenantId },
  });
  await deps.poster.post(watch.conversation, { watchId: watch.id, ...names, selection: selectionOf(watch), intervalHours: watch.intervalHours, checkedAt: at, message: { kind: 'paused', reason } });
  return { outcome: 'paused', record: { lastCheck: { at, outcome: 'paused' }, pause: { reason } } };
}

/** The tenants' registered names (the channel already knows them); the ids only if a tenant was removed. */
async function tenantNames(directory: DirectoryStore, watch: Watch): Promise<{ sourceName: string; targetName: string }> {
  const [source, target] = await Promise.all([directory.getTenant(watch.workspaceId, watch.sourceTenantId), directory.getTenant(watch.workspaceId, watch.targetTenantId)]);
  return { sourceName: source?.displayName ?? 'a removed tenant', targetName: target?.displayName ?? 'a removed tenant' };
}

/** The tenant's snapshot, refreshed first when it was not observed since the last check or is older than compare allows. */
async function checkedSnapshot(deps: WatchCheckDeps, watch: Watch, tenant: Tenant): Promise<InventorySnapshot | undefined> {
  const existing = await deps.snapshots.get(tenant.workspaceId, tenant.id);
  const now = deps.now().getTime();
  const lastCheckAt = watch.lastCheck?.at.getTime() ?? -Infinity;
  const needsRefresh = !existing || existing.staleReason !== undefined || existing.observedAt.getTime() <= lastCheckAt || now - existing.observedAt.getTime() > deps.freshnessMs;
  if (!needsRefresh) return existing;
  await deps.refresher.refresh(tenant.workspaceId, tenant.id, deps.refreshWaitMs);
  return deps.snapshots.get(tenant.workspaceId, tenant.id);
}

function selectionOf(watch: Watch): CompareSelection {
  return { sourceTenantId: watch.sourceTenantId, targetTenantId: watch.targetTenantId, types: watch.types, includeAssignments: watch.includeAssignments };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
