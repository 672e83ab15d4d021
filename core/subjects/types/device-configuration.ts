import { defineIntuneType, odataTypeKind } from '../intune-type';

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
 * OMA-URI settings are read-only; encrypted values are reported as secrets before they are stripped.
 */
export const deviceConfiguration = defineIntuneType({
  key: 'deviceConfiguration',
  label: 'Device configuration',
  collectionPath: '/beta/deviceManagement/deviceConfigurations',
  odataTypes: DEVICE_CONFIGURATION_ODATA_TYPES,
  extraReadOnlyFields: ['secretReferenceValueId', 'isEncrypted'],
  kindKey: odataTypeKind,
});
