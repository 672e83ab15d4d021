import { z } from 'zod';
import type { TenantId } from '../ids';
import type { GraphJson } from '../subjects/subject-type';

/** Every request to the tenant fails with `status` (a tenant that cannot be read). */
export const SandboxFaultSchema = z.object({
  kind: z.literal('persistent'),
  status: z.number().int().min(400).max(599),
});
export type SandboxFault = z.infer<typeof SandboxFaultSchema>;

/** Every `every`-th Graph operation of the tenant is answered 429 with `Retry-After: retryAfterSeconds`. */
export const SandboxThrottleSchema = z.object({
  every: z.number().int().min(1),
  retryAfterSeconds: z.number().min(0),
});
export type SandboxThrottle = z.infer<typeof SandboxThrottleSchema>;

/**
 * Eventual consistency: an object the tenant created is absent from lists and answers 404 to GET by id until its own
 * lag is over, a lag between 0 and `maxMs` derived from its id (stable per object, spread over the range).
 */
export const SandboxListLagSchema = z.object({ maxMs: z.number().int().min(0) });
export type SandboxListLag = z.infer<typeof SandboxListLagSchema>;

/** Every `every`-th write of the tenant is applied only after `latencyMs` (a client with a shorter timeout gives up first). */
export const SandboxSlowWritesSchema = z.object({ every: z.number().int().min(1), latencyMs: z.number().int().min(0) });
export type SandboxSlowWrites = z.infer<typeof SandboxSlowWritesSchema>;

/** The optional `tenant.json` of a sandbox tenant folder. */
export const TenantFileSchema = z.object({
  id: z.string().uuid().optional(),
  environment: z.string().min(1).optional(),
  /** Writes answer 403: keeps a source tenant read-only at the Graph level too. */
  readOnly: z.boolean().optional(),
  fault: SandboxFaultSchema.optional(),
  throttle: SandboxThrottleSchema.optional(),
});
export type TenantFile = z.infer<typeof TenantFileSchema>;

/**
 * The seed of one sandbox tenant. `objects` maps a collection key (versionless Graph path such as
 * `deviceManagement/configurationPolicies`) to Graph objects, which may carry navigation properties
 * (`settings`, `assignments`, `scheduledActionsForRule`, ...) inline as exports do.
 */
export interface SandboxTenant {
  id: TenantId;
  displayName: string;
  environment: string;
  readOnly?: boolean;
  fault?: SandboxFault;
  throttle?: SandboxThrottle;
  objects: Record<string, GraphJson[]>;
}

/** `/beta/deviceManagement/configurationPolicies` → `deviceManagement/configurationPolicies` (both versions share data). */
export function collectionKeyOf(path: string): string {
  return path.replace(/^\/?(beta|v1\.0)\//, '').replace(/^\/+|\/+$/g, '');
}
