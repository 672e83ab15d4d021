import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import type { GraphJson } from '../../../../core/subjects/subject-type';
import { compliancePolicy } from '../../../../core/subjects/types/compliance-policy';
import { SOURCE, SOURCE_RECREATED, TARGET, sourceToTarget, windowsCompliancePolicy } from '../../../support/graph-payloads';

const COLLECTION = '/beta/deviceManagement/deviceCompliancePolicies';
const payloadOf = (raw: GraphJson) => normaliseSubject(compliancePolicy, raw).payload;
const actionsOf = (body: unknown) =>
  ((body as GraphJson).scheduledActionsForRule as GraphJson[]).flatMap((r) => r.scheduledActionConfigurations as GraphJson[]);

describe('compliance policy subject type', () => {
  it('lists policies with assignments and scheduled actions expanded', () => {
    expect(compliancePolicy.listQuery).toBe('$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)');
    expect(compliancePolicy.kindKey(windowsCompliancePolicy(SOURCE))).toBe('#microsoft.graph.windows10CompliancePolicy');
  });

  it('compares scheduled actions without their ids and hashes a re-created copy the same', () => {
    const payload = payloadOf(windowsCompliancePolicy(SOURCE));
    expect(JSON.stringify(payload)).not.toMatch(/"id"|@odata\.context/);
    expect(actionsOf(payload).map((a) => a.actionType)).toEqual(['block', 'notification']);
    const a = normaliseSubject(compliancePolicy, windowsCompliancePolicy(SOURCE));
    const b = normaliseSubject(compliancePolicy, windowsCompliancePolicy(SOURCE_RECREATED));
    expect(b.contentHash).toBe(a.contentHash);
  });

  it('names the notification template and the CC group of the email action', () => {
    const refs = compliancePolicy.extractReferences(windowsCompliancePolicy(SOURCE));
    expect(refs).toContainEqual({ kind: 'notificationTemplate', id: SOURCE.notificationTemplateId });
    expect(refs).toContainEqual({ kind: 'group', id: SOURCE.excludedGroupId });
    expect(refs.filter((r) => r.kind === 'notificationTemplate')).toHaveLength(1);
    expect(compliancePolicy.findSecrets(windowsCompliancePolicy(SOURCE))).toEqual([]);
  });

  it('creates in one POST that carries the scheduled actions with target template and group ids', () => {
    const requests = compliancePolicy.createRequests(payloadOf(windowsCompliancePolicy(SOURCE)), sourceToTarget);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: COLLECTION });
    const mail = actionsOf(requests[0]!.body).find((a) => a.actionType === 'notification')!;
    expect(mail.notificationTemplateId).toBe(TARGET.notificationTemplateId);
    expect(mail.notificationMessageCCList).toEqual([TARGET.excludedGroupId]);
  });

  it('adds the mandatory block action on create when the source has none', () => {
    const raw = { ...windowsCompliancePolicy(SOURCE), scheduledActionsForRule: [] };
    const [create] = compliancePolicy.createRequests(payloadOf(raw), sourceToTarget);
    expect(actionsOf(create!.body)).toEqual([expect.objectContaining({ actionType: 'block', gracePeriodHours: 0 })]);
  });

  it('updates with a PATCH without scheduled actions, then schedules the actions', () => {
    const requests = compliancePolicy.updateRequests(TARGET.policyId, payloadOf(windowsCompliancePolicy(SOURCE)), sourceToTarget);
    expect(requests.map((r) => [r.method, r.path])).toEqual([
      ['PATCH', `${COLLECTION}/${TARGET.policyId}`],
      ['POST', `${COLLECTION}/${TARGET.policyId}/scheduleActionsForRules`],
    ]);
    expect(requests[0]!.body).not.toHaveProperty('scheduledActionsForRule');
    expect((requests[0]!.body as GraphJson)['@odata.type']).toBe('#microsoft.graph.windows10CompliancePolicy');
    const scheduled = requests[1]!.body as { deviceComplianceScheduledActionForRules: GraphJson[] };
    expect(Object.keys(scheduled)).toEqual(['deviceComplianceScheduledActionForRules']);
    expect(scheduled.deviceComplianceScheduledActionForRules[0]!.ruleName).toBe('PasswordRequired');
    expect((scheduled.deviceComplianceScheduledActionForRules[0]!.scheduledActionConfigurations as GraphJson[]).map((a) => a.notificationTemplateId)).toContain(
      TARGET.notificationTemplateId,
    );
  });

  it('assigns through POST /{id}/assign with an assignments list', () => {
    const assignments = normaliseSubject(compliancePolicy, windowsCompliancePolicy(SOURCE)).assignments;
    const request = compliancePolicy.assignRequest(TARGET.policyId, assignments, sourceToTarget)!;
    expect(request).toMatchObject({ method: 'POST', path: `${COLLECTION}/${TARGET.policyId}/assign` });
    expect((request.body as { assignments: unknown[] }).assignments).toHaveLength(2);
  });
});
