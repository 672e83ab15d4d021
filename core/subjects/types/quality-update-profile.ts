import { constantKind, defineIntuneType } from '../intune-type';

/** Windows quality update (expedite) profiles; release display names are derived by Intune and read-only. */
export const qualityUpdateProfile = defineIntuneType({
  key: 'qualityUpdateProfile',
  label: 'Quality update profile',
  collectionPath: '/beta/deviceManagement/windowsQualityUpdateProfiles',
  odataTypes: ['#microsoft.graph.windowsQualityUpdateProfile'],
  extraReadOnlyFields: ['deployableContentDisplayName', 'releaseDateDisplayName'],
  kindKey: constantKind('windowsQualityUpdateProfile'),
});
