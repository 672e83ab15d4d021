import type { GraphJson } from '../subject-type';
import { defineIntuneType } from '../intune-type';

const COLLECTION = '/beta/deviceManagement/deviceCustomAttributeShellScripts';

/**
 * macOS custom attribute scripts: a shell script whose output becomes a device attribute, read per script because the
 * list leaves the content out. Assign takes `deviceManagementScriptAssignments`. The attribute's value type is part
 * of its kind: an attribute reported as a date is not the same attribute reported as a string.
 */
export const customAttributeScript = defineIntuneType({
  key: 'customAttributeScript',
  label: 'macOS custom attribute',
  collectionPath: COLLECTION,
  odataTypes: ['#microsoft.graph.deviceCustomAttributeShellScript'],
  detailReads: [{ property: 'scriptContent', path: (id) => `${COLLECTION}/${encodeURIComponent(id)}` }],
  kindKey: (raw: GraphJson) => `macOSCustomAttribute:${typeof raw.customAttributeType === 'string' ? raw.customAttributeType : 'unknown'}`,
  assignBodyKey: 'deviceManagementScriptAssignments',
});
