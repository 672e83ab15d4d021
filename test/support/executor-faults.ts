// Faults for executor tests: a worker that dies at a chosen step (everything it does afterwards hangs for ever, as in
// a killed process, so no cleanup runs), expired leases for the worker that takes over, and a Graph whose answers get
// lost and whose reads lag behind its writes (Graph is eventually consistent).
import type { Db } from 'mongodb';
import type { Tenant } from '../../core/access/model';
import { GraphRequestFailed, GraphWriteOutcomeUnknown } from '../../core/errors';
import type { ExecutorDeps } from '../../core/promotion/execute-run';
import type { PromotionGraph } from '../../core/promotion/promotion-graph';
import { COLLECTIONS } from '../../core/store/collections';
import type { GraphJson, GraphRequestSpec } from '../../core/subjects/subject-type';

/** A worker's death: once triggered, every call of a dependency wrapped by `dying` never settles. */
export class WorkerDeath {
  dead = false;
  kill(): void {
    this.dead = true;
  }
}

const never = () => new Promise<never>(() => undefined);

/** `target` whose calls hang for ever once `death` happened: the process is gone, nothing after it runs. */
export function dying<T extends object>(target: T, death: WorkerDeath): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (death.dead ? never() : (value as (...a: unknown[]) => unknown).apply(obj, args));
    },
  });
}

/**
 * The executor's ports for a worker that dies when `killAt` says so: `graph` writes matching `graphWrite` are sent
 * first (the write happened), those matching `beforeGraphWrite` never are, the journal and run store calls matching it do not happen. Returns the deps and the death.
 */
export function dyingWorker(
  deps: ExecutorDeps,
  killAt: {
    graphWrite?: (spec: GraphRequestSpec) => boolean;
    /** Dies with a matching write in hand, before it is sent: Graph never sees it. */
    beforeGraphWrite?: (spec: GraphRequestSpec) => boolean;
    journal?: 'recordIntent' | 'recordCreated' | 'finish';
    afterIntent?: true;
    runStore?: 'recordItem';
    /** Dies as it claims the plan item at this index: every earlier item it finished stays recorded. */
    claimOf?: number;
  },
): { deps: ExecutorDeps; death: WorkerDeath } {
  const death = new WorkerDeath();
  const graph: PromotionGraph = {
    request: async (tenant, spec) => {
      if (death.dead) return never();
      if (spec.method !== 'GET' && killAt.beforeGraphWrite?.(spec)) {
        death.kill();
        return never();
      }
      const answer = await deps.graph.request(tenant, spec);
      if (spec.method !== 'GET' && killAt.graphWrite?.(spec)) {
        death.kill();
        return never();
      }
      return answer;
    },
    listAll: (tenant, path) => (death.dead ? never() : deps.graph.listAll(tenant, path)),
  };
  const killing = <T extends object>(target: T, method: string | undefined): T =>
    dying(
      new Proxy(target, {
        get(obj, prop, receiver) {
          const value = Reflect.get(obj, prop, receiver) as unknown;
          if (prop !== method || typeof value !== 'function') return value;
          return () => {
            death.kill();
            return never();
          };
        },
      }),
      death,
    );
  const claimKilling: typeof deps.journal =
    killAt.claimOf === undefined
      ? deps.journal
      : Object.assign(Object.create(deps.journal) as typeof deps.journal, {
          claim: (...args: Parameters<typeof deps.journal.claim>) => {
            if (args[1] !== killAt.claimOf) return deps.journal.claim(...args);
            death.kill();
            return never();
          },
        });
  const killed = killing(claimKilling, killAt.journal);
  // With afterIntent, the intent is written, then the worker dies before its first request reaches Graph.
  const journal: typeof killed = killAt.afterIntent
    ? Object.assign(Object.create(killed) as typeof killed, {
        recordIntent: async (...args: Parameters<typeof killed.recordIntent>) => {
          const recorded = await killed.recordIntent(...args);
          death.kill();
          return recorded;
        },
      })
    : killed;
  return {
    death,
    deps: {
      ...deps,
      graph,
      journal,
      runs: killing(deps.runs, killAt.runStore),
      lease: dying(deps.lease, death),
      progress: dying(deps.progress, death),
      audit: dying(deps.audit, death),
    },
  };
}

/** Lets every lease run out now, as the lease lifetime passing after a worker died would. */
export async function expireLeases(db: Db): Promise<void> {
  await db.collection(COLLECTIONS.runLeases).updateMany({}, { $set: { expiresAt: new Date(0) } });
}

/** How a lost answer's write fares: applied before the answer was lost, applied later, or never applied. */
export type LostWriteFate = { applied: 'before' } | { applied: 'later'; afterMs: number } | { applied: 'never' };

/**
 * The fake Graph, with the first write matching `which` losing its answer (its fate as given), and objects created
 * through it invisible to reads for `listLagMs` (lists leave them out, GETs answer 404), as Graph's replicas lag.
 */
export function unreliableGraph(graph: PromotionGraph, opts: { which: (spec: GraphRequestSpec) => boolean; fate: LostWriteFate; listLagMs?: number }): PromotionGraph & { pending: Promise<unknown>[]; sent: GraphRequestSpec[] } {
  let lost = false;
  const visibleFrom = new Map<string, number>();
  const pending: Promise<unknown>[] = [];
  const sent: GraphRequestSpec[] = [];
  const hidden = (id: unknown) => typeof id === 'string' && (visibleFrom.get(id) ?? 0) > Date.now();
  const lag = opts.listLagMs ?? 0;
  const apply = async (tenant: Tenant, spec: GraphRequestSpec) => {
    const answer = await graph.request(tenant, spec);
    const id = (answer.body as GraphJson | undefined)?.id;
    if (spec.method === 'POST' && typeof id === 'string') visibleFrom.set(id, Date.now() + lag);
    return answer;
  };
  return {
    pending,
    sent,
    request: async (tenant, spec) => {
      if (spec.method === 'GET') {
        const id = spec.path.split('?')[0]!.split('/').at(-1);
        if (hidden(id)) throw new GraphRequestFailed(404, 'GET', spec.path, { error: { code: 'ResourceNotFound', message: 'not yet' } });
        return graph.request(tenant, spec);
      }
      sent.push(spec);
      if (lost || !opts.which(spec)) return apply(tenant, spec);
      lost = true;
      if (opts.fate.applied === 'before') await apply(tenant, spec);
      if (opts.fate.applied === 'later') {
        const { afterMs } = opts.fate;
        pending.push(new Promise((resolve) => setTimeout(resolve, afterMs)).then(() => apply(tenant, spec)));
      }
      throw new GraphWriteOutcomeUnknown(tenant.displayName, spec.method, spec.path);
    },
    listAll: async (tenant, path) => (await graph.listAll(tenant, path)).filter((item) => !hidden(item.id)),
  };
}

/**
 * The fake Graph with the first write matching `which` held on its way (sent, not yet applied) until `release()`: an
 * executor whose request is slow to arrive while another takes its run over.
 */
export function heldWrite(graph: PromotionGraph, which: (spec: GraphRequestSpec) => boolean): { graph: PromotionGraph; held: () => boolean; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  return {
    held: () => held,
    release,
    graph: {
      listAll: (tenant, path) => graph.listAll(tenant, path),
      request: async (tenant, spec) => {
        if (!held && spec.method !== 'GET' && which(spec)) {
          held = true;
          await gate;
        }
        return graph.request(tenant, spec);
      },
    },
  };
}
