// Fluent builder of inventory snapshots for compare / preflight / promotion tests:
//   snapshot('contoso-staging').group('g1', 'Pilot users').settingsCatalog('Baseline', { ... }, { assignments: [includeGroup('g1')] }).build()
// Subjects are built directly (no type registry): hashes use the same canonical hashing as the domain.
import { buildComparePreview } from '../../core/compare/build-compare-preview';
import { canonicalJson, sha256Hex } from '../../core/compare/fingerprint';
import type { CompareSelection } from '../../core/compare/model';
import { classifyPreflight, type PreflightInput } from '../../core/preflight/classify-preflight';
import type { AppliedMapping } from '../../core/preflight/model';
import { assignmentReferences } from '../../core/preflight/reference-origins';
import { TenantId, WorkspaceId } from '../../core/ids';
import type { InventorySnapshot, InventorySubject } from '../../core/inventory/model';
import type { ReferenceKind, ReferenceObject, SubjectReference } from '../../core/subjects/references';
import type { GraphJson, SubjectTypeKey } from '../../core/subjects/subject-type';

/** The clock of every fixture: snapshots are observed one hour before it. */
export const FIXTURE_NOW = new Date('2026-04-27T09:00:00.000Z');
export const FIXTURE_OBSERVED_AT = new Date('2026-04-27T08:00:00.000Z');
export const ONE_DAY_MS = 24 * 60 * 60 * 1000;
export const SOURCE_TENANT = 'contoso-staging';
export const TARGET_TENANT = 'contoso-production';

/** Per-subject options; anything omitted gets a realistic default. */
export interface SubjectOptions {
  id?: string;
  kindKey?: string;
  assignments?: GraphJson[];
  /** Scope tag ids in `roleScopeTagIds`; default the built-in Default tag `0`. */
  scopeTags?: string[];
  /** References beyond those derived from scope tags and assignments (e.g. named locations in the payload). */
  references?: SubjectReference[];
  secretPaths?: string[];
  /** Extra payload members merged last. */
  extra?: GraphJson;
}

/** Settings catalog values: a string is a choice (`<definitionId>_<value>`), a number an integer setting. */
export type CatalogValues = Record<string, string | number>;

export class InventoryBuilder {
  private readonly subjects: InventorySubject[] = [];
  private readonly referenceObjects: ReferenceObject[] = [];
  private observed = FIXTURE_OBSERVED_AT;
  private staleReason: string | undefined;

  constructor(
    private readonly tenantId: string,
    private readonly workspaceId = 'ws-contoso',
  ) {}

  observedAt(date: Date): this {
    this.observed = date;
    return this;
  }

  /** Marks the last sync as failed (old subjects kept). */
  staleBecause(reason: string): this {
    this.staleReason = reason;
    return this;
  }

  settingsCatalog(name: string, values: CatalogValues, opts: SubjectOptions = {}): this {
    const payload: GraphJson = {
      name,
      description: '',
      platforms: 'windows10',
      technologies: 'mdm',
      roleScopeTagIds: opts.scopeTags ?? ['0'],
      settings: Object.entries(values).map(([id, value]) => catalogSetting(id, value)),
      ...opts.extra,
    };
    return this.subject('settingsCatalog', name, payload, { kindKey: 'windows10|mdm', ...opts });
  }

  deviceConfiguration(name: string, settings: GraphJson, opts: SubjectOptions & { odataType?: string } = {}): this {
    const odataType = opts.odataType ?? '#microsoft.graph.windows10GeneralConfiguration';
    return this.odataPolicy('deviceConfiguration', odataType, name, settings, opts);
  }

  compliancePolicy(name: string, settings: GraphJson, opts: SubjectOptions = {}): this {
    return this.odataPolicy('compliancePolicy', '#microsoft.graph.windows10CompliancePolicy', name, settings, opts);
  }

  /** A `displayName`-identified policy whose kind is its `@odata.type`. */
  private odataPolicy(
    type: SubjectTypeKey,
    odataType: string,
    name: string,
    settings: GraphJson,
    opts: SubjectOptions,
  ) {
    const scopeTags = opts.scopeTags ?? ['0'];
    const payload = {
      '@odata.type': odataType,
      displayName: name,
      roleScopeTagIds: scopeTags,
      ...settings,
      ...opts.extra,
    };
    return this.subject(type, name, payload, { kindKey: odataType, ...opts });
  }

  /** Any subject type with a ready payload; references derive from `roleScopeTagIds` and assignments. */
  subject(type: SubjectTypeKey, name: string, payload: GraphJson, opts: SubjectOptions = {}): this {
    const assignments = opts.assignments ?? [];
    const scopeTags = Array.isArray(payload['roleScopeTagIds']) ? (payload['roleScopeTagIds'] as string[]) : [];
    const references = dedupe([
      ...scopeTags.map((id) => ({ kind: 'scopeTag' as const, id })),
      ...(opts.references ?? []),
      ...assignmentReferences({ assignments }),
    ]);
    this.subjects.push({
      type,
      graphId: opts.id ?? this.nextId(name),
      displayName: name,
      kindKey: opts.kindKey ?? type,
      payload,
      assignments,
      references,
      secretPaths: opts.secretPaths ?? [],
      contentHash: sha256Hex(canonicalJson(payload)),
      assignmentsHash: sha256Hex(canonicalJson(assignments)),
    });
    return this;
  }

  group(id: string, displayName: string): this {
    return this.reference('group', id, displayName);
  }

  scopeTag(id: string, displayName: string): this {
    return this.reference('scopeTag', id, displayName);
  }

  assignmentFilter(id: string, displayName: string): this {
    return this.reference('assignmentFilter', id, displayName);
  }

  namedLocation(id: string, displayName: string): this {
    return this.reference('namedLocation', id, displayName);
  }

  reference(kind: ReferenceKind, id: string, displayName: string): this {
    this.referenceObjects.push({ kind, id, displayName });
    return this;
  }

  build(): InventorySnapshot {
    return {
      workspaceId: WorkspaceId(this.workspaceId),
      tenantId: TenantId(this.tenantId),
      observedAt: this.observed,
      lastAttemptAt: this.observed,
      ...(this.staleReason !== undefined ? { staleReason: this.staleReason } : {}),
      subjects: this.subjects.map((s) => structuredClone(s)),
      referenceObjects: this.referenceObjects.map((r) => ({ ...r })),
    };
  }

  private nextId(name: string): string {
    const base = `${this.tenantId.split('-').pop()}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const taken = this.subjects.filter((s) => s.graphId === base || s.graphId.startsWith(`${base}~`)).length;
    return taken === 0 ? base : `${base}~${taken + 1}`;
  }
}

/** Starts a snapshot of one tenant. */
export function snapshot(tenantId: string, workspaceId?: string): InventoryBuilder {
  return new InventoryBuilder(tenantId, workspaceId);
}

/** A compare selection between the fixture tenants (all types unless given). */
export function selection(overrides: Partial<CompareSelection> = {}): CompareSelection {
  return {
    sourceTenantId: TenantId(SOURCE_TENANT),
    targetTenantId: TenantId(TARGET_TENANT),
    types: [],
    includeAssignments: false,
    ...overrides,
  };
}

/** Types the fixtures use; preview scope in {@link comparePair}. */
export const FIXTURE_TYPES = [
  'settingsCatalog',
  'deviceConfiguration',
  'compliancePolicy',
  'conditionalAccessPolicy',
] as const;

/** Options of {@link comparePair}: everything defaults to a fresh, promotable, assignment-free compare at FIXTURE_NOW. */
export interface PairOptions {
  includeAssignments?: boolean;
  mappings?: AppliedMapping[];
  now?: Date;
  freshnessMs?: number;
  isPromotable?: PreflightInput['isPromotable'];
  /** Types the compare covers; default FIXTURE_TYPES. */
  typesInScope?: readonly SubjectTypeKey[];
}

/** Compare preview and promotion preflight of two snapshots, the way the compare flow chains them. */
export function comparePair(source: InventorySnapshot, target: InventorySnapshot, opts: PairOptions = {}) {
  const preview = buildComparePreview({
    selection: selection({ includeAssignments: opts.includeAssignments ?? false }),
    source,
    target,
    typesInScope: [...(opts.typesInScope ?? FIXTURE_TYPES)],
  });
  const preflight = classifyPreflight({
    preview,
    source,
    target,
    now: opts.now ?? FIXTURE_NOW,
    freshnessMs: opts.freshnessMs ?? ONE_DAY_MS,
    isPromotable: opts.isPromotable ?? (() => ({ promotable: true })),
    ...(opts.mappings ? { mappings: opts.mappings } : {}),
  });
  return { preview, preflight };
}

/** A settings catalog setting as Graph returns it under `settings`. */
export function catalogSetting(definitionId: string, value: string | number): GraphJson {
  const settingInstance =
    typeof value === 'number'
      ? {
          '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
          settingDefinitionId: definitionId,
          simpleSettingValue: {
            '@odata.type': '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue',
            value,
          },
        }
      : {
          '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
          settingDefinitionId: definitionId,
          choiceSettingValue: { value: `${definitionId}_${value}`, children: [] },
        };
  return { '@odata.type': '#microsoft.graph.deviceManagementConfigurationSetting', settingInstance };
}

type Filter = { filterId: string; mode?: 'include' | 'exclude' };

function target(odataType: string, extra: GraphJson, filter?: Filter): GraphJson {
  return {
    target: {
      '@odata.type': odataType,
      ...extra,
      deviceAndAppManagementAssignmentFilterId: filter?.filterId ?? null,
      deviceAndAppManagementAssignmentFilterType: filter ? (filter.mode ?? 'include') : 'none',
    },
  };
}

/** Assignment to a group, optionally with an assignment filter. */
export const includeGroup = (groupId: string, filter?: Filter) =>
  target('#microsoft.graph.groupAssignmentTarget', { groupId }, filter);
/** Exclusion of a group. */
export const excludeGroup = (groupId: string) => target('#microsoft.graph.exclusionGroupAssignmentTarget', { groupId });
/** Assignment to all licensed users. */
export const allUsers = (filter?: Filter) => target('#microsoft.graph.allLicensedUsersAssignmentTarget', {}, filter);
/** Assignment to all devices. */
export const allDevices = (filter?: Filter) => target('#microsoft.graph.allDevicesAssignmentTarget', {}, filter);

function dedupe(refs: SubjectReference[]): SubjectReference[] {
  const seen = new Map(refs.map((r) => [`${r.kind}:${r.id}`, r]));
  return [...seen.values()];
}
