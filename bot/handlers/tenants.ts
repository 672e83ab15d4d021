import type { CardAttachment } from '../../cards/render';
import { tenantsCard } from '../../cards/tenants-card';
import { hasWorkspaceCapability, missingCapabilityText } from '../../core/access/policy';
import type { BotRequest } from '../turn';
import { ago, freshness } from '../views/tenant-view';

const PAGE_SIZE = 15;

/** The tenant registry card: visible tenants matching the filter, with freshness and last run, paged. */
export async function tenantsAnswer(req: BotRequest, filter: string, page: number): Promise<CardAttachment> {
  const { deps, ctx } = req;
  const now = deps.now();
  const wanted = filter.trim().toLowerCase();
  const matching = ctx.visibleTenants.filter((t) => !wanted || `${t.displayName} ${t.environment}`.toLowerCase().includes(wanted));
  const pageCount = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const [headers, latestRuns] = await Promise.all([deps.snapshots.headers(ctx.workspace.id), deps.runs.latestPerTarget(ctx.workspace.id)]);
  const canCompare = hasWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_VIEW');
  return tenantsCard({
    filter,
    rows: matching.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((t) => {
      const f = freshness(headers.find((h) => h.tenantId === t.id), now, deps.freshnessMs);
      const run = latestRuns.get(t.id);
      const files = deps.sandboxFiles?.get(t.id);
      return {
        id: t.id,
        displayName: t.displayName,
        environment: t.environment,
        freshnessText: f.text,
        stale: f.stale,
        lastRunText: run ? `Last run: ${run.status.replace('_', ' ')} ${ago(run.createdAt, now)}` : 'No runs yet',
        ...(files && files.unusedFiles > 0 ? { unusedFilesText: `${files.unusedFiles} of ${files.files} exported files not used (the start-up log says why)` } : {}),
      };
    }),
    page: { page: current, pageCount },
    totalCount: matching.length,
    sources: ctx.visibleTenants.map((t) => ({ id: t.id, displayName: t.displayName })),
    compare: !canCompare
      ? { enabled: false, reason: missingCapabilityText('WORKSPACE_BASELINES_VIEW') }
      : ctx.visibleTenants.length < 2
        ? { enabled: false, reason: 'You need access to at least two tenants to compare.' }
        : { enabled: true },
  });
}
