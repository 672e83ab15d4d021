import type { ActorId, TenantId, WorkspaceId } from '../ids';

export const AUDIT_ACTIONS = [
  'promotion.preflight.generated',
  'promotion.execute.started',
  'promotion.execute.completed',
  'promotion.execute.refused',
  'promotion.undo.started',
  'promotion.undo.completed',
  'promotion.undo.refused',
  'promotion.request.cancelled',
  'action.forbidden',
  'controls.promotions.paused',
  'controls.promotions.resumed',
  'inventory.sync.requested',
  'export.downloaded',
  'mapping.saved',
  'mapping.removed',
  'watch.created',
  'watch.stopped',
  'watch.paused',
] as const;
/** What happened, in the product's audit vocabulary. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Bounded metadata: ids, counts, fingerprints, short reasons. Never payloads, secrets or tokens. */
export type AuditMetadata = Record<string, string | number | boolean | string[] | null>;

/** One append-only audit event of a workspace. */
export interface AuditEvent {
  id: string;
  workspaceId: WorkspaceId;
  at: Date;
  actorId: ActorId | 'system';
  action: AuditAction;
  tenantIds: TenantId[];
  metadata: AuditMetadata;
}

/** Append-only audit log. */
export interface AuditLog {
  /** Appends an event; ids are generated. */
  append(event: Omit<AuditEvent, 'id'>): Promise<AuditEvent>;
  /** Newest first, within one workspace. */
  list(workspaceId: WorkspaceId, page: { offset: number; limit: number }): Promise<{ events: AuditEvent[]; total: number }>;
}
