import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
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

/** Parses seed text: YAML for `.yaml`/`.yml` files, JSON otherwise; validated against the seed schema. */
export function parseSeed(text: string, path: string): DirectorySeed {
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new Error(`Seed file ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'}`);
  }
  const parsed = SeedSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(`Seed file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Reads and validates a seed file (JSON, or YAML by extension). */
export async function readSeedFile(path: string): Promise<DirectorySeed> {
  return parseSeed(await readFile(path, 'utf8'), path);
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
