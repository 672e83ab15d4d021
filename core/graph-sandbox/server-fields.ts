import type { GraphJson } from '../subjects/subject-type';

/** What Graph itself sets on a write: the new body, the object before the write (absent on create), its navigation, the time. */
interface StampInput {
  body: GraphJson;
  previous: GraphJson | undefined;
  navigation: ReadonlyMap<string, GraphJson[]>;
  now: string;
}
type Stamp = (input: StampInput) => GraphJson;

const intuneTimestamps: Stamp = ({ previous, now }) => ({
  createdDateTime: previous?.createdDateTime ?? now,
  lastModifiedDateTime: now,
});

const versioned: Stamp = (input) => ({
  ...intuneTimestamps(input),
  version: typeof input.previous?.version === 'number' ? input.previous.version + 1 : 1,
});

/** Graph fills the template reference of a settings catalog policy; a policy without a template gets family `none`. */
function catalogTemplateReference(given: unknown): GraphJson {
  const reference = typeof given === 'object' && given !== null ? (given as GraphJson) : {};
  const templateId = typeof reference.templateId === 'string' ? reference.templateId : '';
  if (templateId !== '') return reference;
  return { templateId: '', templateFamily: 'none', templateDisplayName: null, templateDisplayVersion: null };
}

/** Managed app policies: an etag-like version string and Intune's counts of what the policy is deployed to. */
const managedAppPolicy: Stamp = (input) => ({
  ...intuneTimestamps(input),
  version: `"${input.now}"`,
  deployedAppCount: input.navigation.get('apps')?.length ?? 0,
  isAssigned: (input.navigation.get('assignments')?.length ?? 0) > 0,
});

/**
 * Server-managed fields per collection key, as real Graph returns them after a write, so a promoted
 * object looks exactly as it would in a real tenant (the registry's read-only field lists must cover these).
 */
const STAMPS: Record<string, Stamp> = {
  'deviceManagement/deviceConfigurations': versioned,
  'deviceManagement/deviceCompliancePolicies': versioned,
  'deviceManagement/configurationPolicies': (input) => ({
    ...intuneTimestamps(input),
    settingCount: input.navigation.get('settings')?.length ?? 0,
    templateReference: catalogTemplateReference(input.body.templateReference),
  }),
  'identity/conditionalAccess/policies': ({ previous, now }) => ({
    createdDateTime: previous?.createdDateTime ?? now,
    modifiedDateTime: now,
  }),
  groups: ({ previous, now }) => ({ createdDateTime: previous?.createdDateTime ?? now }),
  'deviceManagement/deviceEnrollmentConfigurations': versioned,
  // Entra decides whether a strength is built in and which requirement its combinations satisfy.
  'policies/authenticationStrengthPolicies': ({ previous, now }) => ({
    createdDateTime: previous?.createdDateTime ?? now,
    modifiedDateTime: now,
    policyType: previous?.policyType ?? 'custom',
    requirementsSatisfied: previous?.requirementsSatisfied ?? 'mfa',
  }),
  // Intune's reports about the profile: a new profile starts with none.
  'deviceManagement/windowsDriverUpdateProfiles': (input) => ({
    ...intuneTimestamps(input),
    deviceReporting: typeof input.previous?.deviceReporting === 'number' ? input.previous.deviceReporting : 0,
    newUpdates: typeof input.previous?.newUpdates === 'number' ? input.previous.newUpdates : 0,
  }),
  'deviceAppManagement/iosManagedAppProtections': managedAppPolicy,
  'deviceAppManagement/androidManagedAppProtections': managedAppPolicy,
  'deviceAppManagement/windowsManagedAppProtections': managedAppPolicy,
  'deviceAppManagement/targetedManagedAppConfigurations': managedAppPolicy,
  'deviceAppManagement/mobileAppConfigurations': versioned,
  // A template has no creation time in Graph, only its last change.
  'deviceManagement/notificationMessageTemplates': ({ now }) => ({ lastModifiedDateTime: now }),
};

/** Fields Graph sets on the object of `collectionKey` after a create or update. */
export function serverFields(collectionKey: string, input: StampInput): GraphJson {
  return (STAMPS[collectionKey] ?? intuneTimestamps)(input);
}
