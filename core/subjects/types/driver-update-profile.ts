import { constantKind, defineIntuneType } from '../intune-type';

/**
 * Windows driver update profiles: approval type and deferral are the policy; device counts, new-update counts and the
 * driver inventory's sync status are Intune's reports about the tenant, so they are neither compared nor written.
 */
export const driverUpdateProfile = defineIntuneType({
  key: 'driverUpdateProfile',
  label: 'Driver update profile',
  collectionPath: '/beta/deviceManagement/windowsDriverUpdateProfiles',
  odataTypes: ['#microsoft.graph.windowsDriverUpdateProfile'],
  extraReadOnlyFields: ['deviceReporting', 'newUpdates', 'inventorySyncStatus'],
  kindKey: constantKind('windowsDriverUpdateProfile'),
});
