import { defineIntuneType } from '../intune-type';
import { withoutMembers } from '../strip';
import { CREATED_OBJECT_ID, type GraphJson, type GraphRequestSpec, type SubjectType } from '../subject-type';

const COLLECTION = '/beta/deviceManagement/notificationMessageTemplates';
const MESSAGES = 'localizedNotificationMessages';

const asObjects = (value: unknown): GraphJson[] =>
  Array.isArray(value) ? value.filter((v): v is GraphJson => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];

/** Graph keeps locales in lower case (`en-US` is stored as `en-us`) and keys each message by its template and locale. */
const localeOf = (message: GraphJson) => (typeof message.locale === 'string' ? message.locale.toLowerCase() : '');

/** The messages as written: locale in Graph's case, in locale order (the order Graph lists them in means nothing). */
function messageBodies(payload: GraphJson): GraphJson[] {
  return asObjects(payload[MESSAGES])
    .map((message) => ({ ...withoutMembers(message, ['@odata.type']), locale: localeOf(message) }))
    .sort((a, b) => (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0));
}

/** Branding is a set of flags (`includeCompanyLogo,includeCompanyName`) Graph may list in any order. */
function brandingInOrder(body: GraphJson): GraphJson {
  if (typeof body.brandingOptions !== 'string') return body;
  const flags = body.brandingOptions.split(',').map((f) => f.trim()).filter(Boolean).sort();
  return { ...body, brandingOptions: flags.join(',') };
}

const base = defineIntuneType({
  key: 'notificationMessageTemplate',
  label: 'Notification message template',
  collectionPath: COLLECTION,
  odataTypes: ['#microsoft.graph.notificationMessageTemplate'],
  // The list leaves the messages out; they are read from the documented `/{id}/localizedNotificationMessages`.
  detailReads: [{ property: MESSAGES, path: (id) => `${COLLECTION}/${encodeURIComponent(id)}/${MESSAGES}` }],
  kindKey: () => 'notificationMessageTemplate',
  assignable: false,
  referenceKinds: ['scopeTag'],
  adaptWriteBody: (body) => brandingInOrder(withoutMembers(body, [MESSAGES])),
});

/**
 * Notification message templates (the emails compliance policies send as a non-compliance action), with their
 * localized messages. A template is never assigned: compliance policies point at it by `notificationTemplateId`, which
 * the preflight resolves by the template's name. Created as the template, then one POST per localized message; updated
 * with a PATCH of the template and, per locale, a PATCH of the target's message (its id is the template id and the
 * locale), a POST of a message the target lacks and a DELETE of one the source does not have.
 */
export const notificationMessageTemplate: SubjectType = {
  ...base,
  followUpContent: (payload) => ({ [MESSAGES]: messageBodies(payload) }),
  createRequests: (payload, translate): GraphRequestSpec[] => [
    ...base.createRequests(payload, translate),
    ...messageBodies(payload).map((body): GraphRequestSpec => ({ method: 'POST', path: `${COLLECTION}/${CREATED_OBJECT_ID}/${MESSAGES}`, body })),
  ],
  updateRequests: (targetId, payload, translate, current): GraphRequestSpec[] => {
    const messages = `${COLLECTION}/${encodeURIComponent(targetId)}/${MESSAGES}`;
    const message = (locale: string) => `${messages}/${encodeURIComponent(`${targetId}_${locale}`)}`;
    const wanted = messageBodies(payload);
    const present = current ? new Set(messageBodies(current).map((m) => m.locale as string)) : undefined;
    const writes = wanted.map((body): GraphRequestSpec => {
      const locale = body.locale as string;
      return !present || present.has(locale) ? { method: 'PATCH', path: message(locale), body } : { method: 'POST', path: messages, body };
    });
    const wantedLocales = new Set(wanted.map((m) => m.locale as string));
    const removals = [...(present ?? [])].filter((locale) => !wantedLocales.has(locale)).map((locale): GraphRequestSpec => ({ method: 'DELETE', path: message(locale) }));
    return [...base.updateRequests(targetId, payload, translate), ...writes, ...removals];
  },
};
