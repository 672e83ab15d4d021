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
  'enrollmentConfiguration',
  'autopilotProfile',
  'scopeTag',
  'authenticationStrength',
] as const;
export type SubjectTypeKey = (typeof SUBJECT_TYPE_KEYS)[number];

export type GraphJson = Record<string, unknown>;

/** One Graph request, relative to the Graph base URL (path starts with `/beta/` or `/v1.0/`). */
export interface GraphRequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /**
   * Sending it a second time leaves the object as the first time did: it sets a value or replaces a list (an app
   * protection policy's `targetApps`, an enrollment configuration's `setPriority`), never adds one. Only such a
   * request after a create's POST or an update's PATCH is completed when a resumed run finds the object without it
   * and cannot tell whether it was sent; any other is never resent.
   */
  replaysSafely?: true;
}

/** A documented read of one secret value in clear. */
export interface SecretRead {
  path: string;
  request: GraphRequestSpec;
}

/** What a per-subject promotion check sees of a subject: its normalised form as the inventory holds it. */
export interface SubjectView {
  graphId: string;
  displayName: string;
  kindKey: string;
  payload: GraphJson;
}

/**
 * For types Graph assigns one assignment per request (Windows Autopilot profiles: `POST /{id}/assignments` per group,
 * `DELETE /{id}/assignments/{assignmentId}` to remove one) instead of one `assign` action replacing them all.
 */
export interface AssignmentsPerRequest {
  /** The object's assignments collection: listed (with the assignments' ids) before the requests are made. */
  path(targetId: string): string;
  /**
   * The assignments as these requests write them: what the compare judges, so members a read adds or leaves out
   * (the assignment's own `@odata.type`, source, ids) do not make two tenants differ.
   */
  written(assignments: GraphJson[], translate: ReferenceTranslator): GraphJson[];
  /** The requests turning `current` (the target's assignments as Graph lists them) into the source's, adds first. */
  requests(targetId: string, assignments: GraphJson[], translate: ReferenceTranslator, current: readonly GraphJson[]): GraphRequestSpec[];
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
  /**
   * For a collection that also holds objects of kinds the product does not govern (enrollment configurations): true
   * for the objects this type governs. Absent means every object of the collection.
   */
  governs?(raw: GraphJson): boolean;
  /**
   * The object as read, reshaped before it is normalised, for a reference Graph nests as an object whose `id` the
   * read-only list would strip (a Conditional Access policy's authentication strength). Absent means as read.
   */
  normaliseRaw?(raw: GraphJson): GraphJson;
  /**
   * The name a subject is matched by across tenants when its own name is not unique by design (Intune names every
   * default enrollment configuration "All users and all devices"); absent means the identity field as it is.
   */
  identityOf?(raw: GraphJson): string;
  /**
   * Why this subject cannot be promoted into a target holding `targetSubjects` (of the same type), though its type
   * can: a built-in object, a default that exists in every tenant, a value that cannot be translated, a priority held
   * by another object. Undefined when it can.
   */
  promotionBlock?(subject: SubjectView, targetSubjects: readonly SubjectView[], action: 'create' | 'update'): string | undefined;
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
  /**
   * Requests that create the subject in the target from a normalised source payload. The first creates the object;
   * any further request names the new object as CREATED_OBJECT_ID in its path and is sent once that id is journalled.
   */
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
  /** The assign request for target object `targetId`, from the source's normalised assignments (undefined with assignmentsPerRequest). */
  assignRequest(targetId: string, assignments: GraphJson[], translate: ReferenceTranslator): GraphRequestSpec | undefined;
  /** Set when assignments are written one per request (see AssignmentsPerRequest); `assignRequest` then answers undefined. */
  assignmentsPerRequest?: AssignmentsPerRequest;
}
