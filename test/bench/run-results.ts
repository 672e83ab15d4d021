// Recorded outcomes for every item of a queued run, as a finished run of that size would hold them: mostly
// succeeded, some skipped for the executor's own reasons, some failed with explained Graph refusals.
import { randomUUID } from 'node:crypto';
import { GraphRequestFailed } from '../../core/graph/graph-errors';
import { explainFailure, StepFailed } from '../../core/promotion/explain-failure';
import { SKIP_REASONS } from '../../core/promotion/promote-item';
import type { PromotionRun, RunItemResult } from '../../core/runs/model';
import type { RunStore } from '../../core/runs/run-store';
import { Random } from './random';

const GRAPH_REFUSALS = [
  {
    status: 400,
    code: 'BadRequest',
    message:
      'One or more settings are not applicable to the selected platform: the setting definition is not valid for Windows 10 and later in this tenant.',
  },
  { status: 409, code: 'Conflict', message: 'Another policy with the same priority and assignment already exists for this scope tag.' },
  {
    status: 400,
    code: 'ModelValidationFailure',
    message: 'Cannot convert the literal to the expected type: value is outside the allowed range for this setting.',
  },
];

/** The item result of plan item `index`: succeeded (88 %), skipped (6 %) or failed (6 %), chosen by `random`. */
function itemResult(run: PromotionRun, index: number, random: Random, at: Date): RunItemResult {
  const item = run.plan.items[index]!;
  const base = { runId: run.id, index, type: item.type, displayName: item.displayName, action: item.action, at };
  const roll = random.next();
  if (roll < 0.88) return { ...base, outcome: 'succeeded', targetId: item.targetId ?? randomUUID() };
  if (roll < 0.94) return { ...base, outcome: 'skipped', reason: random.pick(Object.values(SKIP_REASONS)) };
  const refusal = random.pick(GRAPH_REFUSALS);
  const step = item.action === 'create' ? 'create' : 'update';
  const cause = new GraphRequestFailed(refusal.status, step === 'create' ? 'POST' : 'PUT', '/beta/deviceManagement/configurationPolicies', {
    error: { code: refusal.code, message: refusal.message },
  });
  return { ...base, outcome: 'failed', reason: explainFailure(new StepFailed(step, cause)) };
}

/** Records a result for every plan item (in parallel batches) and finishes the run with matching counts. */
export async function finishWithResults(runs: RunStore, run: PromotionRun, at: Date, seed = 42): Promise<void> {
  const random = new Random(seed);
  const results = run.plan.items.map((_, index) => itemResult(run, index, random, at));
  for (let start = 0; start < results.length; start += 200) {
    await Promise.all(results.slice(start, start + 200).map((r) => runs.recordItem(r)));
  }
  const count = (outcome: RunItemResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const summary = {
    total: results.length,
    processed: results.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
  await runs.update(run.id, {
    status: summary.failed > 0 ? 'partially_succeeded' : 'succeeded',
    summary,
    verified: summary.succeeded,
    startedAt: new Date(at.getTime() - 42 * 60_000),
    finishedAt: at,
    failureReason: `${summary.failed} subjects were refused by Microsoft Graph and ${summary.skipped} changed since the preflight; see the results below.`,
  });
}
