import type { Db } from 'mongodb';

/** Collection names, one per kind of thing stored (DESIGN "Storage rules"). */
export const COLLECTIONS = {
  workspaces: 'workspaces',
  tenants: 'tenants',
  memberships: 'memberships',
  inventorySnapshots: 'inventorySnapshots',
  inventorySubjects: 'inventorySubjects',
  runs: 'runs',
  runItems: 'runItems',
  runLocks: 'runLocks',
  runLeases: 'runLeases',
  runJournal: 'runJournal',
  auditEvents: 'auditEvents',
  conversations: 'conversations',
  controls: 'controls',
  mappings: 'mappings',
  promotionRequests: 'promotionRequests',
  watches: 'watches',
  agendaJobs: 'agendaJobs',
} as const;

/**
 * Creates the indexes the repositories rely on. Plain and unique compound indexes only:
 * no partial or TTL indexes, so MongoDB, Cosmos DB for MongoDB and the offline server behave alike.
 */
export async function ensureIndexes(db: Db): Promise<void> {
  await Promise.all([
    db.collection(COLLECTIONS.tenants).createIndex({ workspaceId: 1, displayName: 1 }),
    db.collection(COLLECTIONS.memberships).createIndex({ actorId: 1 }),
    db.collection(COLLECTIONS.inventorySubjects).createIndex({ workspaceId: 1, tenantId: 1, version: 1, chunk: 1 }),
    db.collection(COLLECTIONS.runs).createIndex({ workspaceId: 1, createdAt: -1 }),
    db.collection(COLLECTIONS.runs).createIndex({ workspaceId: 1, targetTenantId: 1, createdAt: -1 }),
    db.collection(COLLECTIONS.runItems).createIndex({ runId: 1, index: 1 }),
    db.collection(COLLECTIONS.runJournal).createIndex({ runId: 1, index: 1 }),
    db.collection(COLLECTIONS.auditEvents).createIndex({ workspaceId: 1, at: -1, seq: -1 }),
    db.collection(COLLECTIONS.mappings).createIndex({ workspaceId: 1, sourceTenantId: 1, targetTenantId: 1 }),
    db.collection(COLLECTIONS.watches).createIndex({ workspaceId: 1, sourceTenantId: 1, targetTenantId: 1, 'conversation.id': 1 }, { unique: true }),
    db.collection(COLLECTIONS.watches).createIndex({ status: 1, nextCheckAt: 1 }),
  ]);
}
