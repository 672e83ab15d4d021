import { z } from 'zod';
import { graphError, type SandboxResponse } from './graph-error';
import { executeOperation, type RouterContext, type SandboxOperation } from './sandbox-router';

/** Graph refuses JSON batches of more than 20 requests. */
export const MAX_BATCH_REQUESTS = 20;

const BatchBody = z.object({
  requests: z
    .array(
      z.object({
        id: z.string().min(1),
        method: z.string().min(1),
        url: z.string().min(1),
        body: z.unknown().optional(),
        headers: z.record(z.string()).optional(),
        dependsOn: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});

/** A batch item's URL is relative to the batch's version (`/deviceManagement/...`); a leading version overrides it. */
function locate(url: string, batchVersion: SandboxOperation['version']): Pick<SandboxOperation, 'version' | 'path' | 'params'> {
  const parsed = new URL(url.startsWith('/') ? url : `/${url}`, 'http://batch.invalid');
  const versioned = /^\/(beta|v1\.0)\/(.*)$/.exec(parsed.pathname);
  return {
    version: versioned ? (versioned[1] as SandboxOperation['version']) : batchVersion,
    path: (versioned ? versioned[2]! : parsed.pathname.slice(1)).replace(/\/+$/, ''),
    params: parsed.searchParams,
  };
}

/**
 * Executes a JSON `$batch` item by item, in order, through the same router as single requests
 * (so throttling and faults apply per item); answers 400 for an unreadable or oversized batch.
 */
export async function executeBatch(
  ctx: RouterContext,
  tenantId: string,
  version: SandboxOperation['version'],
  body: unknown,
): Promise<SandboxResponse> {
  const parsed = BatchBody.safeParse(body);
  if (!parsed.success) return graphError(400, 'BadRequest', 'Invalid batch payload: a non-empty "requests" array is required.');
  const { requests } = parsed.data;
  if (requests.length > MAX_BATCH_REQUESTS) {
    return graphError(400, 'BadRequest', `Number of requests in the batch (${requests.length}) exceeds the maximum of ${MAX_BATCH_REQUESTS}.`);
  }
  if (new Set(requests.map((r) => r.id.toLowerCase())).size !== requests.length) {
    return graphError(400, 'BadRequest', 'Batch request ids must be unique.');
  }
  const responses = [];
  for (const request of requests) {
    const answer = await executeOperation(ctx, {
      tenantId,
      method: request.method.toUpperCase(),
      body: request.body,
      ...locate(request.url, version),
    });
    responses.push({ id: request.id, status: answer.status, headers: answer.headers, ...(answer.body === undefined ? {} : { body: answer.body }) });
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: { responses } };
}
