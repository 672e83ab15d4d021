import { defineIntuneType, odataTypeKind } from '../intune-type';
import type { GraphJson, SecretRead } from '../subject-type';

const COLLECTION = '/beta/deviceManagement/deviceConfigurations';

/**
 * Encrypted OMA-URI values Graph returns in clear through
 * `GET /deviceManagement/deviceConfigurations/{id}/getOmaSettingPlainTextValue(secretReferenceValueId='{id}')`,
 * one per setting that names its secret reference.
 */
function omaSecretReads(raw: GraphJson): SecretRead[] {
  if (!Array.isArray(raw.omaSettings) || typeof raw.id !== 'string') return [];
  const objectPath = `${COLLECTION}/${encodeURIComponent(raw.id)}`;
  return raw.omaSettings.flatMap((setting: unknown, index) => {
    const ref = typeof setting === 'object' && setting !== null ? (setting as GraphJson).secretReferenceValueId : undefined;
    if (typeof ref !== 'string' || ref.trim() === '') return [];
    const quoted = encodeURIComponent(ref.replace(/'/g, "''"));
    return [{ path: `omaSettings[${index}].value`, request: { method: 'GET' as const, path: `${objectPath}/getOmaSettingPlainTextValue(secretReferenceValueId='${quoted}')` } }];
  });
}

/** Common derived types; others are recognised by their suffix (see registry). */
export const DEVICE_CONFIGURATION_ODATA_TYPES: readonly string[] = [
  '#microsoft.graph.windows10GeneralConfiguration',
  '#microsoft.graph.windows10CustomConfiguration',
  '#microsoft.graph.windows10EndpointProtectionConfiguration',
  '#microsoft.graph.windowsUpdateForBusinessConfiguration',
  '#microsoft.graph.windowsWifiConfiguration',
  '#microsoft.graph.windows10VpnConfiguration',
  '#microsoft.graph.windowsHealthMonitoringConfiguration',
  '#microsoft.graph.windowsDeliveryOptimizationConfiguration',
  '#microsoft.graph.windowsIdentityProtectionConfiguration',
  '#microsoft.graph.windowsKioskConfiguration',
  '#microsoft.graph.windowsDomainJoinConfiguration',
  '#microsoft.graph.editionUpgradeConfiguration',
  '#microsoft.graph.sharedPCConfiguration',
  '#microsoft.graph.windows81TrustedRootCertificate',
  '#microsoft.graph.windows81SCEPCertificateProfile',
  '#microsoft.graph.windows10PkcsCertificateProfile',
  '#microsoft.graph.iosGeneralDeviceConfiguration',
  '#microsoft.graph.iosCustomConfiguration',
  '#microsoft.graph.iosDeviceFeaturesConfiguration',
  '#microsoft.graph.iosWiFiConfiguration',
  '#microsoft.graph.iosTrustedRootCertificate',
  '#microsoft.graph.macOSGeneralDeviceConfiguration',
  '#microsoft.graph.macOSCustomConfiguration',
  '#microsoft.graph.macOSDeviceFeaturesConfiguration',
  '#microsoft.graph.macOSEndpointProtectionConfiguration',
  '#microsoft.graph.macOSExtensionsConfiguration',
  '#microsoft.graph.androidGeneralDeviceConfiguration',
  '#microsoft.graph.androidCustomConfiguration',
  '#microsoft.graph.androidWorkProfileGeneralDeviceConfiguration',
  '#microsoft.graph.androidWorkProfileWiFiConfiguration',
  '#microsoft.graph.androidDeviceOwnerGeneralDeviceConfiguration',
  '#microsoft.graph.androidDeviceOwnerWiFiConfiguration',
];

/**
 * Device configuration profiles (templates such as device restrictions, custom OMA-URI, Wi-Fi, VPN). Administrative
 * templates live in groupPolicyConfigurations and are a separate type. `secretReferenceValueId` / `isEncrypted` of
 * OMA-URI settings are read-only; encrypted values are reported as secrets before they are stripped, and read in clear
 * through getOmaSettingPlainTextValue when Graph allows it.
 */
export const deviceConfiguration = defineIntuneType({
  key: 'deviceConfiguration',
  label: 'Device configuration',
  collectionPath: COLLECTION,
  odataTypes: DEVICE_CONFIGURATION_ODATA_TYPES,
  extraReadOnlyFields: ['secretReferenceValueId', 'isEncrypted'],
  kindKey: odataTypeKind,
  secretReads: omaSecretReads,
});
