// Remediations, compliance scripts, macOS custom attributes and driver update profiles, shaped as the Microsoft Graph
// beta reference documents them (deviceHealthScript, deviceComplianceScript, deviceCustomAttributeShellScript,
// windowsDriverUpdateProfile): the list item with `$expand=assignments`, and the content the per-object GET adds.
import type { GraphJson } from '../../../core/subjects/subject-type';
import { type TenantSide } from './tenant-sides';

const base64 = (text: string) => Buffer.from(text).toString('base64');

function groupTarget(side: TenantSide, odataType: string, extra: GraphJson = {}): GraphJson {
  return {
    '@odata.type': odataType,
    id: side.assignmentId,
    target: {
      '@odata.type': '#microsoft.graph.groupAssignmentTarget',
      deviceAndAppManagementAssignmentFilterId: side.filterId,
      deviceAndAppManagementAssignmentFilterType: 'include',
      groupId: side.groupId,
    },
    ...extra,
  };
}

/** A remediation (device health script) with both scripts, a daily run schedule and remediation on. */
export function remediationScript(side: TenantSide): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.deviceHealthScript',
    id: side.policyId,
    publisher: 'Contoso IT',
    version: '1.2',
    displayName: 'Win - Restart stopped Print Spooler',
    description: 'Detects a stopped spooler and starts it',
    detectionScriptContent: base64('if ((Get-Service Spooler).Status -ne "Running") { exit 1 } else { exit 0 }'),
    remediationScriptContent: base64('Start-Service Spooler'),
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    runAsAccount: 'system',
    enforceSignatureCheck: false,
    runAs32Bit: false,
    roleScopeTagIds: ['0', side.scopeTagId],
    isGlobalScript: false,
    highestAvailableVersion: null,
    deviceHealthScriptType: 'deviceHealthScript',
    detectionScriptParameters: [],
    remediationScriptParameters: [],
    assignments: [
      groupTarget(side, '#microsoft.graph.deviceHealthScriptAssignment', {
        runRemediationScript: true,
        runSchedule: { '@odata.type': '#microsoft.graph.deviceHealthScriptDailySchedule', interval: 1, useUtc: false, time: '09:00:00.0000000' },
      }),
    ],
  };
}

/** A compliance script (discovery script of a custom compliance setting). */
export function complianceScript(side: TenantSide): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.deviceComplianceScript',
    id: side.policyId,
    publisher: 'Contoso IT',
    version: '1',
    displayName: 'Win - BIOS and TPM facts',
    description: 'Returns BIOS version and TPM state as JSON',
    detectionScriptContent: base64('$tpm = Get-Tpm; return @{ TpmReady = $tpm.TpmReady } | ConvertTo-Json -Compress'),
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    runAsAccount: 'system',
    enforceSignatureCheck: false,
    runAs32Bit: false,
    roleScopeTagIds: ['0'],
    assignments: [],
  };
}

/** A macOS custom attribute script reporting a string. */
export function customAttributeScript(side: TenantSide, customAttributeType = 'string'): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.deviceCustomAttributeShellScript',
    id: side.policyId,
    customAttributeName: 'FileVaultRecoveryKeyEscrowed',
    customAttributeType,
    displayName: 'Mac - FileVault key escrowed',
    description: 'Reports whether the FileVault recovery key is escrowed',
    scriptContent: base64('#!/bin/zsh\nfdesetup haspersonalrecoverykey'),
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    runAsAccount: 'system',
    fileName: 'filevault-escrow.sh',
    roleScopeTagIds: ['0'],
    assignments: [groupTarget(side, '#microsoft.graph.deviceManagementScriptAssignment')],
  };
}

/** A Windows driver update profile with automatic approval after a deferral, and the counts Intune reports. */
export function driverUpdateProfile(side: TenantSide, reports = { deviceReporting: 412, newUpdates: 3 }): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.windowsDriverUpdateProfile',
    id: side.policyId,
    displayName: 'Win - Drivers (automatic, 7 days)',
    description: 'Recommended drivers approved automatically after a week',
    approvalType: 'automatic',
    deviceReporting: reports.deviceReporting,
    newUpdates: reports.newUpdates,
    deploymentDeferralInDays: 7,
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    roleScopeTagIds: ['0'],
    inventorySyncStatus: { '@odata.type': '#microsoft.graph.windowsDriverUpdateProfileInventorySyncStatus', lastSuccessfulSyncDateTime: side.modified, driverInventorySyncState: 'success' },
    assignments: [groupTarget(side, '#microsoft.graph.windowsDriverUpdateProfileAssignment')],
  };
}
