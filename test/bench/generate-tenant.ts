// Deterministic generator of a source/target tenant pair of any size, as Microsoft Graph would serve them: mostly
// settings catalog policies with tens of settings, plus device restrictions and compliance policies, each with scope
// tags and group assignments (some filtered). The same names carry different ids in each tenant, as in real tenants.
import { TenantId } from '../../core/ids';
import type { SandboxTenant } from '../../core/graph-sandbox/sandbox-tenant';
import type { GraphJson } from '../../core/subjects/subject-type';
import { driftedContent, policyContent, secretSetting, type BenchTypeKey } from './policy-content';
import { Random } from './random';
import { renderPolicy, type PolicySpec, type SideIds } from './render-policy';

/** Share of the source tenant's subjects in each situation; `inSync` takes whatever the others leave. */
export interface TenantMix {
  /** Same policy in the target, drifted by one setting or one assignment. */
  different: number;
  /** Not in the target yet. */
  missing: number;
  /** Not in the target, and assigned to a group the target lacks (manual mapping). */
  gap: number;
  /** Not in the target, with a secret setting Graph does not return (blocked). */
  secret: number;
  /** Subjects that share their name with another source subject (ambiguous, blocked); counted in subjects. */
  duplicate: number;
}

/** The mix of a long-managed estate: mostly in sync, some drift, some new work, a few problems. */
export const REALISTIC_MIX: TenantMix = { different: 0.1, missing: 0.06, gap: 0.015, secret: 0.005, duplicate: 0.02 };

/** Generator options: `subjects` per side; the same options always give the same tenants. */
export interface PairOptions {
  subjects: number;
  seed?: number;
  mix?: TenantMix;
  /** Share of settings catalog, device restrictions and compliance policies; default 75 / 15 / 10 %. */
  typeShares?: Record<BenchTypeKey, number>;
  sourceId?: string;
  targetId?: string;
}

/** Two sandbox tenants and how many source identities were generated in each situation. */
export interface TenantPair {
  source: SandboxTenant;
  target: SandboxTenant;
  counts: { inSync: number; different: number; missing: number; gap: number; secret: number; duplicate: number; onlyInTarget: number };
}

const DEPARTMENTS = [
  'Finance',
  'HR',
  'Sales',
  'Engineering',
  'Support',
  'Marketing',
  'Legal',
  'Operations',
  'IT',
  'Research',
  'Retail',
  'Logistics',
];
const AUDIENCES = ['Laptops', 'Desktops', 'Kiosks', 'Pilot', 'Users', 'Admins', 'Devices', 'Contractors'];
const PURPOSES = ['Baseline', 'Hardening', 'Ring 0 pilot', 'Ring 1 broad', 'Exceptions', 'Compliance', 'User experience', 'Legacy apps'];
const PREFIX: Record<BenchTypeKey, string> = { settingsCatalog: 'Win - SC', deviceConfiguration: 'Win - DR', compliancePolicy: 'Win - CP' };
const LONG_TAIL =
  'approved by the change advisory board for the quarterly security review, applies to managed corporate devices only, do not edit by hand';

/**
 * A source and a target tenant of `subjects` subjects each. Reference objects (groups, scope tags, assignment
 * filters) exist in both under different ids, except a few groups only the source has (used by `gap` subjects).
 */
export function generateTenantPair(opts: PairOptions): TenantPair {
  const random = new Random(opts.seed ?? 20260427);
  const n = opts.subjects;
  const mix = opts.mix ?? REALISTIC_MIX;
  const shares = opts.typeShares ?? { settingsCatalog: 0.75, deviceConfiguration: 0.15, compliancePolicy: 0.1 };
  const groups = Array.from(
    { length: Math.max(40, Math.round(n / 4)) },
    (_, i) => `SG-${DEPARTMENTS[i % 12]}-${AUDIENCES[i % 8]}-${i + 1}`,
  );
  const sourceOnlyGroups = Array.from({ length: Math.max(3, Math.round(n / 200)) }, (_, i) => `SG-Legacy-Migration-${i + 1}`);
  const scopeTags = DEPARTMENTS.map((d) => `${d} IT`);
  const filters = Array.from({ length: 25 }, (_, i) => `Windows 11 ${AUDIENCES[i % 8]} ${i + 1}`);
  const source = side(
    opts.sourceId ?? 'b0b0b0b0-0000-4000-8000-00000000000a',
    { groups: [...groups, ...sourceOnlyGroups], scopeTags, filters },
    random,
    '2025-11-03T08:15:42Z',
  );
  const target = side(
    opts.targetId ?? 'b0b0b0b0-0000-4000-8000-00000000000b',
    { groups, scopeTags, filters },
    random,
    '2026-01-20T10:00:00Z',
  );

  let serial = 0;
  const pickType = (): BenchTypeKey => {
    const roll = random.next();
    return roll < shares.settingsCatalog
      ? 'settingsCatalog'
      : roll < shares.settingsCatalog + shares.deviceConfiguration
        ? 'deviceConfiguration'
        : 'compliancePolicy';
  };
  const newSpec = (extra: Partial<PolicySpec> = {}, type = pickType()): PolicySpec => {
    serial += 1;
    const name = `${PREFIX[type]} - ${random.pick(DEPARTMENTS)} - ${random.pick(PURPOSES)} ${String(serial).padStart(5, '0')}`;
    return {
      type,
      name: random.chance(0.04) ? `${name} (${LONG_TAIL})` : name,
      description: random.chance(0.5) ? '' : `Managed by the ${random.pick(DEPARTMENTS)} platform team`,
      content: policyContent(type, random),
      scopeTags: random.sample(scopeTags, random.int(0, 2)),
      assignments: Array.from({ length: random.int(1, 3) }, (_, i) => ({
        kind: i === 0 || random.chance(0.7) ? ('include' as const) : ('exclude' as const),
        group: random.pick(groups),
        ...(i === 0 && random.chance(0.3) ? { filter: random.pick(filters) } : {}),
      })),
      ...extra,
    };
  };

  const count = (share: number) => Math.round(n * share);
  const counts = {
    different: count(mix.different),
    missing: count(mix.missing),
    gap: count(mix.gap),
    secret: count(mix.secret),
    duplicate: 2 * Math.round(count(mix.duplicate) / 2),
  };
  const inSync = Math.max(0, n - counts.different - counts.missing - counts.gap - counts.secret - counts.duplicate);
  const onlyInTarget = Math.max(0, n - inSync - counts.different);
  const sourceSpecs: PolicySpec[] = [];
  const targetSpecs: PolicySpec[] = [];
  for (let i = 0; i < inSync; i++) {
    const spec = newSpec();
    sourceSpecs.push(spec);
    targetSpecs.push(spec);
  }
  for (let i = 0; i < counts.different; i++) {
    const spec = newSpec();
    sourceSpecs.push(spec);
    const reassigned = random.chance(0.25);
    // Drift is one changed setting, or one exclusion added in the target only.
    targetSpecs.push(
      reassigned
        ? { ...spec, assignments: [...spec.assignments, { kind: 'exclude', group: random.pick(groups) }] }
        : { ...spec, content: driftedContent(spec.content, random) },
    );
  }
  for (let i = 0; i < counts.missing; i++) sourceSpecs.push(newSpec());
  for (let i = 0; i < counts.gap; i++)
    sourceSpecs.push(newSpec({ assignments: [{ kind: 'include', group: random.pick(sourceOnlyGroups) }] }));
  for (let i = 0; i < counts.secret; i++) {
    const spec = newSpec({}, 'settingsCatalog');
    sourceSpecs.push({ ...spec, content: { ...spec.content, settings: [...(spec.content.settings as GraphJson[]), secretSetting()] } });
  }
  for (let i = 0; i < counts.duplicate / 2; i++) {
    const spec = newSpec();
    sourceSpecs.push(spec, { ...spec, content: policyContent(spec.type, random) });
  }
  for (let i = 0; i < onlyInTarget; i++) targetSpecs.push(newSpec());

  return {
    source: seed(source, 'Bench Source', random.sample(sourceSpecs, sourceSpecs.length), random),
    target: seed(target, 'Bench Target', random.sample(targetSpecs, targetSpecs.length), random),
    counts: { inSync, ...counts, onlyInTarget },
  };
}

function side(
  tenantId: string,
  names: { groups: string[]; scopeTags: string[]; filters: string[] },
  random: Random,
  created: string,
): SideIds {
  const ids = (list: string[]) => new Map(list.map((name) => [name, random.guid()]));
  // Scope tag ids are small integers in Intune; "0" is the built-in Default tag in every tenant.
  const tagBase = random.int(1, 50);
  return {
    tenantId,
    groups: ids(names.groups),
    scopeTags: new Map(names.scopeTags.map((name, i) => [name, String(tagBase + i)])),
    filters: ids(names.filters),
    created,
    modified: created.replace(/T.*/, 'T16:04:09Z'),
  };
}

function seed(ids: SideIds, displayName: string, specs: PolicySpec[], random: Random): SandboxTenant {
  const policies = specs.map((spec) => renderPolicy(spec, ids, random));
  const byCollection = (type: BenchTypeKey) => policies.filter((p) => p.type === type).map((p) => p.object);
  const objects: Record<string, GraphJson[]> = {
    'deviceManagement/configurationPolicies': byCollection('settingsCatalog'),
    'deviceManagement/deviceConfigurations': byCollection('deviceConfiguration'),
    'deviceManagement/deviceCompliancePolicies': byCollection('compliancePolicy'),
    groups: [...ids.groups].map(([name, id]) => ({ id, displayName: name, description: null, securityEnabled: true, mailEnabled: false })),
    'deviceManagement/roleScopeTags': [
      { id: '0', displayName: 'Default', description: 'Built-in scope tag', isBuiltIn: true },
      ...[...ids.scopeTags].map(([name, id]) => ({ id, displayName: name, description: '', isBuiltIn: false })),
    ],
    'deviceManagement/assignmentFilters': [...ids.filters].map(([name, id]) => ({
      id,
      displayName: name,
      platform: 'windows10AndLater',
      rule: '(device.deviceOwnership -eq "Corporate")',
      roleScopeTags: ['0'],
    })),
  };
  return { id: TenantId(ids.tenantId), displayName, environment: 'bench', objects };
}
