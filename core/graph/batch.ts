import { z } from 'zod';
import { GraphUnavailable, InvalidInput } from '../errors';
import type { GraphRequestSpec } from '../subjects/subject-type';
import { lowerCaseHeaders, type GraphResponse } from './graph-response';

/** Graph accepts at most 20 requests in one JSON batch. */
export const MAX_BATCH_SIZE = 20;

/** Graph API versions a path may start with. */
export const GRAPH_VERSIONS = ['v1.0', 'beta'] as const;
export type GraphVersion = (typeof GRAPH_VERSIONS)[number];

/** A request of a `batch()` call, remembered by its position in the caller's list. */
export interface BatchEntry {
  index: number;
  spec: GraphRequestSpec;
}

/** One `$batch` POST: its API version and up to MAX_BATCH_SIZE entries. */
export interface BatchChunk {
  version: GraphVersion;
  entries: BatchEntry[];
}

/** Splits `/beta/deviceManagement/x` into `beta` and `/deviceManagement/x`; rejects paths without a version. */
export function splitVersion(path: string): { version: GraphVersion; relative: string } {
  const version = GRAPH_VERSIONS.find((v) => path.startsWith(`/${v}/`));
  if (!version) throw new InvalidInput(`Graph path must start with /beta/ or /v1.0/: ${path}`);
  return { version, relative: path.slice(version.length + 1) };
}

/** Groups entries by API version (first appearance first), then cuts each group into chunks of at most 20. */
export function planBatches(entries: readonly BatchEntry[]): BatchChunk[] {
  const byVersion = new Map<GraphVersion, BatchEntry[]>();
  for (const entry of entries) {
    const { version } = splitVersion(entry.spec.path);
    byVersion.set(version, [...(byVersion.get(version) ?? []), entry]);
  }
  const chunks: BatchChunk[] = [];
  for (const [version, group] of byVersion) {
    for (let start = 0; start < group.length; start += MAX_BATCH_SIZE) {
      chunks.push({ version, entries: group.slice(start, start + MAX_BATCH_SIZE) });
    }
  }
  return chunks;
}

/** The `$batch` request body: ids are entry positions, urls are relative to the version (`/deviceManagement/...`). */
export function batchRequestBody(chunk: BatchChunk): { requests: Record<string, unknown>[] } {
  return {
    requests: chunk.entries.map(({ index, spec }) => ({
      id: String(index),
      method: spec.method,
      url: splitVersion(spec.path).relative,
      ...(spec.body === undefined ? {} : { body: spec.body, headers: { 'Content-Type': 'application/json' } }),
    })),
  };
}

const BatchResponseBody = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/** Each entry's answer, keyed by entry position; Graph answers in any order, and a missing answer is an error. */
export function parseBatchResponse(chunk: BatchChunk, body: unknown): Map<number, GraphResponse> {
  const parsed = BatchResponseBody.safeParse(body);
  if (!parsed.success) throw new GraphUnavailable('Microsoft Graph answered a $batch request with an unreadable body.');
  const byId = new Map(parsed.data.responses.map((r) => [r.id, r]));
  const answers = new Map<number, GraphResponse>();
  for (const { index } of chunk.entries) {
    const answer = byId.get(String(index));
    if (!answer) throw new GraphUnavailable(`Microsoft Graph left request ${index} of a $batch unanswered.`);
    answers.set(index, { status: answer.status, body: answer.body, headers: lowerCaseHeaders(answer.headers) });
  }
  return answers;
}
