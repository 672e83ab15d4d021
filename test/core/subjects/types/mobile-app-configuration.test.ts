import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { mobileAppConfiguration } from '../../../../core/subjects/types/mobile-app-configuration';
import type { GraphJson } from '../../../../core/subjects/subject-type';
import { SOURCE, TARGET, iosMobileAppConfig, sourceToTarget } from '../../../support/graph-payloads';

/** An Android Enterprise managed store app configuration (androidManagedStoreAppConfiguration). */
const androidConfig = (packageId: string): GraphJson => ({
  '@odata.type': '#microsoft.graph.androidManagedStoreAppConfiguration',
  id: 'cfg-1',
  targetedMobileApps: ['0f2cd5b1-7b31-4d85-a9c7-5ad3e51f1e01'],
  roleScopeTagIds: ['0'],
  displayName: 'Android - Outlook configuration',
  version: 1,
  packageId,
  payloadJson: Buffer.from('{"kind":"androidenterprise#managedConfiguration","managedProperty":[]}').toString('base64'),
  permissionActions: [{ '@odata.type': 'microsoft.graph.androidPermissionAction', permission: 'android.permission.READ_CONTACTS', action: 'autoGrant' }],
  appSupportsOemConfig: false,
  profileApplicability: 'default',
  connectedAppsEnabled: false,
});

describe('app configuration (managed devices) subject type', () => {
  it('compares the settings, not the tenant-local ids of the apps it targets', () => {
    expect(mobileAppConfiguration.collectionPath).toBe('/beta/deviceAppManagement/mobileAppConfigurations');
    const source = normaliseSubject(mobileAppConfiguration, iosMobileAppConfig(SOURCE, '5d4c3b2a-0000-4000-8000-000000000001'));
    const target = normaliseSubject(mobileAppConfiguration, iosMobileAppConfig(TARGET, 'b7a6c5d4-0000-4000-8000-000000000002'));
    expect(source.payload).not.toHaveProperty('targetedMobileApps');
    expect(source.contentHash).toBe(target.contentHash);
    const edited = iosMobileAppConfig(SOURCE, '5d4c3b2a-0000-4000-8000-000000000001');
    (edited.settings as GraphJson[])[1]!.appConfigKeyValue = 'Disabled';
    expect(normaliseSubject(mobileAppConfiguration, edited).contentHash).not.toBe(source.contentHash);
    expect(mobileAppConfiguration.findSecrets(iosMobileAppConfig(SOURCE, 'x'))).toEqual([]);
  });

  it('is compared but blocked from promotion, saying what to recreate by hand', () => {
    expect(mobileAppConfiguration.notPromotableReason).toMatch(/targetedMobileApps/);
    expect(mobileAppConfiguration.notPromotableReason).toMatch(/create it in the target by hand/);
    const subject = normaliseSubject(mobileAppConfiguration, iosMobileAppConfig(SOURCE, 'x'));
    expect(() => mobileAppConfiguration.createRequests(subject.payload, sourceToTarget)).toThrow(/cannot be created/);
    expect(() => mobileAppConfiguration.updateRequests(TARGET.policyId, subject.payload, sourceToTarget)).toThrow(/cannot be updated/);
  });

  it('an Android configuration for another package is another kind; iOS and Android never match', () => {
    expect(mobileAppConfiguration.kindKey(androidConfig('com.microsoft.office.outlook'))).not.toBe(mobileAppConfiguration.kindKey(androidConfig('com.microsoft.teams')));
    expect(mobileAppConfiguration.kindKey(iosMobileAppConfig(SOURCE, 'x'))).not.toBe(mobileAppConfiguration.kindKey(androidConfig('com.microsoft.office.outlook')));
    expect(normaliseSubject(mobileAppConfiguration, androidConfig('com.microsoft.office.outlook')).payload).not.toHaveProperty('appSupportsOemConfig');
  });
});
