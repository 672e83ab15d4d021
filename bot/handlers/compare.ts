import { compareCard, MAX_COMPARE_ROWS } from '../../cards/compare-card';
import type { CardAttachment } from '../../cards/render';
import type { RegistryData } from '../../cards/verbs';
import { hasWorkspaceCapability, missingCapabilityText } from '../../core/access/policy';
import { InvalidInput, NotFound } from '../../core/errors';
import { normaliseName } from '../../core/compare/subject-identity';
import { ASSIGNMENTS_PATH, entryDifferenceCount, entrySettingDifferences } from '../../core/compare/setting-differences';
import { subjectDetailsCard } from '../../cards/subject-details-card';
import { parseSubjectTypeKey, SUBJECT_TYPES } from '../../core/subjects/registry';
import type { SubjectTypeKey } from '../../core/subjects/subject-type';
import { compareTenants, type Comparison, type CompareRequest } from '../../core/workflows/compare-tenants';
import type { BotRequest } from '../turn';
import { csvExportLink } from '../views/export-link';
import { grantHint } from '../views/grant-hint';
import { readFailureText, tenantView } from '../views/tenant-view';
import { compareUnavailableCard, type UnreadTenantView } from '../../cards/compare-unavailable-card';
import { NEVER_OBSERVED } from '../../core/preflight/evidence';

/** "All types" or the labels of the chosen types. */
export function typesText(types: readonly SubjectTypeKey[]): string {
  return types.length === 0 ? 'All types' : types.map((t) => SUBJECT_TYPES[t].label).join(', ');
}

/** Turns typed type names into registry keys; an unknown name is refused with the known ones. */
export function parseTypes(words: readonly string[]): SubjectTypeKey[] {
  return words.map((word) => {
    const key = parseSubjectTypeKey(word);
    if (!key) throw new InvalidInput(`Unknown type "${word.slice(0, 40)}". Known types: ${Object.keys(SUBJECT_TYPES).join(', ')}.`);
    return key;
  });
}

/** Runs a compare and renders its card at the given page. */
export async function compareAnswer(req: BotRequest, request: CompareRequest, page: number, registry?: RegistryData): Promise<CardAttachment> {
  const comparison = await compareTenants(req.deps, req.ctx, request);
  const hint = hasWorkspaceCapability(req.ctx.actor, 'WORKSPACE_BASELINES_MANAGE') ? '' : await grantHint(req);
  return renderComparison(req, comparison, page, registry, hint);
}

/** The sides of a comparison without a usable snapshot (never read), which make every count an invention. */
function unreadSides(c: Comparison): UnreadTenantView[] {
  const sides = [['Source', c.source, c.sourceSnapshot], ['Target', c.target, c.targetSnapshot]] as const;
  return sides
    .filter(([, , snapshot]) => snapshot.observedAt.getTime() <= NEVER_OBSERVED.getTime())
    .map(([role, tenant, snapshot]) => ({ role, displayName: tenant.displayName, why: readFailureText(snapshot.staleReason) }));
}

/** The compare card for a comparison; same snapshots and selection give the same card data. */
export function renderComparison(req: BotRequest, c: Comparison, page: number, registry?: RegistryData, grant = ''): CardAttachment {
  const { deps, ctx } = req;
  const now = deps.now();
  const unread = unreadSides(c);
  if (unread.length > 0) {
    return compareUnavailableCard({ sourceName: c.source.displayName, targetName: c.target.displayName, selection: c.preview.selection, unread, ...(registry ? { registry } : {}) });
  }
  const differences = c.preview.entries.filter((e) => e.state !== 'in_sync');
  const pageCount = Math.max(1, Math.ceil(differences.length / MAX_COMPARE_ROWS));
  const current = Math.min(Math.max(1, page), pageCount);
  const canPreflight = hasWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_MANAGE');
  const { selection } = c.preview;
  return compareCard({
    source: tenantView(c.source, c.sourceSnapshot, now, deps.freshnessMs),
    target: tenantView(c.target, c.targetSnapshot, now, deps.freshnessMs),
    selection,
    typesText: typesText(selection.types),
    counts: c.preview.counts,
    rows: differences.slice((current - 1) * MAX_COMPARE_ROWS, current * MAX_COMPARE_ROWS).map((e) => ({
      type: e.type,
      typeLabel: SUBJECT_TYPES[e.type].label,
      displayName: e.displayName,
      state: e.state,
      differenceCount: entryDifferenceCount(e, c.sourceSnapshot, c.targetSnapshot),
      ...(e.assignmentsOnly ? { assignmentsOnly: true } : {}),
      ...(e.mappingsUsed ? { mappingsUsed: e.mappingsUsed.length } : {}),
    })),
    inSyncThroughMappings: c.preview.entries.filter((e) => e.state === 'in_sync' && e.mappingsUsed).length,
    page: { page: current, pageCount },
    fingerprint: c.preview.fingerprint,
    preflight: canPreflight ? { enabled: true } : { enabled: false, reason: `${missingCapabilityText('WORKSPACE_BASELINES_MANAGE')} ${grant}`.trim() },
    exportUrl: csvExportLink(req, 'compare', selection),
    ...(registry ? { registry } : {}),
  });
}

/** Longest value the details card shows (the card clips at the same length). */
const MAX_DETAIL_VALUE = 120;

/** The setting-level differences of one subject of a compare. */
export async function detailsAnswer(req: BotRequest, request: CompareRequest, subject: { type: SubjectTypeKey; displayName: string }, comparePage: number, registry?: RegistryData): Promise<CardAttachment> {
  const c = await compareTenants(req.deps, req.ctx, request);
  const wanted = normaliseName(subject.displayName);
  const entry = c.preview.entries.find((e) => e.type === subject.type && normaliseName(e.displayName) === wanted);
  if (!entry) throw new NotFound('subject');
  const differences = entrySettingDifferences(entry, c.sourceSnapshot, c.targetSnapshot, { includeAssignments: c.preview.selection.includeAssignments, maxValueLength: MAX_DETAIL_VALUE });
  const settings = differences.filter((d) => d.path !== ASSIGNMENTS_PATH).length;
  return subjectDetailsCard({
    typeLabel: SUBJECT_TYPES[entry.type].label,
    displayName: entry.displayName,
    state: entry.state,
    sourceName: c.source.displayName,
    targetName: c.target.displayName,
    differences,
    totalDifferences: settings,
    assignmentsDiffer: Boolean(entry.assignmentsOnly),
    selection: c.preview.selection,
    comparePage,
    ...(registry ? { registry } : {}),
  });
}
