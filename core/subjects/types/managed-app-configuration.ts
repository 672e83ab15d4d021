import { constantKind } from '../intune-type';
import { defineManagedAppPolicy } from './managed-app-policy';

/**
 * App configuration policies for managed apps (`targetedManagedAppConfiguration`): key/value `customSettings` delivered
 * to the apps the policy targets, whatever the device's enrollment. Apps are written with `targetApps`.
 */
export const managedAppConfiguration = defineManagedAppPolicy({
  key: 'managedAppConfiguration',
  label: 'App configuration (managed apps)',
  collectionPath: '/beta/deviceAppManagement/targetedManagedAppConfigurations',
  odataTypes: ['#microsoft.graph.targetedManagedAppConfiguration'],
  kindKey: constantKind('targetedManagedAppConfiguration'),
});
