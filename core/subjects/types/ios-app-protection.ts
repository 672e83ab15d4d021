import { constantKind } from '../intune-type';
import { defineManagedAppPolicy } from './managed-app-policy';

/**
 * iOS/iPadOS app protection policies (MAM): data transfer, PIN and conditional launch settings, with the apps they
 * protect (bundle ids). Nothing in them is a secret Graph withholds.
 */
export const iosAppProtectionPolicy = defineManagedAppPolicy({
  key: 'iosAppProtectionPolicy',
  label: 'iOS app protection policy',
  collectionPath: '/beta/deviceAppManagement/iosManagedAppProtections',
  odataTypes: ['#microsoft.graph.iosManagedAppProtection'],
  kindKey: constantKind('iosManagedAppProtection'),
});
