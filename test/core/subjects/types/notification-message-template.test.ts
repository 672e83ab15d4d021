import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { withPortableHashes } from '../../../../core/inventory/portable-hash';
import { notificationMessageTemplate as type } from '../../../../core/subjects/types/notification-message-template';
import { CREATED_OBJECT_ID, type GraphJson } from '../../../../core/subjects/subject-type';
import { SOURCE, SOURCE_RECREATED, TARGET, notificationTemplate, sourceToTarget } from '../../../support/graph-payloads';

const COLLECTION = '/beta/deviceManagement/notificationMessageTemplates';
const portable = (raw: GraphJson) => withPortableHashes(type, normaliseSubject(type, raw), []).contentHash;

describe('notification message template subject type', () => {
  it('reads its localized messages from their own collection and compares them by locale, without ids or times', () => {
    expect(type.listQuery).toBe('');
    expect(type.detailReads.map((r) => r.path('t1'))).toEqual([`${COLLECTION}/t1/localizedNotificationMessages`]);
    const subject = normaliseSubject(type, notificationTemplate(SOURCE));
    for (const message of subject.payload.localizedNotificationMessages as GraphJson[]) {
      expect(message).not.toHaveProperty('id');
      expect(message).not.toHaveProperty('lastModifiedDateTime');
    }
    expect(portable(notificationTemplate(SOURCE_RECREATED))).toBe(portable(notificationTemplate(SOURCE)));
    const reordered = notificationTemplate(SOURCE);
    reordered.localizedNotificationMessages = [...(reordered.localizedNotificationMessages as GraphJson[])].reverse();
    reordered.brandingOptions = 'includeContactInformation,includeCompanyName,includeCompanyLogo';
    expect(portable(reordered)).toBe(portable(notificationTemplate(SOURCE)));
    expect(portable(notificationTemplate(SOURCE, 'Action needed on your device'))).not.toBe(portable(notificationTemplate(SOURCE)));
    expect(type.findSecrets(notificationTemplate(SOURCE))).toEqual([]);
  });

  it('creates the template, then one POST per localized message on the new template; nothing is assigned', () => {
    const subject = normaliseSubject(type, notificationTemplate(SOURCE));
    const [create, ...messages] = type.createRequests(subject.payload, sourceToTarget);
    expect(create).toMatchObject({ method: 'POST', path: COLLECTION });
    expect(create!.body).not.toHaveProperty('localizedNotificationMessages');
    expect((create!.body as GraphJson).roleScopeTagIds).toEqual(['0', TARGET.scopeTagId]);
    expect(messages.map((r) => `${r.method} ${r.path}`)).toEqual(Array(2).fill(`POST ${COLLECTION}/${CREATED_OBJECT_ID}/localizedNotificationMessages`));
    expect(messages.map((r) => (r.body as GraphJson).locale)).toEqual(['de-de', 'en-us']);
    expect(messages[1]!.body).toEqual({ locale: 'en-us', subject: 'Your device is not compliant', messageTemplate: 'Please update your device within 3 days.', isDefault: true });
    expect(type.assignRequest(TARGET.policyId, [], sourceToTarget)).toBeUndefined();
    expect(type.extractReferences(notificationTemplate(SOURCE))).toEqual([{ kind: 'scopeTag', id: SOURCE.scopeTagId }]);
  });

  it('updates the template and each message the target has by its key, adds missing locales and removes extra ones', () => {
    const subject = normaliseSubject(type, notificationTemplate(SOURCE));
    const id = TARGET.notificationTemplateId;
    const blind = type.updateRequests(id, subject.payload, sourceToTarget);
    expect(blind.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH ${COLLECTION}/${id}`,
      `PATCH ${COLLECTION}/${id}/localizedNotificationMessages/${id}_de-de`,
      `PATCH ${COLLECTION}/${id}/localizedNotificationMessages/${id}_en-us`,
    ]);
    const current = normaliseSubject(type, notificationTemplate(TARGET)).payload;
    current.localizedNotificationMessages = [{ locale: 'en-us', subject: 'x', messageTemplate: 'y', isDefault: true }, { locale: 'fr-fr', subject: 'a', messageTemplate: 'b', isDefault: false }];
    const informed = type.updateRequests(id, subject.payload, sourceToTarget, current);
    expect(informed.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH ${COLLECTION}/${id}`,
      `POST ${COLLECTION}/${id}/localizedNotificationMessages`,
      `PATCH ${COLLECTION}/${id}/localizedNotificationMessages/${id}_en-us`,
      `DELETE ${COLLECTION}/${id}/localizedNotificationMessages/${id}_fr-fr`,
    ]);
  });
});
