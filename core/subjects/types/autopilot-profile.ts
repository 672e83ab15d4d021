import { translateAssignments, ASSIGNMENT_READ_ONLY_FIELDS } from '../assignment-references';
import { defineIntuneType, odataTypeKind } from '../intune-type';
import { stripReadOnly } from '../strip';
import type { GraphJson, GraphRequestSpec, ReferenceTranslator, SubjectType } from '../subject-type';

const COLLECTION = '/beta/deviceManagement/windowsAutopilotDeploymentProfiles';
const ASSIGNMENT_TYPE = '#microsoft.graph.windowsAutopilotDeploymentProfileAssignment';

const assignmentsPath = (targetId: string) => `${COLLECTION}/${targetId === '{id}' ? targetId : encodeURIComponent(targetId)}/assignments`;

/** What makes two assignments the same: their target, without the members that belong to one tenant's copy. */
function targetKey(assignment: GraphJson): string {
  const target = stripReadOnly(assignment.target ?? {}, new Set(ASSIGNMENT_READ_ONLY_FIELDS)) as GraphJson;
  // Targets are flat (type, group id, filter id and type): their members in name order identify them.
  return JSON.stringify(Object.keys(target).sort().map((key) => [key, target[key]]));
}

/** One assignment as `POST /{id}/assignments` takes it: its type and its target, group and filter ids translated. */
const written = (assignments: GraphJson[], translate: ReferenceTranslator): GraphJson[] =>
  translateAssignments(assignments, translate).map((assignment) => ({ '@odata.type': ASSIGNMENT_TYPE, target: assignment.target }));

const base = defineIntuneType({
  key: 'autopilotProfile',
  label: 'Windows Autopilot profile',
  collectionPath: COLLECTION,
  odataTypes: ['#microsoft.graph.azureADWindowsAutopilotDeploymentProfile', '#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile'],
  // Intune's report of the devices using the profile, not a setting.
  extraReadOnlyFields: ['assignedDevices'],
  // Entra joined and hybrid joined profiles cannot become one another.
  kindKey: odataTypeKind,
});

/**
 * Windows Autopilot deployment profiles (Entra joined and hybrid joined). Their `assign` action takes device ids, not
 * groups: a group is assigned by `POST /{id}/assignments` (one assignment per request) and unassigned by
 * `DELETE /{id}/assignments/{assignmentId}`, so replacing the assignments adds what the source has and the target
 * lacks, then removes what the target has and the source does not; assignments already in place are left alone.
 */
export const autopilotProfile: SubjectType = {
  ...base,
  assignRequest: () => undefined,
  assignmentsPerRequest: {
    path: assignmentsPath,
    written,
    requests(targetId, assignments, translate, current): GraphRequestSpec[] {
      const wanted = written(assignments, translate);
      const remaining = current.map((assignment) => ({ assignment, key: targetKey(assignment) }));
      const adds: GraphRequestSpec[] = [];
      for (const assignment of wanted) {
        const at = remaining.findIndex((r) => r.key === targetKey(assignment));
        if (at >= 0) remaining.splice(at, 1);
        else adds.push({ method: 'POST', path: assignmentsPath(targetId), body: assignment });
      }
      const removals: GraphRequestSpec[] = remaining.map(({ assignment }) => ({
        method: 'DELETE',
        path: `${assignmentsPath(targetId)}/${encodeURIComponent(String(assignment.id))}`,
      }));
      return [...adds, ...removals];
    },
  },
};
