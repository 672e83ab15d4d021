import type { RunItemResult } from '../runs/model';
import { REFERENCE_KIND_LABELS } from '../subjects/references';
import type { PlanDependency, PlanItem } from './plan';

/** Where a plan item stands once the items it depends on have finished. */
export type DependencyState =
  | { kind: 'ready'; item: PlanItem }
  | { kind: 'skip'; reason: string }
  | { kind: 'stopped' };

/** The item with each dependency's new target id in its reference map; unchanged while a dependency has none. */
export function withCreatedReferences(item: PlanItem, results: ReadonlyMap<number, RunItemResult>): PlanItem {
  if (!item.dependsOn?.length) return item;
  const referenceMap = { ...item.referenceMap };
  for (const dependency of item.dependsOn) {
    if (dependency.usedBy) continue;
    const targetId = createdId(results.get(dependency.index));
    if (targetId !== undefined) referenceMap[dependency.sourceId] = targetId;
  }
  return { ...item, referenceMap };
}

const createdId = (result: RunItemResult | undefined) => (result?.outcome === 'succeeded' ? result.targetId : undefined);

/** Why a dependant is not written, in the run detail's words: which object it needs and what became of it. */
export function dependencySkipReason(dependency: PlanDependency, result: RunItemResult | undefined): string {
  if (dependency.usedBy) {
    const ended = result === undefined ? 'is not in the plan before it' : result.outcome === 'failed' ? 'failed' : 'was skipped';
    return `still used by "${dependency.displayName}", whose undo ${ended}; left in place`;
  }
  const what = `${REFERENCE_KIND_LABELS[dependency.kind].toLowerCase()} "${dependency.displayName}"`;
  const ending = result === undefined ? 'it is not in the plan before this subject' : result.outcome === 'succeeded' ? 'no id was recorded for it' : `it ${result.outcome === 'failed' ? 'failed' : 'was skipped'}`;
  return `uses ${what}, which this run did not create (${ending})`;
}

/**
 * The items of one run attempt that others depend on: their results, from earlier attempts (the run store's copy of
 * the journal) and from this one as lanes record them. A dependant waits until every item it references has ended,
 * then runs with their new ids, or is skipped naming the one that was not created.
 */
export class RunDependencies {
  private readonly results = new Map<number, RunItemResult>();
  private readonly ended = new Map<number, { promise: Promise<RunItemResult | undefined>; resolve: (result: RunItemResult | undefined) => void }>();

  constructor(earlier: readonly RunItemResult[]) {
    for (const result of earlier) this.results.set(result.index, result);
  }

  /** Every result known so far, by plan index. */
  get known(): ReadonlyMap<number, RunItemResult> {
    return this.results;
  }

  /** Item `index` ended in this attempt: recorded with `result`, or left unrecorded (undefined) because the run stops. */
  settle(index: number, result: RunItemResult | undefined): void {
    if (result) this.results.set(index, result);
    this.endOf(index).resolve(result);
  }

  /** Waits for the items `item` (at `index`) depends on; those must come earlier in the plan, or it is skipped. */
  async await(item: PlanItem, index: number): Promise<DependencyState> {
    for (const dependency of item.dependsOn ?? []) {
      if (dependency.index >= index) return { kind: 'skip', reason: dependencySkipReason(dependency, undefined) };
      const result = this.results.get(dependency.index) ?? (await this.endOf(dependency.index).promise);
      if (result === undefined) return { kind: 'stopped' };
      const ended = dependency.usedBy ? result.outcome === 'succeeded' : createdId(result) !== undefined;
      if (!ended) return { kind: 'skip', reason: dependencySkipReason(dependency, result) };
    }
    return { kind: 'ready', item: withCreatedReferences(item, this.results) };
  }

  private endOf(index: number) {
    let end = this.ended.get(index);
    if (!end) {
      let resolve!: (result: RunItemResult | undefined) => void;
      const promise = new Promise<RunItemResult | undefined>((r) => (resolve = r));
      this.ended.set(index, (end = { promise, resolve }));
    }
    return end;
  }
}
