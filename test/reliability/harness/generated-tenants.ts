// A SANDBOX_TENANTS_DIR written to a temp folder: one source tenant holding N ready subjects (clones of the demo's
// five ready ones under numbered names: creates and updates of five types) and empty-ish target tenants holding the
// reference objects by the same names plus the older versions of the subjects that are updated.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TENANTS_DIR } from '../../../core/graph-sandbox/demo-tenants';
import { REFERENCE_COLLECTIONS } from '../../../core/graph-sandbox/graph-shape';
import { loadTenantsDir } from '../../../core/graph-sandbox/load-tenants-dir';
import { collectionKeyOf, type SandboxTenant } from '../../../core/graph-sandbox/sandbox-tenant';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import type { GraphJson, SubjectTypeKey } from '../../../core/subjects/subject-type';

/** One generated tenant as the directory and the checks need it. */
export interface GeneratedTenant {
  id: string;
  displayName: string;
}

/** A generated tenants folder; `subjectNames` are the identities of the source's subjects (all ready). */
export interface GeneratedTenants {
  dir: string;
  source: GeneratedTenant;
  targets: GeneratedTenant[];
  subjectNames: { type: SubjectTypeKey; displayName: string; action: 'create' | 'update' }[];
  remove(): Promise<void>;
}

/** The demo's ready subjects (Staging → Production); updates take Production's older version into each target. */
const TEMPLATES: { type: SubjectTypeKey; name: string; action: 'create' | 'update' }[] = [
  { type: 'settingsCatalog', name: 'Win - Defender Antivirus', action: 'create' },
  { type: 'deviceConfiguration', name: 'Win - Device Restrictions', action: 'update' },
  { type: 'powershellScript', name: 'Win - Set Time Zone', action: 'create' },
  { type: 'featureUpdateProfile', name: 'Win - Windows 11 Feature Update', action: 'update' },
  { type: 'conditionalAccessPolicy', name: 'CA - Block access outside Contoso HQ', action: 'create' },
];

const REFERENCE_KEYS = new Set(Object.values(REFERENCE_COLLECTIONS).map((r) => r.key));
const SUBJECT_KEYS = new Set(Object.values(SUBJECT_TYPES).map((t) => collectionKeyOf(t.collectionPath)));

/**
 * A tenant's reference objects (groups, scope tags, filters, named locations). Filters and named locations are also
 * governed subjects, so with `namedAsIn` only those `namedAsIn` has by name are kept: the generated source then holds
 * ready subjects only, none of them a filter missing in the targets.
 */
function referenceObjects(tenant: SandboxTenant, namedAsIn?: SandboxTenant): Record<string, GraphJson[]> {
  const entries = Object.entries(tenant.objects).filter(([key]) => REFERENCE_KEYS.has(key) || !SUBJECT_KEYS.has(key));
  if (!namedAsIn) return Object.fromEntries(entries);
  return Object.fromEntries(
    entries.map(([key, objects]) => {
      if (!SUBJECT_KEYS.has(key)) return [key, objects];
      const names = new Set((namedAsIn.objects[key] ?? []).map((o) => o.displayName));
      return [key, objects.filter((o) => names.has(o.displayName))];
    }),
  );
}

function template(tenant: SandboxTenant, type: SubjectTypeKey, name: string): GraphJson {
  const { collectionPath, identityField } = SUBJECT_TYPES[type];
  const found = tenant.objects[collectionKeyOf(collectionPath)]?.find((o) => o[identityField] === name);
  if (!found) throw new Error(`demo tenant ${tenant.displayName} has no ${type} "${name}"`);
  return found;
}

function clone(object: GraphJson, type: SubjectTypeKey, name: string): GraphJson {
  return { ...structuredClone(object), id: randomUUID(), [SUBJECT_TYPES[type].identityField]: name };
}

async function writeTenant(
  root: string,
  tenant: { id: string; displayName: string; environment: string; readOnly?: boolean },
  objects: Record<string, GraphJson[]>,
) {
  const dir = join(root, tenant.displayName);
  await mkdir(dir, { recursive: true });
  const { displayName: _name, ...file } = tenant;
  await writeFile(join(dir, 'tenant.json'), JSON.stringify(file));
  for (const [key, value] of Object.entries(objects)) {
    await mkdir(join(dir, key), { recursive: true });
    await writeFile(join(dir, key, 'objects.json'), JSON.stringify({ value }));
  }
}

/** Writes a read-only source with `subjects` ready subjects and `targets` target tenants into a new temp folder. */
export async function writeGeneratedTenants(opts: { subjects: number; targets: number }): Promise<GeneratedTenants> {
  const { tenants } = await loadTenantsDir(DEMO_TENANTS_DIR);
  const staging = tenants.find((t) => t.displayName === 'Contoso Staging')!;
  const production = tenants.find((t) => t.displayName === 'Contoso Production')!;
  const dir = await mkdtemp(join(tmpdir(), 'tenantatlas-reliability-'));

  const sourceObjects = referenceObjects(staging, production);
  const olderVersions: { key: string; object: GraphJson; type: SubjectTypeKey; name: string }[] = [];
  const subjectNames: GeneratedTenants['subjectNames'] = [];
  for (let i = 0; i < opts.subjects; i++) {
    const { type, name, action } = TEMPLATES[i % TEMPLATES.length]!;
    const numbered = `${name} ${String(i + 1).padStart(3, '0')}`;
    const key = collectionKeyOf(SUBJECT_TYPES[type].collectionPath);
    (sourceObjects[key] ??= []).push(clone(template(staging, type, name), type, numbered));
    if (action === 'update') olderVersions.push({ key, object: template(production, type, name), type, name: numbered });
    subjectNames.push({ type, displayName: numbered, action });
  }
  const source = { id: randomUUID(), displayName: 'Generated Source', environment: 'staging', readOnly: true };
  await writeTenant(dir, source, sourceObjects);

  const targets: GeneratedTenant[] = [];
  for (let t = 0; t < opts.targets; t++) {
    const objects = referenceObjects(production);
    for (const older of olderVersions) (objects[older.key] ??= []).push(clone(older.object, older.type, older.name));
    const target = { id: randomUUID(), displayName: `Generated Target ${String(t + 1).padStart(2, '0')}`, environment: 'production' };
    await writeTenant(dir, target, objects);
    targets.push({ id: target.id, displayName: target.displayName });
  }
  return {
    dir,
    source: { id: source.id, displayName: source.displayName },
    targets,
    subjectNames,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
