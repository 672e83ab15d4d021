import { defineIntuneType } from '../intune-type';
import type { GraphJson } from '../subject-type';

/**
 * App configuration policies for managed devices (`managedDeviceMobileAppConfiguration`: iOS/iPadOS configuration XML
 * or settings, Android Enterprise managed store JSON and permissions). They name their app by `targetedMobileApps`,
 * the ids of mobile apps in the tenant they live in; those ids differ in every tenant and no other member says which
 * app it is on iOS, so a policy cannot be written faithfully to another tenant. It is compared by its settings (the
 * Android package id included, and part of its kind) and blocked from promotion with what to do by hand.
 */
export const mobileAppConfiguration = defineIntuneType({
  key: 'mobileAppConfiguration',
  label: 'App configuration (managed devices)',
  collectionPath: '/beta/deviceAppManagement/mobileAppConfigurations',
  odataTypes: [
    '#microsoft.graph.iosMobileAppConfiguration',
    '#microsoft.graph.androidManagedStoreAppConfiguration',
    '#microsoft.graph.androidForWorkMobileAppConfiguration',
  ],
  // `targetedMobileApps` are tenant-local app ids (never equal across tenants); `appSupportsOemConfig` is read-only.
  extraReadOnlyFields: ['targetedMobileApps', 'appSupportsOemConfig'],
  kindKey: (raw: GraphJson) =>
    [typeof raw['@odata.type'] === 'string' ? raw['@odata.type'] : '', typeof raw.packageId === 'string' ? raw.packageId : ''].filter(Boolean).join('|'),
  notPromotableReason:
    'it names its app by the app’s id in the source tenant (targetedMobileApps), which no other tenant shares; create it in the target by hand (Apps > App configuration policies > Add > Managed devices) for the same app, with the settings this compare shows, then compare again.',
});
