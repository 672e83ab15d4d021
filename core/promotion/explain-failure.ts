import { DomainError } from '../errors';
import { GraphRequestFailed } from '../errors';
import { ExecutionStopped } from './lease-keeper';
import { SourceWriteRefused } from './target-only-writes';

/** The steps of promoting one subject, named for the failure explanation. */
export type ItemStep = 'read_source' | 'read_target' | 'create' | 'update' | 'assign' | 'delete' | 'restore';

const STEP_WORDS: Record<ItemStep, string> = {
  read_source: 'the read of the source subject',
  read_target: 'the read of the target subject',
  create: 'the create',
  update: 'the update',
  assign: 'the assignment',
  delete: 'the delete',
  restore: 'the restore',
};

/** Longest explanation kept on an item: Graph messages can be long, and payloads must never be copied. */
const MAX_TEXT = 300;

/** A step of one item failed; `targetId` is set when the target object exists already (e.g. created, then assign failed). */
export class StepFailed extends Error {
  constructor(readonly step: ItemStep, override readonly cause: unknown, readonly targetId?: string) {
    super(`${step} failed`);
    this.name = 'StepFailed';
  }
}

/**
 * Runs one step; any failure comes out as StepFailed naming it. A refused source write and a stop of the execution
 * (lease lost, fenced out) pass through untouched: they are about the run, not this item, which stays unrecorded.
 */
export async function inStep<T>(step: ItemStep, work: () => Promise<T>, targetId?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StepFailed || error instanceof SourceWriteRefused || error instanceof ExecutionStopped) throw error;
    throw new StepFailed(step, error, targetId);
  }
}

/**
 * A short operator-facing explanation of a failed step: Graph refusals as "Graph refused the update (400 BadRequest:
 * message)", other domain errors (missing permission, Graph unreachable) by their own message. Never a payload or token.
 */
export function explainFailure(failure: StepFailed): string {
  const { step, cause } = failure;
  if (cause instanceof GraphRequestFailed) {
    const code = cause.graphCode ? ` ${cause.graphCode}` : '';
    const message = cause.graphMessage ? `: ${cause.graphMessage}` : '';
    return shorten(`Graph refused ${STEP_WORDS[step]} (${cause.status}${code}${message}).`);
  }
  if (cause instanceof DomainError) return shorten(cause.message);
  const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return shorten(`${capitalise(STEP_WORDS[step])} failed: ${detail}`);
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_TEXT ? line : `${line.slice(0, MAX_TEXT - 1)}…`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
