import { constantKind, defineIntuneType } from '../intune-type';

/** Windows feature update profiles; the display name and end of support of the deployed release are read-only. */
export const featureUpdateProfile = defineIntuneType({
  key: 'featureUpdateProfile',
  label: 'Feature update profile',
  collectionPath: '/beta/deviceManagement/windowsFeatureUpdateProfiles',
  odataTypes: ['#microsoft.graph.windowsFeatureUpdateProfile'],
  extraReadOnlyFields: ['deployableContentDisplayName', 'endOfSupportDate'],
  kindKey: constantKind('windowsFeatureUpdateProfile'),
});
