import { defineIntuneType } from '../intune-type';
import type { GraphJson } from '../subject-type';

const COLLECTION = '/beta/deviceManagement/intents';

/**
 * Legacy endpoint security intents (older security baselines and endpoint security profiles). Settings and
 * assignments are read per intent through `$batch`; identical templates are what makes two intents comparable.
 */
export const securityIntent = defineIntuneType({
  key: 'securityIntent',
  label: 'Endpoint security intent (legacy)',
  collectionPath: COLLECTION,
  odataTypes: ['#microsoft.graph.deviceManagementIntent'],
  listQuery: '',
  detailReads: [
    { property: 'settings', path: (id) => `${COLLECTION}/${encodeURIComponent(id)}/settings` },
    { property: 'assignments', path: (id) => `${COLLECTION}/${encodeURIComponent(id)}/assignments` },
  ],
  extraReadOnlyFields: ['isMigratingToConfigurationPolicy'],
  kindKey: (raw: GraphJson) => String(raw.templateId ?? ''),
  notPromotableReason:
    'legacy endpoint security intents can only be created from a template instance and are being migrated to the settings catalog; compare them here and recreate them as settings catalog policies.',
});
