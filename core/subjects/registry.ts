import { SUBJECT_TYPE_KEYS, type SubjectType, type SubjectTypeKey } from './subject-type';
import { administrativeTemplate } from './types/administrative-template';
import { authenticationStrength } from './types/authentication-strength';
import { autopilotProfile } from './types/autopilot-profile';
import { assignmentFilter } from './types/assignment-filter';
import { compliancePolicy } from './types/compliance-policy';
import { complianceScript } from './types/compliance-script';
import { conditionalAccessPolicy } from './types/conditional-access-policy';
import { customAttributeScript } from './types/custom-attribute-script';
import { deviceConfiguration } from './types/device-configuration';
import { driverUpdateProfile } from './types/driver-update-profile';
import { enrollmentConfiguration } from './types/enrollment-configuration';
import { featureUpdateProfile } from './types/feature-update-profile';
import { namedLocation } from './types/named-location';
import { powershellScript } from './types/powershell-script';
import { qualityUpdateProfile } from './types/quality-update-profile';
import { remediationScript } from './types/remediation-script';
import { scopeTag } from './types/scope-tag';
import { securityIntent } from './types/security-intent';
import { settingsCatalog } from './types/settings-catalog';
import { shellScript } from './types/shell-script';
import { iosAppProtectionPolicy } from './types/ios-app-protection';
import { androidAppProtectionPolicy } from './types/android-app-protection';
import { windowsAppProtectionPolicy } from './types/windows-app-protection';
import { managedAppConfiguration } from './types/managed-app-configuration';
import { mobileAppConfiguration } from './types/mobile-app-configuration';
import { notificationMessageTemplate } from './types/notification-message-template';

/** Every subject type the product knows, by key. */
export const SUBJECT_TYPES: Record<SubjectTypeKey, SubjectType> = {
  settingsCatalog,
  deviceConfiguration,
  compliancePolicy,
  powershellScript,
  shellScript,
  featureUpdateProfile,
  qualityUpdateProfile,
  conditionalAccessPolicy,
  administrativeTemplate,
  securityIntent,
  remediationScript,
  complianceScript,
  customAttributeScript,
  driverUpdateProfile,
  assignmentFilter,
  namedLocation,
  iosAppProtectionPolicy,
  androidAppProtectionPolicy,
  windowsAppProtectionPolicy,
  managedAppConfiguration,
  mobileAppConfiguration,
  notificationMessageTemplate,
  enrollmentConfiguration,
  autopilotProfile,
  scopeTag,
  authenticationStrength,
};

/** The registry entry of a key. */
export function subjectType(key: SubjectTypeKey): SubjectType {
  return SUBJECT_TYPES[key];
}

/** Words an operator may type for a type (`types <type,...>`), besides its key; compared without case and separators. */
const TYPE_ALIASES: Record<SubjectTypeKey, readonly string[]> = {
  settingsCatalog: ['settings', 'catalog', 'configurationPolicies', 'configurationPolicy'],
  deviceConfiguration: ['configuration', 'configurations', 'config', 'configs', 'deviceConfig', 'deviceConfigurations', 'profiles'],
  compliancePolicy: ['compliance', 'compliancePolicies', 'deviceCompliancePolicies'],
  powershellScript: ['scripts', 'script', 'powershell', 'powershellScripts', 'deviceManagementScripts'],
  shellScript: ['shell', 'shellScripts', 'macScripts', 'deviceShellScripts'],
  featureUpdateProfile: ['feature', 'featureUpdate', 'featureUpdates', 'featureUpdateProfiles', 'windowsFeatureUpdateProfiles'],
  qualityUpdateProfile: ['quality', 'qualityUpdate', 'qualityUpdates', 'qualityUpdateProfiles', 'expedite', 'windowsQualityUpdateProfiles'],
  conditionalAccessPolicy: ['ca', 'conditionalAccess', 'conditionalAccessPolicies'],
  administrativeTemplate: ['admx', 'administrativeTemplates', 'adminTemplate', 'adminTemplates', 'groupPolicy', 'groupPolicyConfigurations'],
  securityIntent: ['intent', 'intents', 'securityIntents', 'securityBaselines'],
  remediationScript: ['remediation', 'remediations', 'healthScripts', 'deviceHealthScripts', 'proactiveRemediations'],
  complianceScript: ['complianceScripts', 'deviceComplianceScripts', 'customCompliance'],
  customAttributeScript: ['customAttribute', 'customAttributes', 'customAttributeScripts', 'deviceCustomAttributeShellScripts'],
  driverUpdateProfile: ['driver', 'drivers', 'driverUpdate', 'driverUpdates', 'driverUpdateProfiles', 'windowsDriverUpdateProfiles'],
  assignmentFilter: ['filter', 'filters', 'assignmentFilters'],
  namedLocation: ['location', 'locations', 'namedLocations'],
  iosAppProtectionPolicy: ['iosAppProtection', 'iosAppProtectionPolicies', 'iosMam', 'iosManagedAppProtections'],
  androidAppProtectionPolicy: ['androidAppProtection', 'androidAppProtectionPolicies', 'androidMam', 'androidManagedAppProtections'],
  windowsAppProtectionPolicy: ['windowsAppProtection', 'windowsAppProtectionPolicies', 'windowsMam', 'windowsManagedAppProtections'],
  managedAppConfiguration: ['appConfigManagedApps', 'appConfigurationManagedApps', 'managedAppConfig', 'targetedManagedAppConfigurations'],
  mobileAppConfiguration: ['appConfigManagedDevices', 'appConfigurationManagedDevices', 'mobileAppConfig', 'mobileAppConfigurations'],
  notificationMessageTemplate: ['notifications', 'notificationTemplate', 'notificationTemplates', 'notificationMessageTemplates'],
  enrollmentConfiguration: ['enrollment', 'enrollments', 'enrollmentConfigurations', 'deviceEnrollmentConfigurations', 'esp', 'enrollmentStatusPage', 'enrollmentRestrictions'],
  autopilotProfile: ['autopilot', 'autopilotProfiles', 'deploymentProfiles', 'windowsAutopilotDeploymentProfiles'],
  scopeTag: ['scopeTags', 'tags', 'roleScopeTags'],
  authenticationStrength: ['authStrength', 'authStrengths', 'authenticationStrengths', 'authenticationStrengthPolicies'],
};

/**
 * Folder names (exports, sandbox tenants) that hold a type's objects, besides its collection's last segment: the names
 * the common Intune backup tools write (singular `DeviceConfiguration`, `CompliancePolicies`, `SettingsCatalog`, and
 * spelled-out names such as `Device Configurations`). Compared without case, spaces, dashes or underscores.
 */
const COLLECTION_ALIASES: Partial<Record<SubjectTypeKey, readonly string[]>> = {
  settingsCatalog: ['settingsCatalog', 'settingsCatalogPolicies', 'configurationPolicy'],
  deviceConfiguration: ['deviceConfiguration', 'deviceConfigurationProfiles', 'configurationProfiles'],
  compliancePolicy: ['compliancePolicies', 'compliancePolicy', 'deviceCompliancePolicy', 'deviceCompliance'],
  powershellScript: ['powershellScripts', 'deviceManagementScript', 'platformScripts', 'scripts'],
  shellScript: ['macScripts', 'shellScripts', 'deviceShellScript', 'macOSScripts'],
  featureUpdateProfile: ['featureUpdates', 'windowsFeatureUpdates', 'featureUpdateProfiles'],
  qualityUpdateProfile: ['qualityUpdates', 'windowsQualityUpdates', 'qualityUpdateProfiles'],
  conditionalAccessPolicy: ['conditionalAccess', 'conditionalAccessPolicies'],
  administrativeTemplate: ['administrativeTemplates', 'administrativeTemplate', 'groupPolicyConfiguration'],
  securityIntent: ['endpointSecurity', 'deviceManagementIntents', 'intents', 'securityBaselines'],
  remediationScript: ['remediations', 'healthScripts', 'proactiveRemediations', 'deviceHealthScript'],
  complianceScript: ['complianceScripts', 'deviceComplianceScript'],
  customAttributeScript: ['customAttributes', 'customAttributeScripts', 'macCustomAttributes'],
  driverUpdateProfile: ['driverUpdates', 'windowsDriverUpdates', 'driverUpdateProfiles'],
  iosAppProtectionPolicy: ['iosAppProtection', 'iosAppProtectionPolicies'],
  androidAppProtectionPolicy: ['androidAppProtection', 'androidAppProtectionPolicies'],
  windowsAppProtectionPolicy: ['windowsAppProtection', 'windowsAppProtectionPolicies'],
  managedAppConfiguration: ['appConfigurationManagedApps', 'appConfigurationManagedApp', 'managedAppConfigurations'],
  mobileAppConfiguration: ['appConfigurationManagedDevices', 'appConfigurationManagedDevice', 'managedDeviceAppConfigurations'],
  notificationMessageTemplate: ['notificationTemplates', 'notifications', 'notificationMessageTemplate'],
  enrollmentConfiguration: ['enrollmentConfigurations', 'enrollmentConfiguration', 'enrollmentRestrictions', 'enrollmentStatusPage', 'deviceEnrollmentConfiguration'],
  autopilotProfile: ['autopilotProfiles', 'autopilot', 'autopilotDeploymentProfiles', 'windowsAutopilotDeploymentProfile'],
  scopeTag: ['scopeTags', 'scopeTag', 'roleScopeTag'],
  authenticationStrength: ['authenticationStrengths', 'authenticationStrength', 'authenticationStrengthPolicy'],
};

/** Case, spaces, dashes and underscores do not matter in names typed or found on disk. */
const simplify = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, '');

const BY_WORD = new Map<string, SubjectTypeKey>(
  SUBJECT_TYPE_KEYS.flatMap((key) => [key, ...TYPE_ALIASES[key]].map((word) => [simplify(word), key] as const)),
);

/** The key an operator meant by a type word (key or alias, any case); undefined when it names no type. */
export function parseSubjectTypeKey(text: string): SubjectTypeKey | undefined {
  return BY_WORD.get(simplify(text));
}

const BY_ODATA_TYPE = new Map<string, SubjectType>(
  Object.values(SUBJECT_TYPES).flatMap((type) => type.odataTypes.map((odataType) => [bareOdataType(odataType), type] as const)),
);

/** Types whose names end like device configurations but are other Intune objects (enrollment, app configuration). */
const NOT_A_POLICY = /enrollment|comanagementauthority|appconfiguration|managedapp|mobileapp|autopilot/;

/** Derived types not listed explicitly, recognised by their name's ending (checked after the exact list). */
const ODATA_SUFFIXES: readonly [RegExp, SubjectTypeKey][] = [
  [/compliancepolicy$/, 'compliancePolicy'],
  [/(configuration|certificateprofile|trustedrootcertificate)$/, 'deviceConfiguration'],
];

/** The type of an object by its `@odata.type` (with or without `#`); undefined when no registered type has it. */
export function subjectTypeByOdataType(odataType: string): SubjectType | undefined {
  const bare = bareOdataType(odataType);
  if (!bare.startsWith('microsoft.graph.')) return undefined;
  const exact = BY_ODATA_TYPE.get(bare);
  if (exact) return exact;
  if (NOT_A_POLICY.test(bare)) return undefined;
  const match = ODATA_SUFFIXES.find(([pattern]) => pattern.test(bare));
  return match ? SUBJECT_TYPES[match[1]] : undefined;
}

const BY_COLLECTION = new Map<string, SubjectType>(
  Object.values(SUBJECT_TYPES).flatMap((type) => {
    const lastSegment = type.collectionPath.split('/').pop()!;
    // CA's collection is the generic word "policies", which other tools use for unrelated folders.
    const own = type.key === 'conditionalAccessPolicy' ? [] : [lastSegment];
    return [...own, ...(COLLECTION_ALIASES[type.key] ?? [])].map((name) => [simplify(name), type] as const);
  }),
);

/** The type whose collection (or well-known folder name) is `lastPathSegment`, e.g. `deviceConfigurations`. */
export function subjectTypeByCollection(lastPathSegment: string): SubjectType | undefined {
  return BY_COLLECTION.get(simplify(lastPathSegment));
}

const BY_COLLECTION_KEY = new Map<string, SubjectType>(
  Object.values(SUBJECT_TYPES).map((type) => [type.collectionPath.replace(/^\/(beta|v1\.0)\//, '').toLowerCase(), type] as const),
);

/** The type whose versionless collection path is `key`, e.g. `deviceManagement/deviceConfigurations` (any case). */
export function subjectTypeByCollectionKey(key: string): SubjectType | undefined {
  return BY_COLLECTION_KEY.get(key.toLowerCase());
}

/** `#microsoft.graph.X` and `microsoft.graph.x` are the same type for lookup. */
function bareOdataType(odataType: string): string {
  return odataType.trim().replace(/^#/, '').toLowerCase();
}
