import { randomUUID } from 'node:crypto';
// Item 3: the largest compare, preflight, run-detail and runs card for 10,000-subject tenants, rendered by the bot's
// own handlers from real domain output (compare and preflight workflows over stored snapshots, a run confirmed
// through the promotion workflow with a result recorded for every item).
import { ADMIN_ACTIONS, ADMIN_COMMANDS } from '../../bot/handlers/admin';
import { renderComparison } from '../../bot/handlers/compare';
import { renderPreflight } from '../../bot/handlers/preflight';
import type { BotRequest } from '../../bot/turn';
import { MAX_COMPARE_ROWS } from '../../cards/compare-card';
import { CARD_SIZE_LIMIT_BYTES, cardSizeBytes, type CardAttachment } from '../../cards/render';
import { MAX_ITEM_ROWS } from '../../cards/run-detail-card';
import { RunId } from '../../core/ids';
import { compareTenants } from '../../core/workflows/compare-tenants';
import { generatePreflight } from '../../core/workflows/generate-preflight';
import { pausePromotions } from '../../core/workflows/operational-controls';
import { confirmPromotion, requestPromotion } from '../../core/workflows/start-promotion';
import { BENCH_NOW, snapshotPair } from './bench-tenants';
import { BENCH_ACTORS, benchWorld, type BenchWorld } from './bench-world';
import { figure, type BenchFigure } from './results';
import type { BenchContext } from './run';
import { finishWithResults } from './run-results';

const KB = 1024;

/** The largest of the cards rendered for `pages` (1-based), and which page it was. */
async function largest(pages: readonly number[], count: number, render: (page: number) => Promise<CardAttachment> | CardAttachment) {
  let best = { bytes: 0, at: 0, count, rendered: pages.length };
  for (const page of pages) {
    const bytes = cardSizeBytes(await render(page));
    if (bytes > best.bytes) best = { ...best, bytes, at: page };
  }
  return best;
}

const allPages = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/**
 * The pages most likely to be the largest: the first, the last and the `top` pages whose rows carry the most text
 * (a card's size grows with its rows' text; the rest of it is the same on every page).
 */
function heaviestPages<T>(rows: readonly T[], perPage: number, textOf: (row: T) => number, top = 6): number[] {
  const count = Math.max(1, Math.ceil(rows.length / perPage));
  const weight = allPages(count).map((page) => ({
    page,
    text: rows.slice((page - 1) * perPage, page * perPage).reduce((sum, r) => sum + textOf(r), 0),
  }));
  const heavy = [...weight]
    .sort((a, b) => b.text - a.text)
    .slice(0, top)
    .map((w) => w.page);
  return [...new Set([1, count, ...heavy])].sort((a, b) => a - b);
}

/** Half of the source-only groups mapped by an operator to target groups, so the preflight card lists mappings used. */
async function saveMappings(world: BenchWorld, subjects: number): Promise<number> {
  const { source, target } = snapshotPair(subjects);
  const sourceOnly = source.referenceObjects.filter((r) => r.kind === 'group' && r.displayName.startsWith('SG-Legacy-Migration-'));
  const targetGroups = target.referenceObjects.filter((r) => r.kind === 'group');
  const mapped = sourceOnly.filter((_, i) => i % 2 === 0);
  for (const [i, group] of mapped.entries()) {
    const to = targetGroups[i % targetGroups.length]!;
    await world.deps.mappings.save({
      workspaceId: world.source.workspaceId,
      sourceTenantId: world.source.id,
      targetTenantId: world.target.id,
      kind: 'group',
      sourceId: group.id,
      sourceName: group.displayName,
      targetId: to.id,
      targetName: to.displayName,
      createdBy: BENCH_ACTORS.operator,
      createdAt: BENCH_NOW,
    });
  }
  return mapped.length;
}

/** Confirms a promotion of the stored snapshots through the workflow and records a result for each item; resolves with the run id. */
async function finishedRun(world: BenchWorld, operator: BotRequest, approver: BotRequest, fingerprint: string): Promise<string> {
  const selection = { sourceTenantId: world.source.id, targetTenantId: world.target.id, types: [], includeAssignments: true };
  const asked = await requestPromotion(world.deps, operator.ctx, { ...selection, fingerprint });
  if (asked.kind !== 'confirm') throw new Error(`promotion request refused: ${asked.refusal.kind}`);
  const confirmed = await confirmPromotion(world.deps, approver.ctx, asked.request.id);
  if (confirmed.kind !== 'started') throw new Error(`promotion not started: ${confirmed.kind}`);
  await finishWithResults(world.deps.runs, confirmed.run, BENCH_NOW);
  return confirmed.run.id;
}

/** Eleven more runs of the same plan in other states, so `runs` pages hold full rows. */
async function moreRuns(world: BenchWorld, runId: string): Promise<void> {
  const run = (await world.deps.runs.get(world.source.workspaceId, RunId(runId)))!;
  const statuses = [
    'succeeded',
    'partially_succeeded',
    'failed',
    'succeeded',
    'running',
    'succeeded',
    'partially_succeeded',
    'succeeded',
    'failed',
    'succeeded',
    'succeeded',
  ] as const;
  for (const [i, status] of statuses.entries()) {
    const createdAt = new Date(BENCH_NOW.getTime() - (i + 1) * 86_400_000);
    await world.deps.runs.insert({
      ...run,
      id: RunId(randomUUID()),
      status,
      createdAt,
      startedAt: createdAt,
      ...(status === 'running' ? {} : { finishedAt: new Date(createdAt.getTime() + 3_725_000) }),
    });
  }
}

/** Largest card of each kind for `subjects` subjects per side, beside Teams' 28 KB message limit. */
export async function cardSizeFigures(ctx: BenchContext, subjects = 10000): Promise<BenchFigure[]> {
  const { source, target } = snapshotPair(subjects);
  const world = await benchWorld(
    ctx.mongo,
    'cards',
    {
      source: { id: source.tenantId, displayName: 'Contoso Staging (EMEA golden baseline, do not edit)' },
      target: { id: target.tenantId, displayName: 'Contoso Production (EMEA, 48,000 managed devices)' },
    },
    () => BENCH_NOW,
  );
  await world.deps.snapshots.replace(source);
  await world.deps.snapshots.replace(target);
  const mappings = await saveMappings(world, subjects);
  const operator = await world.request(BENCH_ACTORS.operator);
  const selection = { sourceTenantId: world.source.id, targetTenantId: world.target.id, types: [], includeAssignments: true };

  const comparison = await compareTenants(world.deps, operator.ctx, selection);
  const differences = comparison.preview.entries.filter((e) => e.state !== 'in_sync').length;
  const comparePages = Math.max(1, Math.ceil(differences / MAX_COMPARE_ROWS));
  const compare = await largest(allPages(comparePages), comparePages, (page) => renderComparison(operator, comparison, page));

  const result = await generatePreflight(world.deps, operator.ctx, selection);
  const preflight = await largest([1], 1, () => renderPreflight(operator, result));

  const runId = await finishedRun(world, operator, await world.request(BENCH_ACTORS.approver), result.preflight.fingerprint);
  const { items, total } = await world.deps.runs.items(RunId(runId));
  const detailPages = heaviestPages(
    items,
    MAX_ITEM_ROWS,
    (i) => i.displayName.length + (i.reason?.length ?? 0) + (i.targetId?.length ?? 0),
  );
  const runDetail = await largest(detailPages, Math.ceil(total / MAX_ITEM_ROWS), (page) =>
    ADMIN_ACTIONS['run.open']!(operator, { runId, page }),
  );
  await moreRuns(world, runId);
  const admin = await world.request(BENCH_ACTORS.admin);
  await pausePromotions(
    world.deps,
    admin.ctx,
    'Change freeze for the quarterly Windows feature update rollout across all EMEA production rings; ask the CAB before resuming.',
  );
  const runs = await largest([1, 2], 2, (page) => ADMIN_COMMANDS.runs(admin, { name: 'runs', page }));

  const limit = { value: CARD_SIZE_LIMIT_BYTES / KB, unit: 'KB', label: 'Teams message limit' };
  const card = (id: string, title: string, found: { bytes: number; at: number; count: number; rendered: number }, notes: string) =>
    figure({
      id,
      item: 3,
      title,
      value: found.bytes / KB,
      unit: 'KB',
      reference: limit,
      target: { op: '<', value: 28, unit: 'KB' },
      notes: `${found.bytes} bytes (UTF-8 JSON). ${notes}`,
    });
  return [
    card(
      'card-compare',
      'Largest compare card, 10,000 subjects per side',
      compare,
      `Largest of all ${compare.count} pages (${differences} differences, ${MAX_COMPARE_ROWS} rows a page) is page ${compare.at}.`,
    ),
    card(
      'card-preflight',
      'Preflight card, 10,000 subjects per side',
      preflight,
      `Rendered by the bot's preflight handler from the preflight workflow, with ${mappings} managed group mappings saved for the pair.`,
    ),
    card(
      'card-run-detail',
      'Largest run-detail card, 10,000-subject run',
      runDetail,
      `Run of ${total} ready items confirmed through the promotion workflow; of its ${runDetail.count} pages the ${runDetail.rendered} carrying the most text (first, last, heaviest rows) were rendered; the largest is page ${runDetail.at}.`,
    ),
    card(
      'card-runs',
      'Largest runs card, 10,000-subject runs',
      runs,
      `12 runs of ${total} items with promotions paused (banner shown); largest of ${runs.count} pages is page ${runs.at}.`,
    ),
  ];
}
