// Tenant-independent policy content for the benchmark tenants: settings catalog settings, device restrictions and
// compliance settings as Microsoft Graph returns them, generated from a seeded Random.
import type { GraphJson } from '../../core/subjects/subject-type';
import type { Random } from './random';

/** The subject types the generated tenants hold (the bulk of a real Intune estate). */
export type BenchTypeKey = 'settingsCatalog' | 'deviceConfiguration' | 'compliancePolicy';

const AREAS = [
  'defender',
  'bitlocker',
  'firewall',
  'edge',
  'update',
  'devicelock',
  'privacy',
  'smartscreen',
  'power',
  'browser',
  'lanman',
  'localpolicies',
];
const WORDS = ['allow', 'block', 'configure', 'enable', 'require', 'prevent', 'turnoff', 'set', 'hide', 'audit', 'enforce', 'limit'];
const OBJECTS = [
  'scanning',
  'telemetry',
  'encryption',
  'startup',
  'uploads',
  'prompts',
  'tls',
  'sharing',
  'sleep',
  'cache',
  'signing',
  'passwords',
  'camera',
  'location',
  'pin',
];

/** Every definition id of an area: `device_vendor_msft_policy_config_<area>_<word><object>`. */
const DEFINITIONS: Record<string, string[]> = Object.fromEntries(
  AREAS.map((area) => [area, WORDS.flatMap((w) => OBJECTS.map((o) => `device_vendor_msft_policy_config_${area}_${w}${o}`))]),
);

/** One settings catalog setting (without its positional id), choice / integer / string, sometimes with a child. */
function catalogSetting(definitionId: string, random: Random): GraphJson {
  const roll = random.next();
  if (roll < 0.3) {
    return simple(definitionId, '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue', random.int(0, 3650));
  }
  if (roll < 0.4) {
    return simple(
      definitionId,
      '#microsoft.graph.deviceManagementConfigurationStringSettingValue',
      `https://contoso.example/${definitionId.slice(-12)}/${random.int(1, 99)}`,
    );
  }
  const children = random.chance(0.15)
    ? [
        simple(`${definitionId}_timeout`, '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue', random.int(1, 60))
          .settingInstance as GraphJson,
      ]
    : [];
  return {
    settingInstance: {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
      settingDefinitionId: definitionId,
      settingInstanceTemplateReference: null,
      choiceSettingValue: { settingValueTemplateReference: null, value: `${definitionId}_${random.int(0, 2)}`, children },
    },
  };
}

function simple(definitionId: string, valueType: string, value: string | number): GraphJson {
  return {
    settingInstance: {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
      settingDefinitionId: definitionId,
      settingInstanceTemplateReference: null,
      simpleSettingValue: { '@odata.type': valueType, settingValueTemplateReference: null, value },
    },
  };
}

/** A settings catalog secret (Wi-Fi / VPN key): Graph answers an encrypted token, so the policy is blocked. */
export function secretSetting(): GraphJson {
  return {
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
  };
}

const RESTRICTIONS: readonly [string, () => unknown][] = [
  ['passwordRequired', () => true],
  ['passwordMinimumLength', () => 8],
  ['passwordMinutesOfInactivityBeforeScreenTimeout', () => 15],
  ['passwordExpirationDays', () => 90],
  ['passwordPreviousPasswordBlockCount', () => 5],
  ['passwordRequiredType', () => 'alphanumeric'],
  ['cameraBlocked', () => false],
  ['bluetoothBlocked', () => false],
  ['cellularBlockDataWhenRoaming', () => true],
  ['storageBlockRemovableStorage', () => true],
  ['usbBlocked', () => false],
  ['defenderScanType', () => 'full'],
  ['defenderScheduledScanTime', () => '02:00:00.0000000'],
  ['defenderSignatureUpdateIntervalInHours', () => 4],
  ['defenderCloudBlockLevel', () => 'high'],
  ['edgeBlockPopups', () => true],
  ['edgeBlockPasswordManager', () => false],
  ['edgeHomepageUrls', () => ['https://intranet.contoso.example']],
  ['smartScreenEnableAppInstallControl', () => true],
  ['lockScreenBlockActionCenterNotifications', () => true],
  ['settingsBlockChangeSystemTime', () => true],
  ['settingsBlockAddProvisioningPackage', () => true],
  ['windowsSpotlightBlocked', () => false],
  ['wiFiBlockManualConfiguration', () => false],
  ['searchBlockDiacritics', () => false],
  ['startMenuHideShutDown', () => false],
  ['diagnosticsDataSubmissionMode', () => 'basic'],
  ['oneDriveDisableFileSync', () => false],
];

const COMPLIANCE: readonly [string, () => unknown][] = [
  ['passwordRequired', () => true],
  ['passwordMinimumLength', () => 12],
  ['passwordRequiredType', () => 'alphanumeric'],
  ['osMinimumVersion', () => '10.0.19045'],
  ['bitLockerEnabled', () => true],
  ['secureBootEnabled', () => true],
  ['codeIntegrityEnabled', () => true],
  ['storageRequireEncryption', () => true],
  ['activeFirewallRequired', () => true],
  ['defenderEnabled', () => true],
  ['antivirusRequired', () => true],
  ['antiSpywareRequired', () => true],
  ['rtpEnabled', () => true],
  ['tpmRequired', () => true],
  ['deviceThreatProtectionEnabled', () => false],
  ['deviceThreatProtectionRequiredSecurityLevel', () => 'unavailable'],
];

/** Type-specific content of one new policy (settings catalog: `settings`; others: properties). */
export function policyContent(type: BenchTypeKey, random: Random): GraphJson {
  if (type === 'settingsCatalog') {
    const area = random.pick(AREAS);
    const definitions = random.sample(DEFINITIONS[area]!, random.int(10, 60));
    return { platforms: 'windows10', technologies: 'mdm', settings: definitions.map((d) => catalogSetting(d, random)) };
  }
  const table = type === 'deviceConfiguration' ? RESTRICTIONS : COMPLIANCE;
  const properties = Object.fromEntries(
    random.sample(table, random.int(Math.ceil(table.length / 2), table.length)).map(([k, v]) => [k, v()]),
  );
  if (type === 'deviceConfiguration') return { '@odata.type': '#microsoft.graph.windows10GeneralConfiguration', ...properties };
  return {
    '@odata.type': '#microsoft.graph.windows10CompliancePolicy',
    ...properties,
    scheduledActionsForRule: [
      {
        ruleName: 'PasswordRequired',
        scheduledActionConfigurations: [
          {
            actionType: 'block',
            gracePeriodHours: random.pick([0, 12, 24, 72]),
            notificationTemplateId: '',
            notificationMessageCCList: [],
          },
        ],
      },
    ],
  };
}

/** The same content with one setting changed, as drift between tenants looks. */
export function driftedContent(content: GraphJson, random: Random): GraphJson {
  const copy = structuredClone(content);
  if (Array.isArray(copy.settings)) {
    const setting = random.pick(copy.settings as GraphJson[]).settingInstance as GraphJson;
    const choice = setting.choiceSettingValue as GraphJson | undefined;
    const simpleValue = setting.simpleSettingValue as GraphJson | undefined;
    if (choice) choice.value = `${String(choice.value)}_drift`;
    else if (simpleValue)
      simpleValue.value = typeof simpleValue.value === 'number' ? simpleValue.value + 1 : `${String(simpleValue.value)}-drift`;
    return copy;
  }
  const key = random.pick(Object.keys(copy).filter((k) => k !== '@odata.type' && k !== 'scheduledActionsForRule'));
  const value = copy[key];
  copy[key] = typeof value === 'boolean' ? !value : typeof value === 'number' ? value + 1 : `${JSON.stringify(value)}-drift`;
  return copy;
}
