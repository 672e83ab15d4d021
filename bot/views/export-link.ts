import type { CompareSelection } from '../../core/compare/model';
import type { BotRequest } from '../turn';

/** The signed CSV download link a compare or preflight card offers for its selection, bound to the requesting actor. */
export function csvExportLink(req: BotRequest, kind: 'compare' | 'preflight', selection: CompareSelection): string {
  return req.deps.exports.create({
    actorId: req.ctx.actor.id,
    kind,
    format: 'csv',
    sourceTenantId: selection.sourceTenantId,
    targetTenantId: selection.targetTenantId,
    types: selection.types,
    includeAssignments: selection.includeAssignments,
  });
}
