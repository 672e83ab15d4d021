import type { ReferenceKind } from '../subjects/references';

/**
 * Where each kind of reference object lives in Graph (collection keys), and how exported files name it: its
 * `@odata.type`s and, besides the collection's last segment, the folder names backup tools write.
 */
export const REFERENCE_COLLECTIONS: Record<ReferenceKind, { key: string; odataTypes: readonly string[]; folders: readonly string[] }> = {
  group: { key: 'groups', odataTypes: ['#microsoft.graph.group'], folders: ['group', 'entraGroups', 'azureADGroups'] },
  scopeTag: { key: 'deviceManagement/roleScopeTags', odataTypes: ['#microsoft.graph.roleScopeTag'], folders: ['scopeTags', 'scopeTag', 'roleScopeTag'] },
  assignmentFilter: {
    key: 'deviceManagement/assignmentFilters',
    odataTypes: ['#microsoft.graph.deviceAndAppManagementAssignmentFilter'],
    folders: ['assignmentFilter', 'filters'],
  },
  namedLocation: {
    key: 'identity/conditionalAccess/namedLocations',
    odataTypes: ['#microsoft.graph.ipNamedLocation', '#microsoft.graph.countryNamedLocation', '#microsoft.graph.namedLocation'],
    folders: ['namedLocation'],
  },
  notificationTemplate: {
    key: 'deviceManagement/notificationMessageTemplates',
    odataTypes: ['#microsoft.graph.notificationMessageTemplate'],
    folders: ['notifications', 'notificationMessageTemplate', 'notificationTemplates'],
  },
  authenticationStrength: {
    key: 'policies/authenticationStrengthPolicies',
    odataTypes: ['#microsoft.graph.authenticationStrengthPolicy'],
    folders: ['authenticationStrengths', 'authenticationStrength', 'authenticationStrengthPolicy'],
  },
};

/** Which writes may carry a navigation property inline; anywhere else it is refused (PATCH) or dropped (POST/PUT). */
export type InlineWrite = 'create' | 'replace';

/**
 * Navigation properties the sandbox keeps beside each object and serves through `$expand` and `/{id}/{name}`.
 * Assignments are only ever written through `assign`, as in Graph.
 */
export const NAVIGATION_PROPERTIES: Record<string, readonly InlineWrite[]> = {
  settings: ['create', 'replace'],
  assignments: [],
  scheduledActionsForRule: ['create'],
  definitionValues: ['create'],
  // A managed app policy's apps are written only through `targetApps`; a template's messages one by one.
  apps: [],
  localizedNotificationMessages: [],
};

/**
 * Ids Graph gives items of a navigation property itself, by property: a localized notification message is keyed by its
 * template and its locale (`{templateId}_en-us`, the locale stored in lower case). Others get a new GUID.
 */
export const NAVIGATION_ITEM_KEYS: Record<string, (parentId: string, item: Record<string, unknown>) => { id: string; item: Record<string, unknown> }> = {
  localizedNotificationMessages: (parentId, item) => {
    const locale = typeof item.locale === 'string' ? item.locale.toLowerCase() : '';
    return { id: `${parentId}_${locale}`, item: { ...item, locale } };
  },
};

/**
 * Object actions: the body key(s) holding the new items, the navigation property they replace, the answer status, and
 * body members the action also sets on the object itself.
 */
export const OBJECT_ACTIONS: Record<string, { bodyKeys: readonly string[]; navigation: string; status: 200 | 204; properties?: readonly string[] }> = {
  assign: {
    bodyKeys: ['assignments', 'deviceManagementScriptAssignments', 'deviceHealthScriptAssignments', 'enrollmentConfigurationAssignments'],
    navigation: 'assignments',
    status: 200,
  },
  scheduleActionsForRules: {
    bodyKeys: ['deviceComplianceScheduledActionForRules'],
    navigation: 'scheduledActionsForRule',
    status: 204,
  },
  // Managed app policies: the apps a policy targets, and which group of public apps they come from.
  targetApps: { bodyKeys: ['apps'], navigation: 'apps', status: 204, properties: ['appGroupType'] },
};

/** Object actions that set one property of the object: the body member holding the value, its check, the answer status. */
export const PROPERTY_ACTIONS: Record<string, { property: string; valid: (value: unknown) => boolean; expected: string; status: 200 | 204 }> = {
  // Enrollment configurations: the priority is set only through this action.
  setPriority: { property: 'priority', valid: (v) => Number.isInteger(v) && (v as number) > 0, expected: 'a positive integer', status: 204 },
  // Authentication strengths: PATCH changes name and description only.
  updateAllowedCombinations: {
    property: 'allowedCombinations',
    valid: (v) => Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string'),
    expected: 'a non-empty list of method combinations',
    status: 200,
  },
};

/**
 * Members that are plain (complex-typed) properties in one collection although another serves the same name as a
 * navigation property: an iOS app configuration's `settings` are key/value items inside the object.
 */
const PLAIN_MEMBERS: Record<string, readonly string[]> = {
  'deviceAppManagement/mobileAppConfigurations': ['settings'],
};

/** True when `name` is a navigation property the sandbox serves (of the collection `key`, when given). */
export function isNavigationProperty(name: string, key?: string): boolean {
  return Object.hasOwn(NAVIGATION_PROPERTIES, name) && !(key !== undefined && PLAIN_MEMBERS[key]?.includes(name));
}

/** Members Graph leaves out of list answers (read per object instead), by collection key. */
export const LIST_OMITS: Record<string, readonly string[]> = {
  'deviceManagement/deviceManagementScripts': ['scriptContent'],
  'deviceManagement/deviceShellScripts': ['scriptContent'],
  'deviceManagement/deviceHealthScripts': ['detectionScriptContent', 'remediationScriptContent'],
  'deviceManagement/deviceComplianceScripts': ['detectionScriptContent'],
  'deviceManagement/deviceCustomAttributeShellScripts': ['scriptContent'],
};

/** Create bodies Graph refuses, by collection key: the check answers the refusal message, or undefined to accept. */
export const CREATE_CHECKS: Record<string, (body: Record<string, unknown>) => string | undefined> = {
  'deviceManagement/deviceCompliancePolicies': (body) => {
    const rules = Array.isArray(body.scheduledActionsForRule) ? (body.scheduledActionsForRule as Record<string, unknown>[]) : [];
    const blocks = rules.flatMap((rule) => (Array.isArray(rule.scheduledActionConfigurations) ? rule.scheduledActionConfigurations : []))
      .filter((action) => (action as Record<string, unknown>).actionType === 'block');
    return blocks.length === 1 ? undefined : 'A compliance policy must be created with scheduledActionsForRule holding exactly one block action.';
  },
};
