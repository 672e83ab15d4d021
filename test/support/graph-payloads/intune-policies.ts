// Settings catalog, device configuration and compliance policies as Graph lists them.
import type { GraphJson } from '../../../core/subjects/subject-type';
import { allDevicesAssignment, policyAssignments, type TenantSide } from './tenant-sides';

/** A settings catalog list item (`$expand=assignments`), without settings. */
export function settingsCatalogPolicy(side: TenantSide, extra: GraphJson = {}): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
    id: side.policyId,
    name: 'Win - Defender Antivirus baseline',
    description: 'Real-time protection on, cloud block level high',
    platforms: 'windows10',
    technologies: 'mdm',
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    settingCount: 2,
    creationSource: null,
    roleScopeTagIds: ['0', side.scopeTagId],
    isAssigned: true,
    templateReference: { templateId: '', templateFamily: 'none', templateDisplayName: null, templateDisplayVersion: null },
    priorityMetaData: null,
    'assignments@odata.context': `https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies('${side.policyId}')/assignments`,
    assignments: policyAssignments(side),
    ...extra,
  };
}

/** The `/configurationPolicies/{id}/settings` items of that policy; `secret` adds a Wi-Fi password setting. */
export function settingsCatalogSettings(opts: { secret?: boolean } = {}): GraphJson[] {
  const settings: GraphJson[] = [
    {
      id: '0',
      settingInstance: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
        settingDefinitionId: 'device_vendor_msft_policy_config_defender_allowrealtimemonitoring',
        settingInstanceTemplateReference: null,
        choiceSettingValue: {
          settingValueTemplateReference: null,
          value: 'device_vendor_msft_policy_config_defender_allowrealtimemonitoring_1',
          children: [],
        },
      },
    },
    {
      id: '1',
      settingInstance: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
        settingDefinitionId: 'device_vendor_msft_policy_config_defender_avgcpuloadfactor',
        settingInstanceTemplateReference: null,
        simpleSettingValue: {
          '@odata.type': '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue',
          settingValueTemplateReference: null,
          value: 50,
        },
      },
    },
  ];
  if (opts.secret) {
    settings.push({
      id: '2',
      settingInstance: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
        settingDefinitionId: 'com.apple.wifi.managed_password',
        settingInstanceTemplateReference: null,
        simpleSettingValue: {
          '@odata.type': '#microsoft.graph.deviceManagementConfigurationSecretSettingValue',
          settingValueTemplateReference: null,
          value: 'a3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
          valueState: 'encryptedValueToken',
        },
      },
    });
  }
  return settings;
}

/** A Windows 10 device restrictions profile. */
export function deviceRestrictions(side: TenantSide): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.windows10GeneralConfiguration',
    id: side.policyId,
    displayName: 'Win - Device restrictions',
    description: null,
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    version: 4,
    supportsScopeTags: true,
    roleScopeTagIds: [side.scopeTagId],
    deviceManagementApplicabilityRuleOsEdition: null,
    deviceManagementApplicabilityRuleOsVersion: null,
    deviceManagementApplicabilityRuleDeviceMode: null,
    passwordRequired: true,
    passwordMinimumLength: 12,
    cameraBlocked: false,
    defenderScanType: 'full',
    assignments: policyAssignments(side),
  };
}

/** A custom OMA-URI profile; `encrypted` mimics Intune's encrypted string values (read-only secret reference). */
export function customOmaProfile(side: TenantSide, opts: { encrypted: boolean }): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
    id: side.policyId,
    displayName: 'Win - Custom OMA',
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    version: 2,
    supportsScopeTags: true,
    roleScopeTagIds: ['0'],
    omaSettings: [
      { '@odata.type': '#microsoft.graph.omaSettingInteger', displayName: 'Telemetry', omaUri: './Device/Vendor/MSFT/Policy/Config/System/AllowTelemetry', value: 1, isReadOnly: false, isEncrypted: false, secretReferenceValueId: null },
      { '@odata.type': '#microsoft.graph.omaSettingBoolean', displayName: 'Hide fast user switching', omaUri: './Device/Vendor/MSFT/Policy/Config/WindowsLogon/HideFastUserSwitching', value: true, isReadOnly: false, isEncrypted: false, secretReferenceValueId: null },
      opts.encrypted
        ? { '@odata.type': '#microsoft.graph.omaSettingString', displayName: 'Proxy', omaUri: './Vendor/MSFT/Policy/Config/Connectivity/ProxyServer', value: '****', isReadOnly: false, isEncrypted: true, secretReferenceValueId: `${side.policyId}_2_secret` }
        : { '@odata.type': '#microsoft.graph.omaSettingString', displayName: 'Proxy', omaUri: './Vendor/MSFT/Policy/Config/Connectivity/ProxyServer', value: 'proxy.contoso.com:8080', isReadOnly: false, isEncrypted: false, secretReferenceValueId: null },
    ],
    assignments: [allDevicesAssignment(side)],
  };
}

/** An Android device owner WPA personal Wi-Fi profile: the pre-shared key is set but Graph returns null. */
export function personalWifiProfile(side: TenantSide): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.androidDeviceOwnerWiFiConfiguration',
    id: side.policyId,
    displayName: 'Android - Warehouse Wi-Fi',
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    version: 1,
    roleScopeTagIds: ['0'],
    networkName: 'CONTOSO-WH',
    ssid: 'CONTOSO-WH',
    connectAutomatically: true,
    connectWhenNetworkNameIsHidden: false,
    wiFiSecurityType: 'wpaPersonal',
    preSharedKey: null,
    preSharedKeyIsSet: true,
    proxySettings: 'none',
    assignments: [],
  };
}

/** A Windows 10 compliance policy with block + email actions, as `$expand=assignments,scheduledActionsForRule(...)` returns it. */
export function windowsCompliancePolicy(side: TenantSide): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.windows10CompliancePolicy',
    id: side.policyId,
    displayName: 'Win - Compliance baseline',
    description: 'BitLocker, Secure Boot, minimum OS',
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    version: 3,
    roleScopeTagIds: ['0'],
    passwordRequired: false,
    osMinimumVersion: '10.0.19045',
    bitLockerEnabled: true,
    secureBootEnabled: true,
    deviceThreatProtectionEnabled: false,
    'scheduledActionsForRule@odata.context': `https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceCompliancePolicies('${side.policyId}')/scheduledActionsForRule(scheduledActionConfigurations())`,
    scheduledActionsForRule: [
      {
        id: `${side.policyId}-rule`,
        ruleName: 'PasswordRequired',
        'scheduledActionConfigurations@odata.context': 'https://graph.microsoft.com/beta/$metadata#...',
        scheduledActionConfigurations: [
          { id: `${side.policyId}-block`, gracePeriodHours: 0, actionType: 'block', notificationTemplateId: '00000000-0000-0000-0000-000000000000', notificationMessageCCList: [] },
          { id: `${side.policyId}-mail`, gracePeriodHours: 24, actionType: 'notification', notificationTemplateId: side.notificationTemplateId, notificationMessageCCList: [side.excludedGroupId] },
        ],
      },
    ],
    assignments: policyAssignments(side),
  };
}
