import { describe, expect, it } from 'vitest';
import { permissionHint } from '../../../core/graph/permission-hints';

describe('permissionHint', () => {
  it.each([
    ['GET', '/beta/deviceManagement/configurationPolicies?$expand=assignments', 'DeviceManagementConfiguration.Read.All'],
    ['PATCH', '/beta/deviceManagement/deviceConfigurations/abc', 'DeviceManagementConfiguration.ReadWrite.All'],
    ['POST', '/beta/deviceManagement/deviceCompliancePolicies/abc/assign', 'DeviceManagementConfiguration.ReadWrite.All'],
    ['GET', '/beta/deviceManagement/windowsFeatureUpdateProfiles', 'DeviceManagementConfiguration.Read.All'],
    ['GET', '/beta/deviceManagement/windowsQualityUpdateProfiles', 'DeviceManagementConfiguration.Read.All'],
    ['GET', '/beta/deviceManagement/deviceManagementScripts/s1', 'DeviceManagementScripts.Read.All (or DeviceManagementConfiguration.Read.All)'],
    ['POST', '/beta/deviceManagement/deviceShellScripts', 'DeviceManagementScripts.ReadWrite.All (or DeviceManagementConfiguration.ReadWrite.All)'],
    ['GET', '/beta/deviceManagement/roleScopeTags', 'DeviceManagementRBAC.Read.All'],
    ['GET', '/beta/deviceAppManagement/iosManagedAppProtections?$expand=apps,assignments', 'DeviceManagementApps.Read.All'],
    ['POST', '/beta/deviceAppManagement/targetedManagedAppConfigurations/A_1/targetApps', 'DeviceManagementApps.ReadWrite.All'],
    ['GET', '/v1.0/identity/conditionalAccess/policies', 'Policy.Read.All'],
    ['POST', '/v1.0/identity/conditionalAccess/policies', 'Policy.ReadWrite.ConditionalAccess (with Policy.Read.All)'],
    ['GET', '/v1.0/groups?$filter=displayName eq \'x\'', 'Group.Read.All'],
    ['GET', 'https://graph.microsoft.com/beta/deviceManagement/configurationPolicies?$skiptoken=2', 'DeviceManagementConfiguration.Read.All'],
  ] as const)('%s %s needs %s', (method, path, expected) => {
    expect(permissionHint(method, path)).toBe(expected);
  });

  it('names the area when it has no table entry', () => {
    expect(permissionHint('GET', '/v1.0/users/u1')).toBe('the Microsoft Graph application permission that covers /users/u1');
  });
});
