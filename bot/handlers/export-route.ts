import type { Request, Response } from 'restify';
import { resolveActorContext } from '../../core/access/actor-context';
import { requireWorkspaceCapability } from '../../core/access/policy';
import { DomainError } from '../../core/errors';
import { ActorId } from '../../core/ids';
import { errorFields } from '../../core/logging/logger';
import type { CompareEntry } from '../../core/compare/model';
import { entrySettingDifferences } from '../../core/compare/setting-differences';
import { exportRows, toCsv } from '../../core/preflight/export-rows';
import { SUBJECT_TYPE_KEYS, type SubjectTypeKey } from '../../core/subjects/subject-type';
import { resolvePair } from '../../core/workflows/compare-tenants';
import { derivePreflight } from '../../core/workflows/derive-preflight';
import type { BotDeps } from '../bot-deps';
import type { ExtraRoute } from '../server';

/** Longest setting value a CSV cell holds; the card shows less, the export enough to compare by eye. */
const EXPORT_VALUE_LENGTH = 2_000;

/** What every refused download answers: expired, forged and unauthorised links look the same. */
const REFUSED = { error: 'This export link is invalid or has expired. Open the card again for a new one.' };

/**
 * GET /exports?token=… — a signed, short-lived link. The data is derived on demand and the actor's
 * rights are checked again at download, so a link outlives neither its expiry nor the actor's access.
 */
export function exportRoute(deps: BotDeps): ExtraRoute {
  return {
    path: '/exports',
    async handle(req: Request, res: Response) {
      const token = (req.query as Record<string, unknown> | undefined)?.token;
      const verified = deps.exports.verify(typeof token === 'string' ? token : '');
      if (!verified.ok) {
        res.status(404);
        res.json(REFUSED);
        return;
      }
      const { claim } = verified;
      try {
        const ctx = await resolveActorContext(deps.directory, ActorId(claim.actorId));
        const { source, target } = resolvePair(ctx, claim.sourceTenantId, claim.targetTenantId);
        if (claim.kind === 'preflight') requireWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_MANAGE');
        const types = claim.types.filter((t): t is SubjectTypeKey => (SUBJECT_TYPE_KEYS as readonly string[]).includes(t));
        const selection = { sourceTenantId: source.id, targetTenantId: target.id, types, includeAssignments: claim.includeAssignments };
        const { preflight, sourceSnapshot, targetSnapshot } = await derivePreflight(deps, source, target, selection);
        const settingRows = (entry: CompareEntry) =>
          entrySettingDifferences(entry, sourceSnapshot, targetSnapshot, { includeAssignments: selection.includeAssignments, maxValueLength: EXPORT_VALUE_LENGTH });
        const rows = exportRows(preflight.compare, claim.kind === 'preflight' ? preflight : undefined, settingRows);
        await deps.audit.append({
          workspaceId: ctx.workspace.id,
          at: deps.now(),
          actorId: ctx.actor.id,
          action: 'export.downloaded',
          tenantIds: [source.id, target.id],
          metadata: { kind: claim.kind, format: claim.format, source: source.id, target: target.id, rows: rows.length },
        });
        const name = `${claim.kind}-${source.displayName}-to-${target.displayName}`.replace(/[^A-Za-z0-9._-]+/g, '-');
        res.header('content-disposition', `attachment; filename="${name}.${claim.format}"`);
        res.header('cache-control', 'no-store');
        if (claim.format === 'json') {
          res.header('content-type', 'application/json; charset=utf-8');
          res.sendRaw(200, JSON.stringify({ kind: claim.kind, source: source.displayName, target: target.displayName, rows }, null, 2));
        } else {
          res.header('content-type', 'text/csv; charset=utf-8');
          res.sendRaw(200, toCsv(rows));
        }
      } catch (error) {
        // Refusals (not found, forbidden) are expected; anything else is a failure the operator never sees in the answer.
        if (error instanceof DomainError) deps.logger.info('export.refused', { actorId: claim.actorId, ...errorFields(error) });
        else deps.logger.error('export.failed', { actorId: claim.actorId, kind: claim.kind, ...errorFields(error) });
        res.status(404);
        res.json(REFUSED);
      }
    },
  };
}
