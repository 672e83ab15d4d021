import { constantKind, defineIntuneType } from '../intune-type';

const COLLECTION = '/beta/deviceManagement/deviceShellScripts';

/** macOS shell scripts: same pattern as PowerShell scripts (content read per script, `deviceManagementScriptAssignments`). */
export const shellScript = defineIntuneType({
  key: 'shellScript',
  label: 'macOS shell script',
  collectionPath: COLLECTION,
  odataTypes: ['#microsoft.graph.deviceShellScript'],
  detailReads: [{ property: 'scriptContent', path: (id) => `${COLLECTION}/${encodeURIComponent(id)}` }],
  kindKey: constantKind('macOSShellScript'),
  assignBodyKey: 'deviceManagementScriptAssignments',
});
