import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ActorId, TenantId, WorkspaceId } from '../ids';
import { TENANT_CAPABILITIES, WORKSPACE_CAPABILITIES } from './capabilities';
import type { DirectoryStore } from './directory-store';

const SeedSchema = z.object({
  workspaces: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      requireSecondApprover: z.boolean().default(false),
      tenants: z.array(
        z.object({
          id: z.string().uuid(),
          displayName: z.string().min(1),
          environment: z.string().default('production'),
          credentials: z
            .object({ clientId: z.string().optional(), secretRef: z.string().optional(), certificatePath: z.string().optional(), certificateThumbprint: z.string().optional() })
            .default({}),
        }),
      ),
      members: z.array(
        z.object({
          actorId: z.string().min(1),
          displayName: z.string().min(1),
          workspace: z.array(z.enum(WORKSPACE_CAPABILITIES)).default([]),
          /** Tenant display name or id → capabilities. */
          tenants: z.record(z.array(z.enum(TENANT_CAPABILITIES))).default({}),
        }),
      ),
    }),
  ),
});
/** The directory seed file: workspaces with their tenants and members. */
export type DirectorySeed = z.infer<typeof SeedSchema>;

/** Reads and validates a seed file (JSON). */
export async function readSeedFile(path: string): Promise<DirectorySeed> {
  const text = await readFile(path, 'utf8');
  const parsed = SeedSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`Seed file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Writes the seed into the directory (idempotent: upserts by id). */
export async function applySeed(directory: DirectoryStore, seed: DirectorySeed): Promise<void> {
  for (const w of seed.workspaces) {
    const workspaceId = WorkspaceId(w.id);
    await directory.saveWorkspace({ id: workspaceId, name: w.name, settings: { requireSecondApprover: w.requireSecondApprover } });
    const idByName = new Map(w.tenants.map((t) => [t.displayName.toLowerCase(), t.id]));
    for (const t of w.tenants) {
      await directory.saveTenant({ id: TenantId(t.id), workspaceId, displayName: t.displayName, environment: t.environment, credentials: t.credentials });
    }
    for (const m of w.members) {
      const tenantCapabilities: Record<string, (typeof TENANT_CAPABILITIES)[number][]> = {};
      for (const [key, caps] of Object.entries(m.tenants)) {
        const id = idByName.get(key.toLowerCase()) ?? w.tenants.find((t) => t.id === key)?.id;
        if (!id) throw new Error(`Seed: member ${m.actorId} names unknown tenant "${key}" in workspace ${w.name}`);
        tenantCapabilities[id] = caps;
      }
      await directory.saveMembership({ workspaceId, actorId: ActorId(m.actorId), displayName: m.displayName, workspaceCapabilities: m.workspace, tenantCapabilities });
    }
  }
}
