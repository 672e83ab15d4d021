// Conditional Access, administrative templates and legacy intents as Graph returns them.
import type { GraphJson } from '../../../core/subjects/subject-type';
import { policyAssignments, type TenantSide } from './tenant-sides';

/** A Conditional Access policy naming groups and named locations alongside built-in keywords. */
export function conditionalAccessPolicy(side: TenantSide): GraphJson {
  return {
    id: side.policyId,
    templateId: null,
    displayName: 'CA001 - Require MFA outside trusted locations',
    createdDateTime: side.created,
    modifiedDateTime: side.modified,
    state: 'enabledForReportingButNotEnforced',
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: ['all'],
      applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [] },
      users: {
        includeUsers: ['All'],
        excludeUsers: ['GuestsOrExternalUsers'],
        includeGroups: [side.groupId],
        excludeGroups: [side.excludedGroupId],
        includeRoles: [],
        excludeRoles: ['62e90394-69f5-4237-9190-012177145e10'],
      },
      locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted', side.locationId] },
    },
    grantControls: { operator: 'OR', builtInControls: ['mfa'], customAuthenticationFactors: [], termsOfUse: [] },
    sessionControls: null,
  };
}

/** An administrative template list item and its `definitionValues` detail items. */
export function administrativeTemplate(side: TenantSide): { listed: GraphJson; definitionValues: GraphJson[] } {
  return {
    listed: {
      id: side.policyId,
      displayName: 'Edge - Home page',
      description: '',
      createdDateTime: side.created,
      lastModifiedDateTime: side.modified,
      roleScopeTagIds: ['0'],
      policyConfigurationIngestionType: 'builtIn',
      assignments: policyAssignments(side),
    },
    definitionValues: [
      {
        id: `${side.policyId}-dv1`,
        createdDateTime: side.created,
        lastModifiedDateTime: side.modified,
        enabled: true,
        configurationType: 'policy',
        definition: { displayName: 'Configure the home page URL', classType: 'machine', categoryPath: '\\Microsoft Edge\\Startup, home page and new tab page' },
        presentationValues: [
          { '@odata.type': '#microsoft.graph.groupPolicyPresentationValueText', id: `${side.policyId}-pv1`, createdDateTime: side.created, lastModifiedDateTime: side.modified, value: 'https://intranet.contoso.com' },
        ],
      },
    ],
  };
}

/** A legacy endpoint security intent and its settings. */
export function securityIntent(side: TenantSide): { listed: GraphJson; settings: GraphJson[]; assignments: GraphJson[] } {
  return {
    listed: {
      id: side.policyId,
      displayName: 'Legacy - BitLocker',
      description: '',
      isAssigned: true,
      isMigratingToConfigurationPolicy: false,
      lastModifiedDateTime: side.modified,
      templateId: 'd1174162-1dd2-4976-affc-6667049ab0ae',
      roleScopeTagIds: ['0'],
    },
    settings: [
      { '@odata.type': '#microsoft.graph.deviceManagementBooleanSettingInstance', id: `${side.policyId}-s1`, definitionId: 'deviceConfiguration--windows10EndpointProtectionConfiguration_bitLockerEncryptDevice', valueJson: 'true', value: true },
    ],
    assignments: [{ id: side.assignmentId, target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: side.groupId } }],
  };
}
