import { defineIntuneType, odataTypeKind } from '../intune-type';
import { isReferenceId, referencesOf } from '../reference-ids';
import type { SubjectReference } from '../references';
import type { GraphJson, GraphRequestSpec, ReferenceTranslator, SubjectType } from '../subject-type';
import { translateId, translateIds } from '../translate';

const COLLECTION = '/beta/deviceManagement/deviceCompliancePolicies';

const ODATA_TYPES: readonly string[] = [
  '#microsoft.graph.windows10CompliancePolicy',
  '#microsoft.graph.windows10MobileCompliancePolicy',
  '#microsoft.graph.windows81CompliancePolicy',
  '#microsoft.graph.windowsPhone81CompliancePolicy',
  '#microsoft.graph.iosCompliancePolicy',
  '#microsoft.graph.macOSCompliancePolicy',
  '#microsoft.graph.androidCompliancePolicy',
  '#microsoft.graph.androidWorkProfileCompliancePolicy',
  '#microsoft.graph.androidDeviceOwnerCompliancePolicy',
  '#microsoft.graph.aospDeviceOwnerCompliancePolicy',
];

/** Graph accepts a compliance policy only with exactly one `block` action; Intune's default blocks at once. */
const DEFAULT_BLOCK_ACTION: GraphJson = { actionType: 'block', gracePeriodHours: 0, notificationTemplateId: '', notificationMessageCCList: [] };

const asObjects = (value: unknown): GraphJson[] =>
  Array.isArray(value) ? value.filter((v): v is GraphJson => typeof v === 'object' && v !== null) : [];

const actionConfigurations = (raw: GraphJson): GraphJson[] =>
  asObjects(raw.scheduledActionsForRule).flatMap((rule) => asObjects(rule.scheduledActionConfigurations));

/** Notification templates of "send email" actions and the groups copied on them. */
function scheduledActionReferences(raw: GraphJson): SubjectReference[] {
  return actionConfigurations(raw).flatMap((action) => [
    ...referencesOf('notificationTemplate', action.notificationTemplateId),
    ...referencesOf('group', Array.isArray(action.notificationMessageCCList) ? action.notificationMessageCCList : []),
  ]);
}

/** Scheduled actions with target ids, and with the mandatory block action added when the source has none. */
function translateScheduledActions(rules: unknown, translate: ReferenceTranslator): GraphJson[] {
  const translated = asObjects(rules).map((rule) => ({
    ...rule,
    scheduledActionConfigurations: asObjects(rule.scheduledActionConfigurations).map((action): GraphJson => ({
      ...action,
      ...(isReferenceId(action.notificationTemplateId)
        ? { notificationTemplateId: translateId(translate, 'notificationTemplate', action.notificationTemplateId) }
        : {}),
      ...(Array.isArray(action.notificationMessageCCList)
        ? { notificationMessageCCList: translateIds(translate, 'group', action.notificationMessageCCList) }
        : {}),
    })),
  }));
  const hasBlock = translated.some((rule) => rule.scheduledActionConfigurations.some((a) => a.actionType === 'block'));
  if (hasBlock) return translated;
  const [first, ...rest] = translated;
  return first
    ? [{ ...first, scheduledActionConfigurations: [DEFAULT_BLOCK_ACTION, ...first.scheduledActionConfigurations] }, ...rest]
    : [{ ruleName: 'PasswordRequired', scheduledActionConfigurations: [DEFAULT_BLOCK_ACTION] }];
}

const base = defineIntuneType({
  key: 'compliancePolicy',
  label: 'Compliance policy',
  collectionPath: COLLECTION,
  odataTypes: ODATA_TYPES,
  listQuery: '$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)',
  kindKey: odataTypeKind,
  referenceKinds: ['group', 'scopeTag', 'assignmentFilter', 'notificationTemplate'],
  payloadReferences: scheduledActionReferences,
  adaptWriteBody: (body, translate) => ({ ...body, scheduledActionsForRule: translateScheduledActions(body.scheduledActionsForRule, translate) }),
});

/**
 * Device compliance policies. Created in one POST with `scheduledActionsForRule` inline; Graph ignores scheduled
 * actions on PATCH, so an update is a PATCH without them followed by `POST /{id}/scheduleActionsForRules`.
 */
export const compliancePolicy: SubjectType = {
  ...base,
  updateRequests(targetId, payload, translate): GraphRequestSpec[] {
    const patch = base.updateRequests(targetId, payload, translate)[0]!;
    const { scheduledActionsForRule, ...properties } = patch.body as GraphJson;
    const rules = asObjects(scheduledActionsForRule).map(({ ruleName, scheduledActionConfigurations }) => ({ ruleName, scheduledActionConfigurations }));
    return [
      { ...patch, body: properties },
      { method: 'POST', path: `${patch.path}/scheduleActionsForRules`, body: { deviceComplianceScheduledActionForRules: rules }, replaysSafely: true },
    ];
  },
};
