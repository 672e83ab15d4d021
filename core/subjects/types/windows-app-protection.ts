import { constantKind } from '../intune-type';
import { defineManagedAppPolicy } from './managed-app-policy';

/**
 * Windows app protection policies (MAM for Windows, `windowsManagedAppProtection`: Edge on unenrolled devices), with
 * their apps (Windows app ids). Windows policies have no public-apps group, so `targetApps` sends the apps alone.
 */
export const windowsAppProtectionPolicy = defineManagedAppPolicy({
  key: 'windowsAppProtectionPolicy',
  label: 'Windows app protection policy',
  collectionPath: '/beta/deviceAppManagement/windowsManagedAppProtections',
  odataTypes: ['#microsoft.graph.windowsManagedAppProtection'],
  kindKey: constantKind('windowsManagedAppProtection'),
});
