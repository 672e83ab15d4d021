import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { TenantId } from '../ids';
import { subjectTypeByCollection, subjectTypeByCollectionKey, subjectTypeByOdataType } from '../subjects/registry';
import type { GraphJson } from '../subjects/subject-type';
import { classifyObject, type TypeLookup } from './classify-object';
import { jsonFiles, objectsOf, parseExportFile } from './export-files';
import type { LoadWarning, TenantLoadSummary } from './load-warnings';
import { TenantFileSchema, type SandboxTenant } from './sandbox-tenant';
import { stableGuid } from './stable-guid';

/** The tenants found and what could not be used (never fatal: the operator reads the warnings). */
export interface LoadedTenants {
  tenants: SandboxTenant[];
  warnings: LoadWarning[];
  /** Per tenant, in the order of `tenants`: files read and files that gave nothing. */
  summaries: TenantLoadSummary[];
}

const REGISTRY: TypeLookup = { byOdataType: subjectTypeByOdataType, byCollection: subjectTypeByCollection, byCollectionKey: subjectTypeByCollectionKey };

/** Where an object was first seen under its id in its collection, to name both files when another one shares it. */
type SeenIds = Map<string, string>;

async function loadTenant(root: string, name: string, types: TypeLookup, warnings: LoadWarning[]): Promise<{ tenant: SandboxTenant; summary: TenantLoadSummary }> {
  const dir = join(root, name);
  const files = await jsonFiles(dir);
  const tenantFile = join(dir, 'tenant.json');
  const warn = (w: Omit<LoadWarning, 'tenant'>) => warnings.push({ tenant: name, ...w });
  let unusedFiles = 0;
  let settings: z.infer<typeof TenantFileSchema> = {};
  if (files.includes(tenantFile)) {
    const parsed = TenantFileSchema.safeParse(await parseExportFile(tenantFile).catch(() => undefined));
    if (parsed.success) settings = parsed.data;
    else {
      warn({ file: 'tenant.json', reason: 'invalid_tenant_file' });
      unusedFiles += 1;
    }
  }
  const { id, environment, ...faults } = settings;
  const objects: Record<string, GraphJson[]> = {};
  const seen: SeenIds = new Map();
  for (const path of files.filter((f) => f !== tenantFile)) {
    const file = relative(dir, path).split(sep).join('/');
    const folders = relative(dir, path).split(sep).slice(0, -1);
    const content = objectsOf(await parseExportFile(path).catch(() => undefined));
    if (!content) {
      warn({ file, reason: 'unreadable' });
      unusedFiles += 1;
      continue;
    }
    let used = 0;
    content.items.forEach((item, index) => {
      const position = content.items.length > 1 ? { item: index + 1 } : {};
      const key = classifyObject(item, folders, types, content.pageContext);
      if (!key) return warn({ file, reason: 'unrecognised', ...position });
      const label = `${file}${position.item ? ` #${position.item}` : ''}`;
      const fallbackId = stableGuid(`${name}/${file}#${index}`);
      (objects[key] ??= []).push(withUniqueId(item, key, label, fallbackId, seen, (detail) => warn({ file, reason: 'duplicate_id', ...position, detail })));
      used += 1;
    });
    if (used === 0) unusedFiles += 1;
  }
  const tenant: SandboxTenant = { id: TenantId((id ?? stableGuid(name)).toLowerCase()), displayName: name, environment: environment ?? 'sandbox', ...faults, objects };
  return { tenant, summary: { tenantId: tenant.id, displayName: name, files: files.length, unusedFiles } };
}

/**
 * The object with an id no earlier object of its collection has: its own, a stable one derived from its file when it
 * has none, or (when another object already holds its id, as in some published baselines) one derived from its id and
 * file, so both objects are kept whatever the file order, and the warning names both files.
 */
function withUniqueId(item: GraphJson, collection: string, label: string, fallbackId: string, seen: SeenIds, duplicate: (detail: string) => void): GraphJson {
  const own = typeof item.id === 'string' && item.id !== '' ? item.id : undefined;
  let id = own ?? fallbackId;
  const first = seen.get(`${collection}\u0000${id.toLowerCase()}`);
  if (first !== undefined) {
    const derived = stableGuid(`${id}#${label}`);
    duplicate(`id ${id} is also used by ${first}; kept under id ${derived}`);
    id = derived;
  }
  seen.set(`${collection}\u0000${id.toLowerCase()}`, label);
  return id === own ? item : { ...item, id };
}

/**
 * Loads sandbox tenants from a folder (SANDBOX_TENANTS_DIR): one sub-folder per tenant named by its display
 * name, an optional `tenant.json`, and any nesting of `.json` Graph exports below it.
 */
export async function loadTenantsDir(root: string, types: TypeLookup = REGISTRY): Promise<LoadedTenants> {
  const entries = await readdir(root, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  const warnings: LoadWarning[] = [];
  const tenants: SandboxTenant[] = [];
  const summaries: TenantLoadSummary[] = [];
  for (const name of names) {
    const { tenant, summary } = await loadTenant(root, name, types, warnings);
    tenants.push(tenant);
    summaries.push(summary);
  }
  return { tenants, warnings, summaries };
}
