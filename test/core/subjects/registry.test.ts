import { describe, expect, it } from 'vitest';
import {
  SUBJECT_TYPES,
  parseSubjectTypeKey,
  subjectType,
  subjectTypeByCollection,
  subjectTypeByOdataType,
} from '../../../core/subjects/registry';
import { SUBJECT_TYPE_KEYS } from '../../../core/subjects/subject-type';

describe('subject type registry', () => {
  it('has one entry per key, each under its own key, with a versioned collection path', () => {
    expect(Object.keys(SUBJECT_TYPES).sort()).toEqual([...SUBJECT_TYPE_KEYS].sort());
    for (const key of SUBJECT_TYPE_KEYS) {
      expect(subjectType(key).key).toBe(key);
      expect(subjectType(key).collectionPath).toMatch(/^\/(beta|v1\.0)\//);
      expect(subjectType(key).readOnlyFields).toContain('id');
    }
  });

  it('marks exactly administrative templates, legacy intents and managed-device app configurations as not promotable', () => {
    const notPromotable = SUBJECT_TYPE_KEYS.filter((k) => SUBJECT_TYPES[k].notPromotableReason !== undefined);
    expect(notPromotable).toEqual(['administrativeTemplate', 'securityIntent', 'mobileAppConfiguration']);
  });

  it.each([
    ['settings', 'settingsCatalog'],
    ['SettingsCatalog', 'settingsCatalog'],
    ['compliance', 'compliancePolicy'],
    ['CA', 'conditionalAccessPolicy'],
    ['conditionalAccess', 'conditionalAccessPolicy'],
    ['scripts', 'powershellScript'],
    ['shell', 'shellScript'],
    ['feature-updates', 'featureUpdateProfile'],
    ['quality', 'qualityUpdateProfile'],
    ['admx', 'administrativeTemplate'],
    ['intents', 'securityIntent'],
    ['deviceConfiguration', 'deviceConfiguration'],
    ['remediations', 'remediationScript'],
    ['compliance-scripts', 'complianceScript'],
    ['custom attributes', 'customAttributeScript'],
    ['drivers', 'driverUpdateProfile'],
    ['ios-app-protection', 'iosAppProtectionPolicy'],
    ['androidMam', 'androidAppProtectionPolicy'],
    ['windows app protection', 'windowsAppProtectionPolicy'],
    ['appConfigManagedApps', 'managedAppConfiguration'],
    ['appConfigManagedDevices', 'mobileAppConfiguration'],
    ['notifications', 'notificationMessageTemplate'],
    ['ESP', 'enrollmentConfiguration'],
    ['enrollment restrictions', 'enrollmentConfiguration'],
    ['autopilot', 'autopilotProfile'],
    ['scope tags', 'scopeTag'],
    ['auth strengths', 'authenticationStrength'],
  ])('understands "%s" as %s', (word, key) => {
    expect(parseSubjectTypeKey(word)).toBe(key);
  });

  it('does not guess at unknown type words', () => {
    expect(parseSubjectTypeKey('apps')).toBeUndefined();
    expect(parseSubjectTypeKey('')).toBeUndefined();
  });

  it('recognises objects by @odata.type, listed or derived, with or without #', () => {
    expect(subjectTypeByOdataType('#microsoft.graph.deviceManagementConfigurationPolicy')?.key).toBe('settingsCatalog');
    expect(subjectTypeByOdataType('microsoft.graph.windows10CompliancePolicy')?.key).toBe('compliancePolicy');
    expect(subjectTypeByOdataType('#microsoft.graph.groupPolicyConfiguration')?.key).toBe('administrativeTemplate');
    expect(subjectTypeByOdataType('#microsoft.graph.windows10NetworkBoundaryConfiguration')?.key).toBe('deviceConfiguration');
    expect(subjectTypeByOdataType('#microsoft.graph.windows10EnrollmentCompletionPageConfiguration')?.key).toBe('enrollmentConfiguration');
    expect(subjectTypeByOdataType('#microsoft.graph.azureADWindowsAutopilotDeploymentProfile')?.key).toBe('autopilotProfile');
    expect(subjectTypeByOdataType('#microsoft.graph.roleScopeTag')?.key).toBe('scopeTag');
    expect(subjectTypeByOdataType('#microsoft.graph.authenticationStrengthPolicy')?.key).toBe('authenticationStrength');
    // Enrollment configurations the product does not govern are not mistaken for device configurations.
    expect(subjectTypeByOdataType('#microsoft.graph.deviceComanagementAuthorityConfiguration')).toBeUndefined();
    expect(subjectTypeByOdataType('#microsoft.graph.windowsRestoreDeviceEnrollmentConfiguration')).toBeUndefined();
    expect(subjectTypeByOdataType('#microsoft.graph.group')).toBeUndefined();
    expect(subjectTypeByOdataType('#microsoft.graph.iosManagedAppProtection')?.key).toBe('iosAppProtectionPolicy');
    expect(subjectTypeByOdataType('#microsoft.graph.windowsManagedAppProtection')?.key).toBe('windowsAppProtectionPolicy');
    expect(subjectTypeByOdataType('#microsoft.graph.targetedManagedAppConfiguration')?.key).toBe('managedAppConfiguration');
    expect(subjectTypeByOdataType('#microsoft.graph.androidManagedStoreAppConfiguration')?.key).toBe('mobileAppConfiguration');
    expect(subjectTypeByOdataType('#microsoft.graph.notificationMessageTemplate')?.key).toBe('notificationMessageTemplate');
    // Other app types stay unrecognised rather than being taken for device configurations.
    expect(subjectTypeByOdataType('#microsoft.graph.iosVppAppConfiguration')).toBeUndefined();
  });

  it('recognises folders named after collections, but not the generic "policies"', () => {
    expect(subjectTypeByCollection('configurationPolicies')?.key).toBe('settingsCatalog');
    expect(subjectTypeByCollection('deviceCompliancePolicies')?.key).toBe('compliancePolicy');
    expect(subjectTypeByCollection('Device Configurations')?.key).toBe('deviceConfiguration');
    expect(subjectTypeByCollection('conditionalAccess')?.key).toBe('conditionalAccessPolicy');
    expect(subjectTypeByCollection('policies')).toBeUndefined();
    expect(subjectTypeByCollection('iosManagedAppProtections')?.key).toBe('iosAppProtectionPolicy');
    expect(subjectTypeByCollection('AppConfigurationManagedDevices')?.key).toBe('mobileAppConfiguration');
    expect(subjectTypeByCollection('notificationMessageTemplates')?.key).toBe('notificationMessageTemplate');
    expect(subjectTypeByCollection('deviceEnrollmentConfigurations')?.key).toBe('enrollmentConfiguration');
    expect(subjectTypeByCollection('windowsAutopilotDeploymentProfiles')?.key).toBe('autopilotProfile');
    expect(subjectTypeByCollection('Scope Tags')?.key).toBe('scopeTag');
    expect(subjectTypeByCollection('authenticationStrengthPolicies')?.key).toBe('authenticationStrength');
  });
});
