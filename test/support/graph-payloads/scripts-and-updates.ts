// Scripts and Windows update profiles as Graph lists them.
import type { GraphJson } from '../../../core/subjects/subject-type';
import { allDevicesAssignment, policyAssignments, type TenantSide } from './tenant-sides';

/** A PowerShell script as the list returns it (no content) and as its detail GET returns it (content, base64). */
export function powershellScript(side: TenantSide): { listed: GraphJson; detail: GraphJson } {
  const listed: GraphJson = {
    '@odata.type': '#microsoft.graph.deviceManagementScript',
    id: side.policyId,
    displayName: 'Win - Set time zone',
    description: 'Sets W. Europe Standard Time',
    runAsAccount: 'system',
    enforceSignatureCheck: false,
    fileName: 'Set-TimeZone.ps1',
    runAs32Bit: false,
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    roleScopeTagIds: ['0'],
    assignments: [
      { '@odata.type': '#microsoft.graph.deviceManagementScriptAssignment', id: side.assignmentId, target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: side.groupId, deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none' } },
    ],
  };
  const detail: GraphJson = {
    ...listed,
    '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceManagementScripts/$entity',
    scriptContent: Buffer.from('Set-TimeZone -Id "W. Europe Standard Time"').toString('base64'),
  };
  delete detail.assignments;
  return { listed, detail };
}

/** A macOS shell script list item. */
export function shellScript(side: TenantSide): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.deviceShellScript',
    id: side.policyId,
    displayName: 'Mac - Install Rosetta',
    executionFrequency: 'PT0S',
    retryCount: 3,
    blockExecutionNotifications: true,
    runAsAccount: 'system',
    fileName: 'rosetta.sh',
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    roleScopeTagIds: ['0'],
    assignments: [allDevicesAssignment(side)],
  };
}

/** A Windows feature update profile. */
export function featureUpdateProfile(side: TenantSide): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.windowsFeatureUpdateProfile',
    id: side.policyId,
    displayName: 'Win 11 24H2',
    description: '',
    featureUpdateVersion: 'Windows 11, version 24H2',
    rolloutSettings: { offerStartDateTimeInUTC: null, offerEndDateTimeInUTC: null, offerIntervalInDays: null },
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    roleScopeTagIds: ['0'],
    deployableContentDisplayName: 'Windows 11, version 24H2',
    endOfSupportDate: '2027-10-12T00:00:00Z',
    installLatestWindows10OnWindows11IneligibleDevice: true,
    installFeatureUpdatesOptional: false,
    assignments: policyAssignments(side),
  };
}

/** A Windows quality update (expedite) profile. */
export function qualityUpdateProfile(side: TenantSide): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.windowsQualityUpdateProfile',
    id: side.policyId,
    displayName: 'Expedite March security update',
    description: '',
    expeditedUpdateSettings: { qualityUpdateRelease: '2026-03-10T00:00:00Z', daysUntilForcedReboot: 1 },
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    roleScopeTagIds: ['0'],
    releaseDateDisplayName: 'March 10, 2026 - 2026.03 B',
    deployableContentDisplayName: '03/10/2026 - 2026.03 B Security Updates',
    assignments: policyAssignments(side),
  };
}
