// App protection policies, app configuration policies and notification message templates, shaped as the Microsoft
// Graph beta reference documents them (iosManagedAppProtection, androidManagedAppProtection,
// windowsManagedAppProtection, targetedManagedAppConfiguration with `apps` and `customSettings`,
// iosMobileAppConfiguration / androidManagedStoreAppConfiguration, notificationMessageTemplate with
// localizedNotificationMessages): the list item with `$expand=apps,assignments`, or the template with its messages.
import type { GraphJson } from '../../../core/subjects/subject-type';
import { policyAssignments, type TenantSide } from './tenant-sides';

/** A managed app as `apps` lists it: Intune's own entry id and version beside the app's identifier. */
function managedApp(side: TenantSide, identifier: GraphJson, index: number): GraphJson {
  const id = String(identifier.bundleId ?? identifier.packageId ?? identifier.windowsAppId);
  return { '@odata.type': '#microsoft.graph.managedMobileApp', id: `${id}.${side.policyId.slice(0, 4)}${index}`, mobileAppIdentifier: identifier, version: `-${index + 1}7${side.policyId.length}` };
}

const iosApp = (bundleId: string): GraphJson => ({ '@odata.type': '#microsoft.graph.iosMobileAppIdentifier', bundleId });
const androidApp = (packageId: string): GraphJson => ({ '@odata.type': '#microsoft.graph.androidMobileAppIdentifier', packageId });

/** Members every managed app policy carries that Intune sets. */
function managedAppPolicy(side: TenantSide, odataType: string, displayName: string): GraphJson {
  return {
    '@odata.type': odataType,
    id: `T_${side.policyId}`,
    displayName,
    description: 'Corporate data stays in managed apps',
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    roleScopeTagIds: ['0', side.scopeTagId],
    version: '"5b00a2d1-0000-0d00-0000-65c8b2f10000"',
    isAssigned: true,
    deployedAppCount: 2,
  };
}

/** An iOS app protection policy for Outlook and Teams: PIN, no backup, managed-app data transfer. */
export function iosAppProtection(side: TenantSide, bundleIds = ['com.microsoft.Office.Outlook', 'com.microsoft.skype.teams']): GraphJson {
  return {
    ...managedAppPolicy(side, '#microsoft.graph.iosManagedAppProtection', 'iOS - Protect corporate data'),
    periodOfflineBeforeAccessCheck: 'PT12H',
    periodOnlineBeforeAccessCheck: 'PT30M',
    allowedInboundDataTransferSources: 'managedApps',
    allowedOutboundDataTransferDestinations: 'managedApps',
    organizationalCredentialsRequired: false,
    allowedOutboundClipboardSharingLevel: 'managedAppsWithPasteIn',
    dataBackupBlocked: true,
    deviceComplianceRequired: true,
    managedBrowserToOpenLinksRequired: false,
    saveAsBlocked: true,
    periodOfflineBeforeWipeIsEnforced: 'P90D',
    pinRequired: true,
    maximumPinRetries: 5,
    simplePinBlocked: true,
    minimumPinLength: 6,
    pinCharacterSet: 'numeric',
    periodBeforePinReset: 'PT0S',
    allowedDataStorageLocations: ['oneDriveForBusiness', 'sharePoint'],
    contactSyncBlocked: false,
    printBlocked: true,
    fingerprintBlocked: false,
    disableAppPinIfDevicePinIsSet: false,
    minimumRequiredOsVersion: '16.0',
    appActionIfDeviceComplianceRequired: 'block',
    appActionIfMaximumPinRetriesExceeded: 'block',
    targetedAppManagementLevels: 'unspecified',
    appGroupType: 'selectedPublicApps',
    appDataEncryptionType: 'whenDeviceLocked',
    faceIdBlocked: false,
    exemptedAppProtocols: [{ '@odata.type': 'microsoft.graph.keyValuePair', name: 'Default', value: 'tel;telprompt;skype;app-settings;calshow;itms;itmss;itms-apps;itms-appss;' }],
    thirdPartyKeyboardsBlocked: false,
    apps: bundleIds.map((b, i) => managedApp(side, iosApp(b), i)),
    assignments: policyAssignments(side),
  };
}

/** An Android app protection policy for Outlook and Teams: screen capture blocked, PIN. */
export function androidAppProtection(side: TenantSide): GraphJson {
  return {
    ...managedAppPolicy(side, '#microsoft.graph.androidManagedAppProtection', 'Android - Protect corporate data'),
    periodOfflineBeforeAccessCheck: 'PT12H',
    periodOnlineBeforeAccessCheck: 'PT30M',
    allowedInboundDataTransferSources: 'managedApps',
    allowedOutboundDataTransferDestinations: 'managedApps',
    allowedOutboundClipboardSharingLevel: 'managedAppsWithPasteIn',
    dataBackupBlocked: true,
    saveAsBlocked: true,
    pinRequired: true,
    minimumPinLength: 6,
    pinCharacterSet: 'numeric',
    screenCaptureBlocked: true,
    encryptAppData: true,
    minimumRequiredOsVersion: '10.0',
    appGroupType: 'selectedPublicApps',
    targetedAppManagementLevels: 'unspecified',
    apps: ['com.microsoft.office.outlook', 'com.microsoft.teams'].map((p, i) => managedApp(side, androidApp(p), i)),
    assignments: policyAssignments(side),
  };
}

/** A Windows (MAM for Edge) app protection policy: no printing, no data out, block on an unknown user. */
export function windowsAppProtection(side: TenantSide): GraphJson {
  return {
    ...managedAppPolicy(side, '#microsoft.graph.windowsManagedAppProtection', 'Windows - Edge MAM'),
    printBlocked: true,
    allowedInboundDataTransferSources: 'none',
    allowedOutboundClipboardSharingLevel: 'none',
    allowedOutboundDataTransferDestinations: 'none',
    appActionIfUnableToAuthenticateUser: 'block',
    maximumAllowedDeviceThreatLevel: 'notConfigured',
    mobileThreatDefenseRemediationAction: 'block',
    minimumRequiredOsVersion: '10.0.22621.0',
    periodOfflineBeforeWipeIsEnforced: 'P90D',
    periodOfflineBeforeAccessCheck: 'PT720M',
    apps: [managedApp(side, { '@odata.type': '#microsoft.graph.windowsAppIdentifier', windowsAppId: 'com.microsoft.edge' }, 0)],
    assignments: policyAssignments(side),
  };
}

/** An app configuration policy for managed apps: Outlook's account setup as key/value pairs. */
export function managedAppConfig(side: TenantSide): GraphJson {
  return {
    ...managedAppPolicy(side, '#microsoft.graph.targetedManagedAppConfiguration', 'Outlook - Org allowed accounts'),
    id: `A_${side.policyId}`,
    customSettings: [
      { '@odata.type': 'microsoft.graph.keyValuePair', name: 'com.microsoft.outlook.EmailProfile.AccountType', value: 'ModernAuth' },
      { '@odata.type': 'microsoft.graph.keyValuePair', name: 'IntuneMAMAllowedAccountsOnly', value: 'Enabled' },
    ],
    appGroupType: 'selectedPublicApps',
    targetedAppManagementLevels: 'unspecified',
    apps: [managedApp(side, iosApp('com.microsoft.Office.Outlook'), 0), managedApp(side, androidApp('com.microsoft.office.outlook'), 1)],
    assignments: policyAssignments(side),
  };
}

/** An iOS app configuration policy for managed devices: tenant-local app id, configuration settings. */
export function iosMobileAppConfig(side: TenantSide, appId: string): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.iosMobileAppConfiguration',
    id: side.policyId,
    targetedMobileApps: [appId],
    roleScopeTagIds: ['0'],
    createdDateTime: side.created,
    description: 'Outlook on supervised iPhones',
    lastModifiedDateTime: side.modified,
    displayName: 'iOS - Outlook configuration',
    version: 2,
    encodedSettingXml: null,
    settings: [
      { '@odata.type': 'microsoft.graph.appConfigurationSettingItem', appConfigKey: 'com.microsoft.outlook.EmailProfile.EmailAddress', appConfigKeyType: 'stringType', appConfigKeyValue: '{{mail}}' },
      { '@odata.type': 'microsoft.graph.appConfigurationSettingItem', appConfigKey: 'IntuneMAMAllowedAccountsOnly', appConfigKeyType: 'stringType', appConfigKeyValue: 'Enabled' },
    ],
    assignments: policyAssignments(side),
  };
}

/** A notification message template with an English (default) and a German message, as Graph lists it. */
export function notificationTemplate(side: TenantSide, englishSubject = 'Your device is not compliant'): GraphJson {
  const templateId = side.notificationTemplateId;
  return {
    '@odata.type': '#microsoft.graph.notificationMessageTemplate',
    id: templateId,
    lastModifiedDateTime: side.modified,
    displayName: 'Noncompliance - first notice',
    description: 'Sent when a device falls out of compliance',
    defaultLocale: 'en-us',
    brandingOptions: 'includeCompanyLogo,includeCompanyName,includeContactInformation',
    roleScopeTagIds: ['0', side.scopeTagId],
    localizedNotificationMessages: [
      { '@odata.type': '#microsoft.graph.localizedNotificationMessage', id: `${templateId}_en-us`, lastModifiedDateTime: side.modified, locale: 'en-us', subject: englishSubject, messageTemplate: 'Please update your device within 3 days.', isDefault: true },
      { '@odata.type': '#microsoft.graph.localizedNotificationMessage', id: `${templateId}_de-de`, lastModifiedDateTime: side.modified, locale: 'de-de', subject: 'Ihr Gerät ist nicht konform', messageTemplate: 'Bitte aktualisieren Sie Ihr Gerät innerhalb von 3 Tagen.', isDefault: false },
    ],
  };
}
