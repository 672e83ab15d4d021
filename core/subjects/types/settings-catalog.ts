import { defineIntuneType } from '../intune-type';
import type { GraphJson } from '../subject-type';

const COLLECTION = '/beta/deviceManagement/configurationPolicies';

/** Platforms + technologies (+ template id for template-based policies such as endpoint security). */
function catalogKind(raw: GraphJson): string {
  const template = (raw.templateReference as GraphJson | null | undefined)?.templateId;
  const parts = [String(raw.platforms ?? ''), String(raw.technologies ?? '')];
  return typeof template === 'string' && template !== '' ? [...parts, template].join('|') : parts.join('|');
}

/** Graph takes only the template id on write; family and display fields are derived from it. */
function templateIdOnly(body: GraphJson): GraphJson {
  const { templateReference, ...rest } = body;
  const templateId = (templateReference as GraphJson | null | undefined)?.templateId;
  return typeof templateId === 'string' && templateId !== '' ? { ...rest, templateReference: { templateId } } : rest;
}

/**
 * Settings catalog (configurationPolicies). The list expands assignments but not settings (settings are paged
 * per policy), so settings come from `/{id}/settings` through `$batch`. Created with settings inline; updated
 * with a full PUT including settings, because PATCH changes only the policy's own properties.
 */
export const settingsCatalog = defineIntuneType({
  key: 'settingsCatalog',
  label: 'Settings catalog',
  collectionPath: COLLECTION,
  identityField: 'name',
  odataTypes: ['#microsoft.graph.deviceManagementConfigurationPolicy'],
  detailReads: [{ property: 'settings', path: (id) => `${COLLECTION}/${encodeURIComponent(id)}/settings` }],
  kindKey: catalogKind,
  updateMethod: 'PUT',
  adaptWriteBody: templateIdOnly,
});

