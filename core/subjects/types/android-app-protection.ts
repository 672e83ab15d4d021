import { constantKind } from '../intune-type';
import { defineManagedAppPolicy } from './managed-app-policy';

/** Android app protection policies (MAM), with the apps they protect (package ids). */
export const androidAppProtectionPolicy = defineManagedAppPolicy({
  key: 'androidAppProtectionPolicy',
  label: 'Android app protection policy',
  collectionPath: '/beta/deviceAppManagement/androidManagedAppProtections',
  odataTypes: ['#microsoft.graph.androidManagedAppProtection'],
  kindKey: constantKind('androidManagedAppProtection'),
});
