import { constantKind, defineIntuneType } from '../intune-type';

const COLLECTION = '/beta/deviceManagement/deviceComplianceScripts';

/**
 * Compliance scripts: the PowerShell discovery scripts custom compliance settings evaluate, read per script because
 * the list leaves the content out. Assign takes `deviceHealthScriptAssignments`, as remediations do.
 */
export const complianceScript = defineIntuneType({
  key: 'complianceScript',
  label: 'Compliance script',
  collectionPath: COLLECTION,
  odataTypes: ['#microsoft.graph.deviceComplianceScript'],
  detailReads: [{ property: 'detectionScriptContent', path: (id) => `${COLLECTION}/${encodeURIComponent(id)}` }],
  kindKey: constantKind('windowsComplianceScript'),
  assignBodyKey: 'deviceHealthScriptAssignments',
});
