import { constantKind, defineIntuneType } from '../intune-type';

const COLLECTION = '/beta/deviceManagement/deviceHealthScripts';

/**
 * Remediations (device health scripts): a detection and a remediation PowerShell script, read per script because the
 * list leaves the script content out. Assign takes `deviceHealthScriptAssignments`, each with its run schedule and
 * whether the remediation runs. Microsoft's own scripts (`isGlobalScript: true`, present in every tenant) are read-only:
 * compared, never promoted; the flag and the published version are never written.
 */
export const remediationScript = defineIntuneType({
  key: 'remediationScript',
  label: 'Remediation',
  collectionPath: COLLECTION,
  odataTypes: ['#microsoft.graph.deviceHealthScript'],
  // One read per script member: the inventory and the promotion's live reader merge one member per detail read.
  detailReads: [
    { property: 'detectionScriptContent', path: (id) => `${COLLECTION}/${encodeURIComponent(id)}` },
    { property: 'remediationScriptContent', path: (id) => `${COLLECTION}/${encodeURIComponent(id)}` },
  ],
  extraReadOnlyFields: ['isGlobalScript', 'highestAvailableVersion'],
  kindKey: constantKind('windowsRemediation'),
  assignBodyKey: 'deviceHealthScriptAssignments',
  providedByMicrosoft: (raw) => raw.isGlobalScript === true,
});
