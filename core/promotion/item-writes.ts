import type { Tenant } from '../access/model';
import { GraphUnavailable, GraphWriteOutcomeUnknown } from '../errors';
import type { RunId } from '../ids';
import { errorFields, type Logger } from '../logging/logger';
import type { InventorySubject } from '../inventory/model';
import type { IntendedRequest, ItemIntent, ItemJournal } from '../runs/item-journal';
import type { GraphJson, GraphRequestSpec, ReferenceTranslator, SubjectType } from '../subjects/subject-type';
import { redactSecretValues } from '../subjects/secrets';
import { stripReadOnly } from '../subjects/strip';
import { judgeAsWritten } from './in-sync';
import { ExecutionStopped } from './lease-keeper';
import type { PlanItem } from './plan';
import type { PromotionGraph } from './promotion-graph';
import type { LiveSubjectReader } from './read-live-subject';

/** What promoting one plan item needs: the target-only graph, a reader over it, both tenants, the journal and the lease. */
export interface ItemContext {
  graph: PromotionGraph;
  reader: LiveSubjectReader;
  source: Tenant;
  target: Tenant;
  includeAssignments: boolean;
  runId: RunId;
  journal: ItemJournal;
  /** This executor's fencing token. */
  token: number;
  /** Throws ExecutionStopped when this executor may no longer write; called right before every request to the target. */
  assertMayWrite: () => void;
  now: () => Date;
  /** Milliseconds for waiting (the visibility wait's deadline); separate from `now`, which stamps records. */
  clock: () => number;
  /** How long a write whose answer was lost may take to show in the target, and how often to look. */
  visibility: { waitMs: number; pollMs: number };
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
}

/** A write Graph never confirmed and the target did not show within the wait: it was not sent again. */
export const UNKNOWN = Symbol('outcome unknown');
export type Unknown = typeof UNKNOWN;

/** The item as the run writes it: its type, the live source, and the translator of its references. */
export interface ItemWrite {
  item: PlanItem;
  index: number;
  type: SubjectType;
  source: InventorySubject;
  translate: ReferenceTranslator;
  /** What the write sends when it differs from the source's payload: secret values read in clear put back. */
  payload?: GraphJson;
  /** Set once a request of this item went out: from then on, stopping leaves the journalled intent in place. */
  sent?: boolean;
}

const described = (requests: readonly GraphRequestSpec[]): IntendedRequest[] =>
  requests.filter((r) => r.method !== 'GET').map((r) => ({ method: r.method as IntendedRequest['method'], path: r.path.split('?')[0]! }));

/** Records what is about to be written, before-image included, before the first request; fenced out → stop. */
export async function recordIntent(ctx: ItemContext, index: number, intent: Omit<ItemIntent, 'requests' | 'at'>, requests: readonly GraphRequestSpec[]): Promise<void> {
  ctx.assertMayWrite();
  const recorded = await ctx.journal.recordIntent(ctx.runId, index, ctx.token, { ...intent, requests: described(requests), at: ctx.now() });
  if (!recorded) throw new ExecutionStopped('fenced');
}

/** Records the id of the object this run created; only that id is ever adopted as ours later. */
export async function recordCreated(ctx: ItemContext, index: number, createdId: string): Promise<void> {
  if (!(await ctx.journal.recordCreated(ctx.runId, index, ctx.token, createdId))) throw new ExecutionStopped('fenced');
}

/**
 * Sends one write, once. When its answer is lost, watches the target for up to the visibility wait (Graph lists and
 * reads lag behind writes: seconds for Intune, longer for Conditional Access) until `landed` shows the write took
 * effect; UNKNOWN when it never does. The write itself is never sent again.
 */
export async function sendOnce<T>(ctx: ItemContext, write: Pick<ItemWrite, 'index' | 'sent'>, send: () => Promise<T>, landed: () => Promise<T | undefined>): Promise<T | Unknown> {
  try {
    ctx.assertMayWrite();
  } catch (stopped) {
    // Nothing of this item reached the target yet: take the intent back so the next holder need not wonder.
    // If that fails too, the next holder treats the item as possibly written: safe, only slower.
    if (!write.sent) await ctx.journal.withdrawIntent(ctx.runId, write.index, ctx.token).catch((e: unknown) => ctx.logger.warn('run.intent.withdraw_failed', { index: write.index, ...errorFields(e) }));
    throw stopped;
  }
  write.sent = true;
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof GraphWriteOutcomeUnknown)) throw error;
  }
  const seen = await awaitVisible(ctx, landed);
  return seen === undefined ? UNKNOWN : seen;
}

/** Polls `look` until it finds something or the visibility wait is over; a passing read failure is polled through. */
export async function awaitVisible<T>(ctx: ItemContext, look: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = ctx.clock() + ctx.visibility.waitMs;
  for (;;) {
    try {
      const found = await look();
      if (found !== undefined) return found;
    } catch (error) {
      if (!(error instanceof GraphUnavailable)) throw error;
    }
    if (ctx.clock() >= deadline) return undefined;
    await ctx.sleep(Math.min(ctx.visibility.pollMs, Math.max(1, deadline - ctx.clock())));
  }
}

/** Judges a live target object against the item's source as the compare does (references through the run's translation). */
export async function judgeTarget(ctx: ItemContext, write: ItemWrite, target: InventorySubject, includeAssignments: boolean) {
  const targetReferences = await ctx.reader.references(ctx.target, write.type);
  return judgeAsWritten({ type: write.type, source: write.source, target, toTarget: write.translate, targetReferences, includeAssignments });
}

/** The object this create made, found by name and content after a lost answer or a crash; undefined while not visible. */
export async function findCreated(ctx: ItemContext, write: ItemWrite): Promise<string | undefined> {
  const namesakes = await ctx.reader.findByIdentity(ctx.target, write.type, write.item.displayName);
  const holding = [];
  for (const namesake of namesakes) if ((await judgeTarget(ctx, write, namesake, false)).inSync) holding.push(namesake);
  return holding.length === 1 ? holding[0]!.graphId : undefined;
}

/** The members a POST, PATCH or PUT sent, as the target shows them: read-only ones dropped, secret values redacted as the source's were read. */
export function sentMembers(write: Pick<ItemWrite, 'type' | 'source'>, request: GraphRequestSpec): GraphJson {
  const sent = typeof request.body === 'object' && request.body !== null ? (stripReadOnly(request.body, new Set(write.type.readOnlyFields)) as GraphJson) : {};
  return redactSecretValues(sent, write.source.secretPaths);
}

/** The operator's words for a write that may or may not have happened. */
export function unknownReason(ctx: ItemContext, write: ItemWrite, what: string): string {
  const seconds = Math.round(ctx.visibility.waitMs / 1000);
  return (
    `Microsoft Graph did not confirm ${what}, and ${ctx.target.displayName} did not show it within ${seconds} s. ` +
    `It was not sent again. Check "${write.item.displayName}" (${write.type.label}) in the Intune admin center of ${ctx.target.displayName}, then compare again.`
  );
}
