import type { ReferenceKind, SubjectReference } from './references';

/** Every Intune subject type the product knows; one registry entry each (core/subjects/types/). */
export const SUBJECT_TYPE_KEYS = [
  'settingsCatalog',
  'deviceConfiguration',
  'compliancePolicy',
  'powershellScript',
  'shellScript',
  'featureUpdateProfile',
  'qualityUpdateProfile',
  'conditionalAccessPolicy',
  'administrativeTemplate',
  'securityIntent',
  'remediationScript',
  'complianceScript',
  'customAttributeScript',
  'driverUpdateProfile',
  'assignmentFilter',
  'namedLocation',
  'iosAppProtectionPolicy',
  'androidAppProtectionPolicy',
  'windowsAppProtectionPolicy',
  'managedAppConfiguration',
  'mobileAppConfiguration',
  'notificationMessageTemplate',
] as const;
export type SubjectTypeKey = (typeof SUBJECT_TYPE_KEYS)[number];

export type GraphJson = Record<string, unknown>;

/** One Graph request, relative to the Graph base URL (path starts with `/beta/` or `/v1.0/`). */
export interface GraphRequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
}

/** A documented read of one secret value in clear. */
export interface SecretRead {
  path: string;
  request: GraphRequestSpec;
}

/**
 * Stands for the id of the object the first create request makes, in the paths of the create requests after it
 * (the apps of an app protection policy, the messages of a notification template); the executor puts the id in.
 */
export const CREATED_OBJECT_ID = '{created-object-id}';

/** Maps a source-tenant reference id to the target tenant's id; undefined when it cannot be mapped. */
export type ReferenceTranslator = (ref: SubjectReference) => string | undefined;

/**
 * Everything one Intune subject type needs, in one place: how to read it, normalise it,
 * find its references and secrets, and write it to a target tenant.
 */
export interface SubjectType {
  key: SubjectTypeKey;
  /** Operator-facing name, e.g. "Settings catalog". */
  label: string;
  /** Collection path including API version, e.g. `/beta/deviceManagement/configurationPolicies`. */
  collectionPath: string;
  /** Property holding the display name used as identity (`name` for settings catalog). */
  identityField: 'displayName' | 'name';
  /** `@odata.type` values of this type (used to recognise exported files and identity conflicts). */
  odataTypes: readonly string[];
  /** Query string appended to the list request (e.g. `$expand=assignments`); empty when none. */
  listQuery: string;
  /**
   * Extra per-object reads whose results are merged into the object under the given property
   * (e.g. settings of a settings catalog policy). Executed through JSON `$batch`, 20 per batch.
   */
  detailReads: readonly { property: string; path: (id: string) => string }[];
  /** Fields removed before comparing and before writing (ids, timestamps, versions, counts). */
  readOnlyFields: readonly string[];
  /** Kinds of reference object this type can point at (read with its inventory); absent means every kind. */
  referenceKinds?: readonly ReferenceKind[];
  /** Why this type can be compared but not promoted; absent for promotable types. */
  notPromotableReason?: string;
  /** True for an object Microsoft ships in every tenant and keeps read-only (compared, never promoted); absent when the type has none. */
  providedByMicrosoft?(raw: GraphJson): boolean;
  /** A key that must match across tenants for two same-named subjects to be the same kind (platform, odata type). */
  kindKey(raw: GraphJson): string;
  /** References (groups, scope tags, filters, named locations...) by their ids in the read tenant. */
  extractReferences(raw: GraphJson): SubjectReference[];
  /** Paths of secret-bearing values Graph does not return in clear (payload cannot be copied faithfully). */
  findSecrets(raw: GraphJson): string[];
  /**
   * Secret values Graph returns in clear through a documented read of their own (an OMA-URI setting's
   * `getOmaSettingPlainTextValue`): the value's path (as findSecrets names it) and the GET answering `{ value }`.
   * Absent or empty when the type has none.
   */
  secretReads?(raw: GraphJson): SecretRead[];
  /** Requests that create the subject in the target from a normalised source payload. */
  createRequests(payload: GraphJson, translate: ReferenceTranslator): GraphRequestSpec[];
  /**
   * Requests that update target object `targetId` to the normalised source payload. `current` is the target object's
   * normalised payload as read right before the write, for types whose children are addressed by a key the payload
   * holds (a notification template's messages by locale); without it the requests assume the target has the source's.
   */
  updateRequests(targetId: string, payload: GraphJson, translate: ReferenceTranslator, current?: GraphJson): GraphRequestSpec[];
  /**
   * The payload members written by requests after the first (navigation properties such as an app protection policy's
   * `apps`), as they are written: the compare's details show them beside the first request's body. No references.
   */
  followUpContent?(payload: GraphJson): GraphJson;
  /** The assign request for target object `targetId`, from the source's normalised assignments. */
  assignRequest(targetId: string, assignments: GraphJson[], translate: ReferenceTranslator): GraphRequestSpec | undefined;
}
