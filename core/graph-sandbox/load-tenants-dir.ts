import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { TenantId } from '../ids';
import { subjectTypeByCollection, subjectTypeByOdataType } from '../subjects/registry';
import type { GraphJson } from '../subjects/subject-type';
import { classifyObject, type TypeLookup } from './classify-object';
import { decodeText } from './decode-text';
import { TenantFileSchema, type SandboxTenant } from './sandbox-tenant';
import { stableGuid } from './stable-guid';

/** The tenants found and what could not be used (never fatal: the operator reads the warnings). */
export interface LoadedTenants {
  tenants: SandboxTenant[];
  warnings: string[];
}

const REGISTRY: TypeLookup = { byOdataType: subjectTypeByOdataType, byCollection: subjectTypeByCollection };
const JsonObject = z.record(z.unknown());
const Page = z.object({ value: z.array(JsonObject) }).passthrough();

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const sorted = entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
  const nested = await Promise.all(
    sorted.map(async (e) => (e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.toLowerCase().endsWith('.json') ? [join(dir, e.name)] : [])),
  );
  return nested.flat();
}

/** A file's objects: one Graph object, a collection page `{ value: [...] }`, or a bare array. */
function objectsOf(json: unknown): GraphJson[] | undefined {
  const page = Page.safeParse(json);
  if (page.success && Object.keys(page.data).every((k) => k === 'value' || k.startsWith('@odata.'))) return page.data.value;
  const list = z.array(JsonObject).safeParse(json);
  if (list.success) return list.data;
  const single = JsonObject.safeParse(json);
  return single.success ? [single.data] : undefined;
}

async function parseFile(path: string): Promise<unknown> {
  return JSON.parse(decodeText(await readFile(path)));
}

async function loadTenant(root: string, name: string, types: TypeLookup, warnings: string[]): Promise<SandboxTenant> {
  const dir = join(root, name);
  const files = await jsonFiles(dir);
  const tenantFile = join(dir, 'tenant.json');
  let settings: z.infer<typeof TenantFileSchema> = {};
  if (files.includes(tenantFile)) {
    const parsed = TenantFileSchema.safeParse(await parseFile(tenantFile).catch(() => undefined));
    if (parsed.success) settings = parsed.data;
    else warnings.push(`${name}/tenant.json: not a valid tenant file, defaults used`);
  }
  const { id, environment, ...faults } = settings;
  const objects: Record<string, GraphJson[]> = {};
  for (const file of files.filter((f) => f !== tenantFile)) {
    const label = `${name}/${relative(dir, file).split(sep).join('/')}`;
    const folders = relative(dir, file).split(sep).slice(0, -1);
    const items = objectsOf(await parseFile(file).catch(() => undefined));
    if (!items) {
      warnings.push(`${label}: not readable as JSON (UTF-8, or UTF-16 with a byte-order mark)`);
      continue;
    }
    items.forEach((item, index) => {
      const key = classifyObject(item, folders, types);
      if (!key) {
        warnings.push(`${label}${items.length > 1 ? ` #${index + 1}` : ''}: unrecognised object (no known @odata.type or collection folder)`);
        return;
      }
      const withId = typeof item.id === 'string' ? item : { ...item, id: stableGuid(`${label}#${index}`) };
      (objects[key] ??= []).push(withId);
    });
  }
  return { id: TenantId((id ?? stableGuid(name)).toLowerCase()), displayName: name, environment: environment ?? 'sandbox', ...faults, objects };
}

/**
 * Loads sandbox tenants from a folder (SANDBOX_TENANTS_DIR): one sub-folder per tenant named by its display
 * name, an optional `tenant.json`, and any nesting of `.json` Graph exports below it.
 */
export async function loadTenantsDir(root: string, types: TypeLookup = REGISTRY): Promise<LoadedTenants> {
  const entries = await readdir(root, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  const warnings: string[] = [];
  const tenants: SandboxTenant[] = [];
  for (const name of names) tenants.push(await loadTenant(root, name, types, warnings));
  return { tenants, warnings };
}
