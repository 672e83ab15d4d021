import { defineIntuneType, type IntuneTypeSpec } from '../intune-type';
import { withoutMembers } from '../strip';
import { CREATED_OBJECT_ID, type GraphJson, type GraphRequestSpec, type SubjectType } from '../subject-type';

/** What Intune reports about a managed app policy rather than configures: never compared, never written. */
const MANAGED_APP_REPORTS: readonly string[] = ['deployedAppCount', 'deploymentSummary'];

const asObjects = (value: unknown): GraphJson[] =>
  Array.isArray(value) ? value.filter((v): v is GraphJson => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];

/** An app's identity: its identifier's type and its bundle id, package id or Windows app id. */
function appKey(app: GraphJson): string {
  const identifier = (typeof app.mobileAppIdentifier === 'object' && app.mobileAppIdentifier !== null ? app.mobileAppIdentifier : {}) as GraphJson;
  const id = identifier.bundleId ?? identifier.packageId ?? identifier.windowsAppId ?? '';
  return `${String(identifier['@odata.type'] ?? '')}|${String(id)}`;
}

/**
 * The `targetApps` body: each app by its identifier only (bundle id, package id or Windows app id; the entry's own id
 * and version are Intune's), in a stable order since the order of a policy's apps means nothing, and the public-apps
 * group (`appGroupType`) when the policy has one (Windows policies have none).
 */
export function targetAppsBody(payload: GraphJson): GraphJson {
  const apps = asObjects(payload.apps)
    .map((app): GraphJson => ({ '@odata.type': '#microsoft.graph.managedMobileApp', mobileAppIdentifier: app.mobileAppIdentifier }))
    .map((app) => ({ app, key: appKey(app) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ app }) => app);
  return typeof payload.appGroupType === 'string' ? { apps, appGroupType: payload.appGroupType } : { apps };
}

type ManagedAppPolicySpec = Pick<IntuneTypeSpec, 'key' | 'label' | 'collectionPath' | 'odataTypes' | 'kindKey' | 'extraReadOnlyFields'>;

/**
 * A managed app policy under `/deviceAppManagement` (app protection, app configuration for managed apps): read with
 * `$expand=apps,assignments`; the policy's own properties are created with POST and updated with PATCH, which carry no
 * apps (a navigation property Graph does not write inline), so the apps are written by the documented `targetApps`
 * action right after: on create against the new object, on update against the target's. Assigned with `assign`
 * (`targetedManagedAppPolicyAssignment`: include and exclude groups, filters).
 */
export function defineManagedAppPolicy(spec: ManagedAppPolicySpec): SubjectType {
  const base = defineIntuneType({
    ...spec,
    listQuery: '$expand=apps,assignments',
    extraReadOnlyFields: [...MANAGED_APP_REPORTS, ...(spec.extraReadOnlyFields ?? [])],
    adaptWriteBody: (body) => withoutMembers(body, ['apps']),
  });
  const targetApps = (objectPath: string, payload: GraphJson): GraphRequestSpec => ({ method: 'POST', path: `${objectPath}/targetApps`, body: targetAppsBody(payload), replaysSafely: true });
  return {
    ...base,
    followUpContent: (payload) => ({ apps: targetAppsBody(payload).apps }),
    createRequests: (payload, translate) => [...base.createRequests(payload, translate), targetApps(`${spec.collectionPath}/${CREATED_OBJECT_ID}`, payload)],
    updateRequests: (targetId, payload, translate) => [
      ...base.updateRequests(targetId, payload, translate),
      targetApps(`${spec.collectionPath}/${encodeURIComponent(targetId)}`, payload),
    ],
  };
}
