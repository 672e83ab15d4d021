import { defineIntuneType } from '../intune-type';
import { withoutMembers } from '../strip';
import { CREATED_OBJECT_ID, type GraphJson, type GraphRequestSpec, type ReferenceTranslator, type SubjectType, type SubjectView } from '../subject-type';

const COLLECTION = '/beta/deviceManagement/deviceEnrollmentConfigurations';

/** The enrollment configurations governed, by `@odata.type`, with the words an operator reads for each. */
const FAMILIES: Record<string, { family: string; words: string }> = {
  '#microsoft.graph.windows10EnrollmentCompletionPageConfiguration': { family: 'enrollmentStatusPage', words: 'enrollment status page' },
  '#microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration': { family: 'platformRestriction', words: 'platform restriction' },
  '#microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration': { family: 'platformRestrictions', words: 'platform restrictions' },
  '#microsoft.graph.deviceEnrollmentLimitConfiguration': { family: 'deviceLimit', words: 'device limit' },
  '#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration': { family: 'windowsHelloForBusiness', words: 'Windows Hello for Business' },
};

const familyOf = (raw: GraphJson) => FAMILIES[String(raw['@odata.type'] ?? '')];

/**
 * The tenant's default configurations (priority 0, ids ending `_DefaultLimit`, `_DefaultPlatformRestrictions`...,
 * type `default…`) exist in every tenant; the id is gone once normalised, so the payload's members decide too.
 */
function isDefault(raw: GraphJson): boolean {
  if (typeof raw.id === 'string' && /_Default[A-Za-z0-9]+$/.test(raw.id)) return true;
  const configurationType = raw.deviceEnrollmentConfigurationType;
  return (typeof configurationType === 'string' && configurationType.startsWith('default')) || raw.priority === 0;
}

/** Priorities order the configurations of one family (and platform) against each other, never across families. */
function enrollmentKind(raw: GraphJson): string {
  const family = familyOf(raw)?.family ?? String(raw['@odata.type'] ?? 'unknown');
  return family === 'platformRestriction' ? `${family}:${String(raw.platformType ?? 'allPlatforms')}` : family;
}

const priorityOf = (payload: GraphJson): number | undefined => (typeof payload.priority === 'number' ? payload.priority : undefined);

const base = defineIntuneType({
  key: 'enrollmentConfiguration',
  label: 'Enrollment configuration',
  collectionPath: COLLECTION,
  odataTypes: Object.keys(FAMILIES),
  kindKey: enrollmentKind,
  assignBodyKey: 'enrollmentConfigurationAssignments',
  // The priority is not written by POST or PATCH: Intune sets it through setPriority only.
  adaptWriteBody: (body) => withoutMembers(body, ['priority']),
});

const setPriority = (targetId: string, priority: number): GraphRequestSpec => ({
  method: 'POST',
  path: `${COLLECTION}/${targetId === CREATED_OBJECT_ID ? targetId : encodeURIComponent(targetId)}/setPriority`,
  body: { priority },
  replaysSafely: true,
});

/** Apps are not matched across tenants, so an enrollment status page that tracks apps by id cannot be copied. */
function trackedApps(payload: GraphJson): number {
  return Array.isArray(payload.selectedMobileAppIds) ? payload.selectedMobileAppIds.length : 0;
}

function promotionBlock(subject: SubjectView, targets: readonly SubjectView[], action: 'create' | 'update'): string | undefined {
  const { payload } = subject;
  const words = familyOf(payload)?.words ?? 'enrollment configuration';
  if (isDefault(payload) && action === 'create') {
    return `The default ${words} exists in every tenant and is only ever updated in place, but the target's inventory holds none: sync the target tenant and compare again.`;
  }
  const apps = trackedApps(payload);
  if (apps > 0) {
    return `It tracks ${apps} app${apps === 1 ? '' : 's'} by id (selectedMobileAppIds), and apps are not matched between tenants: choose the apps to track in the target by hand, or clear the list in the source.`;
  }
  const priority = priorityOf(payload);
  if (isDefault(payload) || priority === undefined) return undefined;
  const holder = targets.find((t) => t.kindKey === subject.kindKey && t.displayName !== subject.displayName && priorityOf(t.payload) === priority);
  return holder
    ? `Priority ${priority} is held in the target by "${holder.displayName}": setting it would move "${holder.displayName}" and every ${words} after it down one. Make the order agree in both tenants, then compare again.`
    : undefined;
}

/**
 * Enrollment configurations: enrollment status pages, platform restrictions, device limits and Windows Hello for
 * Business, one collection shared with kinds the product does not govern (co-management, notifications, restore).
 * The priority is compared but never sent by POST or PATCH: `setPriority` sets it, after the create (once the new id
 * is known) or after the update. Intune's defaults (priority 0) are all named "All users and all devices", so their
 * identity adds which default they are; they are updated in place and never created, and are not assigned (they apply
 * to everyone). A priority another configuration holds in the target blocks the subject rather than let Intune
 * silently reorder the target. Assigned with `assign` and `enrollmentConfigurationAssignments`.
 */
export const enrollmentConfiguration: SubjectType = {
  ...base,
  governs: (raw) => familyOf(raw) !== undefined,
  identityOf: (raw) => {
    const name = String(raw.displayName ?? '');
    return isDefault(raw) ? `${name} (default ${familyOf(raw)?.words ?? 'enrollment configuration'})` : name;
  },
  promotionBlock,
  // The compare's details show the priority beside the PATCH body, which leaves it out.
  followUpContent: (payload) => (!isDefault(payload) && priorityOf(payload) !== undefined ? { priority: payload.priority } : {}),
  createRequests(payload, translate): GraphRequestSpec[] {
    const priority = priorityOf(payload);
    const create = base.createRequests(payload, translate);
    return !isDefault(payload) && priority !== undefined ? [...create, setPriority(CREATED_OBJECT_ID, priority)] : create;
  },
  updateRequests(targetId, payload, translate): GraphRequestSpec[] {
    const priority = priorityOf(payload);
    const update = base.updateRequests(targetId, payload, translate);
    return !isDefault(payload) && priority !== undefined ? [...update, setPriority(targetId, priority)] : update;
  },
  assignRequest: (targetId: string, assignments: GraphJson[], translate: ReferenceTranslator) =>
    /_Default[A-Za-z0-9]+$/.test(targetId) ? undefined : base.assignRequest(targetId, assignments, translate),
};
