// Renders a tenant-independent policy spec into one tenant: its own object, setting and assignment ids, its own
// timestamps, and its own ids for the groups, scope tags and filters the spec names.
import type { GraphJson } from '../../core/subjects/subject-type';
import type { BenchTypeKey } from './policy-content';
import type { Random } from './random';

/** One assignment by names: include or exclude a group, optionally through an assignment filter. */
export interface AssignmentSpec {
  kind: 'include' | 'exclude';
  group: string;
  filter?: string;
}

/** A policy as both tenants would hold it, with references by display name. */
export interface PolicySpec {
  type: BenchTypeKey;
  name: string;
  description: string;
  /** Type-specific members (settings catalog: platforms, technologies, settings). */
  content: GraphJson;
  /** Scope tag names besides the built-in Default tag. */
  scopeTags: string[];
  assignments: AssignmentSpec[];
}

/** A tenant's ids for reference names, and its clock values. */
export interface SideIds {
  tenantId: string;
  groups: Map<string, string>;
  scopeTags: Map<string, string>;
  filters: Map<string, string>;
  created: string;
  modified: string;
}

const TARGET_TYPES = {
  include: '#microsoft.graph.groupAssignmentTarget',
  exclude: '#microsoft.graph.exclusionGroupAssignmentTarget',
} as const;

function idOf(names: Map<string, string>, name: string, kind: string): string {
  const id = names.get(name);
  if (id === undefined) throw new Error(`the tenant has no ${kind} named ${name}`);
  return id;
}

function assignments(spec: PolicySpec, ids: SideIds, policyId: string): GraphJson[] {
  return spec.assignments.map((a) => {
    const groupId = idOf(ids.groups, a.group, 'group');
    return {
      id: `${policyId}_${groupId}`,
      source: 'direct',
      sourceId: policyId,
      target: {
        '@odata.type': TARGET_TYPES[a.kind],
        groupId,
        deviceAndAppManagementAssignmentFilterId: a.filter ? idOf(ids.filters, a.filter, 'filter') : null,
        deviceAndAppManagementAssignmentFilterType: a.filter ? 'include' : 'none',
      },
    };
  });
}

/** The Graph object of `spec` in the tenant of `ids`, navigation properties (settings, assignments) inline. */
export function renderPolicy(spec: PolicySpec, ids: SideIds, random: Random): { type: BenchTypeKey; object: GraphJson } {
  const id = random.guid();
  const roleScopeTagIds = ['0', ...spec.scopeTags.map((tag) => idOf(ids.scopeTags, tag, 'scope tag'))];
  const stamps = { createdDateTime: ids.created, lastModifiedDateTime: ids.modified };
  if (spec.type === 'settingsCatalog') {
    const settings = (spec.content.settings as GraphJson[]).map((setting, index) => ({ id: String(index), ...setting }));
    return {
      type: spec.type,
      object: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
        id,
        name: spec.name,
        description: spec.description,
        ...stamps,
        settingCount: settings.length,
        creationSource: null,
        roleScopeTagIds,
        isAssigned: spec.assignments.length > 0,
        templateReference: { templateId: '', templateFamily: 'none', templateDisplayName: null, templateDisplayVersion: null },
        priorityMetaData: null,
        ...spec.content,
        settings,
        assignments: assignments(spec, ids, id),
      },
    };
  }
  const rules = spec.content.scheduledActionsForRule as GraphJson[] | undefined;
  return {
    type: spec.type,
    object: {
      id,
      displayName: spec.name,
      description: spec.description,
      ...stamps,
      version: random.int(1, 9),
      supportsScopeTags: true,
      roleScopeTagIds,
      ...spec.content,
      ...(rules
        ? {
            scheduledActionsForRule: rules.map((rule, r) => ({
              ...rule,
              id: `${id}-rule-${r}`,
              scheduledActionConfigurations: (rule.scheduledActionConfigurations as GraphJson[]).map((action, a) => ({
                ...action,
                id: `${id}-action-${a}`,
              })),
            })),
          }
        : {}),
      assignments: assignments(spec, ids, id),
    },
  };
}
