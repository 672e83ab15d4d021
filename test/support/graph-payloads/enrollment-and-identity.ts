// Enrollment configurations, Windows Autopilot profiles, scope tags and authentication strengths, shaped as the
// Microsoft Graph reference documents them (windows10EnrollmentCompletionPageConfiguration,
// deviceEnrollmentPlatformRestrictionConfiguration, deviceEnrollmentLimitConfiguration,
// deviceEnrollmentWindowsHelloForBusinessConfiguration, azureADWindowsAutopilotDeploymentProfile, roleScopeTag with
// roleScopeTagAutoAssignment, authenticationStrengthPolicy): list items as `$expand=assignments` answers them.
import type { GraphJson } from '../../../core/subjects/subject-type';
import type { TenantSide } from './tenant-sides';

/** An enrollment configuration assignment to the side's group (enrollmentConfigurationAssignment). */
function enrollmentAssignment(side: TenantSide): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.enrollmentConfigurationAssignment',
    id: side.assignmentId,
    source: 'direct',
    sourceId: side.policyId,
    target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none', groupId: side.groupId },
  };
}

const stamps = (side: TenantSide) => ({ id: side.policyId, createdDateTime: side.created, lastModifiedDateTime: side.modified, version: 3 });

/** An enrollment status page tracking no apps by id (blocking until every required app is installed). */
export function enrollmentStatusPage(side: TenantSide, extra: GraphJson = {}): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.windows10EnrollmentCompletionPageConfiguration',
    ...stamps(side),
    displayName: 'Win - Autopilot ESP',
    description: 'Blocks the desktop until required apps are installed',
    priority: 1,
    roleScopeTagIds: ['0', side.scopeTagId],
    deviceEnrollmentConfigurationType: 'windows10EnrollmentCompletionPageConfiguration',
    showInstallationProgress: true,
    blockDeviceSetupRetryByUser: false,
    allowDeviceResetOnInstallFailure: true,
    allowLogCollectionOnInstallFailure: true,
    customErrorMessage: 'Setup could not be completed. Please try again or contact your support person for help.',
    installProgressTimeoutInMinutes: 90,
    allowDeviceUseOnInstallFailure: false,
    selectedMobileAppIds: [],
    allowNonBlockingAppInstallation: false,
    installQualityUpdates: false,
    trackInstallProgressForAutopilotOnly: true,
    disableUserStatusTrackingAfterFirstUser: true,
    assignments: [enrollmentAssignment(side)],
    ...extra,
  };
}

/** The tenant's default Windows Hello for Business configuration (priority 0, id ending `_DefaultWindowsHelloForBusiness`). */
export function defaultWindowsHello(tenantId: string, extra: GraphJson = {}): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration',
    id: `${tenantId}_DefaultWindowsHelloForBusiness`,
    displayName: 'All users and all devices',
    description: 'This is the default Windows Hello for Business configuration applied with the lowest priority to all users regardless of group membership.',
    priority: 0,
    createdDateTime: '2024-05-02T09:00:00Z',
    lastModifiedDateTime: '2025-10-01T09:00:00Z',
    version: 2,
    roleScopeTagIds: ['0'],
    deviceEnrollmentConfigurationType: 'defaultWindowsHelloForBusiness',
    pinMinimumLength: 6,
    pinMaximumLength: 127,
    pinUppercaseCharactersUsage: 'disallowed',
    pinLowercaseCharactersUsage: 'disallowed',
    pinSpecialCharactersUsage: 'disallowed',
    state: 'enabled',
    securityDeviceRequired: true,
    unlockWithBiometricsEnabled: true,
    remotePassportEnabled: false,
    pinPreviousBlockCount: 0,
    pinExpirationInDays: 0,
    enhancedBiometricsState: 'notConfigured',
    securityKeyForSignIn: 'disabled',
    enhancedSignInSecurity: 0,
    assignments: [],
    ...extra,
  };
}

/** The tenant's default device limit (priority 0). */
export function defaultDeviceLimit(tenantId: string, limit = 5): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.deviceEnrollmentLimitConfiguration',
    id: `${tenantId}_DefaultLimit`,
    displayName: 'All users and all devices',
    description: 'This is the default Device Limit Restriction applied with the lowest priority to all users regardless of group membership.',
    priority: 0,
    createdDateTime: '2024-05-02T09:00:00Z',
    lastModifiedDateTime: '2025-10-01T09:00:00Z',
    version: 1,
    roleScopeTagIds: ['0'],
    deviceEnrollmentConfigurationType: 'defaultLimit',
    limit,
    assignments: [],
  };
}

/** A Windows platform restriction blocking personal devices below Windows 10 22H2 (single-platform restriction). */
export function windowsPlatformRestriction(side: TenantSide, priority = 1): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration',
    ...stamps(side),
    displayName: 'Win - Corporate only',
    description: '',
    priority,
    roleScopeTagIds: ['0'],
    deviceEnrollmentConfigurationType: 'singlePlatformRestriction',
    platformRestriction: {
      '@odata.type': 'microsoft.graph.deviceEnrollmentPlatformRestriction',
      platformBlocked: false,
      personalDeviceEnrollmentBlocked: true,
      osMinimumVersion: '10.0.19045',
      osMaximumVersion: null,
      blockedManufacturers: [],
      blockedSkus: [],
    },
    platformType: 'windows',
    assignments: [enrollmentAssignment(side)],
  };
}

/** An Entra joined Autopilot profile (user-driven, standard user, serial-number device names). */
export function autopilotDeploymentProfile(side: TenantSide, groupIds: string[] = [side.groupId]): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.azureADWindowsAutopilotDeploymentProfile',
    id: side.policyId,
    displayName: 'Win - Autopilot User Driven',
    description: 'Entra joined, user-driven',
    language: 'os-default',
    locale: 'os-default',
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    outOfBoxExperienceSetting: {
      '@odata.type': 'microsoft.graph.outOfBoxExperienceSetting',
      privacySettingsHidden: true,
      eulaHidden: true,
      userType: 'standard',
      deviceUsageType: 'singleUser',
      keyboardSelectionPageSkipped: true,
      escapeLinkHidden: true,
    },
    enrollmentStatusScreenSettings: null,
    hardwareHashExtractionEnabled: true,
    deviceNameTemplate: 'CON-%SERIAL%',
    deviceType: 'windowsPc',
    preprovisioningAllowed: false,
    roleScopeTagIds: ['0', side.scopeTagId],
    managementServiceAppId: null,
    assignments: groupIds.map((groupId) => ({
      '@odata.type': '#microsoft.graph.windowsAutopilotDeploymentProfileAssignment',
      id: `${side.policyId}_${groupId}`,
      source: 'direct',
      sourceId: side.policyId,
      target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none', groupId },
    })),
  };
}

/** A scope tag that tags the devices of the side's group automatically. */
export function autoAssignedScopeTag(side: TenantSide, id = side.scopeTagId): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.roleScopeTag',
    id,
    displayName: 'Berlin',
    description: 'Devices of the Berlin office',
    isBuiltIn: false,
    assignments: [
      {
        '@odata.type': '#microsoft.graph.roleScopeTagAutoAssignment',
        id: `${id}_${side.groupId}`,
        target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none', groupId: side.groupId },
      },
    ],
  };
}

/** A custom authentication strength (phishing-resistant methods or a hardware token). */
export function customAuthenticationStrength(side: TenantSide, combinations = ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor', 'password, hardwareOath']): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.authenticationStrengthPolicy',
    id: side.policyId,
    createdDateTime: side.created,
    modifiedDateTime: side.modified,
    displayName: 'Contoso admins',
    description: 'Phishing-resistant methods or a hardware token',
    policyType: 'custom',
    requirementsSatisfied: 'mfa',
    allowedCombinations: combinations,
    combinationConfigurations: [],
  };
}

/** The built-in "Multifactor authentication" strength: the same id and combinations in every tenant. */
export function builtInMfaStrength(): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.authenticationStrengthPolicy',
    id: '00000000-0000-0000-0000-000000000002',
    createdDateTime: '2022-09-30T10:59:01.0000000+00:00',
    modifiedDateTime: '2022-09-30T10:59:01.0000000+00:00',
    displayName: 'Multifactor authentication',
    description: 'Combinations of methods that satisfy strong authentication, such as a password + SMS',
    policyType: 'builtIn',
    requirementsSatisfied: 'mfa',
    allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor', 'deviceBasedPush', 'temporaryAccessPassOneTime', 'temporaryAccessPassMultiUse', 'password, microsoftAuthenticatorPush', 'password, softwareOath', 'password, hardwareOath', 'password, sms', 'password, voice', 'federatedMultiFactor', 'microsoftAuthenticatorPush, federatedSingleFactor', 'softwareOath, federatedSingleFactor', 'hardwareOath, federatedSingleFactor', 'sms, federatedSingleFactor', 'voice, federatedSingleFactor'],
    combinationConfigurations: [],
  };
}
