import { constantKind, defineIntuneType } from '../intune-type';

const COLLECTION = '/beta/deviceManagement/deviceManagementScripts';

/**
 * Windows PowerShell platform scripts. The list leaves `scriptContent` (base64) out, so it is read per script
 * through `$batch`. Assign takes `deviceManagementScriptAssignments`, not `assignments`.
 */
export const powershellScript = defineIntuneType({
  key: 'powershellScript',
  label: 'PowerShell script',
  collectionPath: COLLECTION,
  odataTypes: ['#microsoft.graph.deviceManagementScript'],
  detailReads: [{ property: 'scriptContent', path: (id) => `${COLLECTION}/${encodeURIComponent(id)}` }],
  kindKey: constantKind('windowsPowerShellScript'),
  assignBodyKey: 'deviceManagementScriptAssignments',
});
