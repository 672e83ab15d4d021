import type { GraphRequestSpec } from '../subjects/subject-type';

interface PermissionRow {
  /** Matched against the path without origin, API version and query, e.g. `/deviceManagement/roleScopeTags/1`. */
  pattern: RegExp;
  read: string;
  write: string;
}

/**
 * Application permissions per Graph area, first match wins (from the Microsoft Learn permission tables).
 * Scripts accept either the scripts permission or the broader configuration one, so the hint names both.
 */
const PERMISSION_ROWS: readonly PermissionRow[] = [
  {
    pattern: /^\/deviceManagement\/(deviceManagementScripts|deviceShellScripts|deviceHealthScripts)(\/|$)/,
    read: 'DeviceManagementScripts.Read.All (or DeviceManagementConfiguration.Read.All)',
    write: 'DeviceManagementScripts.ReadWrite.All (or DeviceManagementConfiguration.ReadWrite.All)',
  },
  {
    pattern: /^\/deviceManagement\/roleScopeTags(\/|$)/,
    read: 'DeviceManagementRBAC.Read.All',
    write: 'DeviceManagementRBAC.ReadWrite.All',
  },
  {
    // configurationPolicies, deviceConfigurations, deviceCompliancePolicies, windowsFeatureUpdateProfiles,
    // windowsQualityUpdateProfiles, groupPolicyConfigurations, intents, templates, assignmentFilters...
    pattern: /^\/deviceManagement(\/|$)/,
    read: 'DeviceManagementConfiguration.Read.All',
    write: 'DeviceManagementConfiguration.ReadWrite.All',
  },
  {
    // App protection and app configuration policies (iosManagedAppProtections, targetedManagedAppConfigurations...).
    pattern: /^\/deviceAppManagement(\/|$)/,
    read: 'DeviceManagementApps.Read.All',
    write: 'DeviceManagementApps.ReadWrite.All',
  },
  {
    pattern: /^\/identity\/conditionalAccess(\/|$)/,
    read: 'Policy.Read.All',
    write: 'Policy.ReadWrite.ConditionalAccess (with Policy.Read.All)',
  },
  {
    pattern: /^\/groups(\/|$)/,
    read: 'Group.Read.All',
    write: 'Group.ReadWrite.All',
  },
];

/** The path as the table sees it: no origin, no `/beta` or `/v1.0` prefix, no query. */
export function permissionArea(pathOrUrl: string): string {
  const pathname = /^https?:\/\//i.test(pathOrUrl) ? new URL(pathOrUrl).pathname : pathOrUrl.split('?')[0]!;
  return pathname.replace(/^\/(beta|v1\.0)(?=\/|$)/, '') || '/';
}

/** The application permission an operator most likely has to grant for this request. */
export function permissionHint(method: GraphRequestSpec['method'], pathOrUrl: string): string {
  const area = permissionArea(pathOrUrl);
  const row = PERMISSION_ROWS.find((r) => r.pattern.test(area));
  if (row) return method === 'GET' ? row.read : row.write;
  return `the Microsoft Graph application permission that covers ${area}`;
}
