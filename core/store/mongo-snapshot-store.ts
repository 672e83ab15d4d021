import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { TenantId, WorkspaceId } from '../ids';
import type { InventorySnapshot, InventorySubject } from '../inventory/model';
import type { SnapshotHeader, SnapshotStore } from '../inventory/snapshot-store';
import type { ReferenceObject } from '../subjects/references';
import { COLLECTIONS } from './collections';

/** Subjects per chunk document: keeps every document far below MongoDB's 16 MB limit for large tenants. */
const CHUNK_SIZE = 250;
/** Reads retried when a concurrent replace removed the version being read. */
const MAX_READ_ATTEMPTS = 5;

interface HeaderDoc {
  _id: string;
  workspaceId: string;
  tenantId: string;
  version: string;
  observedAt: Date;
  lastAttemptAt: Date;
  staleReason?: string;
  subjectCount: number;
  referenceObjects: ReferenceObject[];
}
interface ChunkDoc { _id: string; workspaceId: string; tenantId: string; version: string; chunk: number; subjects: InventorySubject[] }

const headerId = (w: WorkspaceId, t: TenantId) => `${w}:${t}`;
const toHeader = (d: HeaderDoc): SnapshotHeader => ({
  workspaceId: WorkspaceId(d.workspaceId),
  tenantId: TenantId(d.tenantId),
  observedAt: d.observedAt,
  lastAttemptAt: d.lastAttemptAt,
  ...(d.staleReason ? { staleReason: d.staleReason } : {}),
  subjectCount: d.subjectCount,
});

/**
 * SnapshotStore on MongoDB without transactions: subjects are written under a new version first,
 * then the header is switched to it, then the version it replaced is deleted.
 */
export class MongoSnapshotStore implements SnapshotStore {
  constructor(private readonly db: Db) {}

  private get headersCol() { return this.db.collection<HeaderDoc>(COLLECTIONS.inventorySnapshots); }
  private get chunks() { return this.db.collection<ChunkDoc>(COLLECTIONS.inventorySubjects); }

  async get(workspaceId: WorkspaceId, tenantId: TenantId): Promise<InventorySnapshot | undefined> {
    // A replace deletes the old version right after switching the header, so a read that raced it
    // finds fewer subjects than its header counts: reading again then finds the new version whole.
    for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
      const header = await this.headersCol.findOne({ _id: headerId(workspaceId, tenantId), workspaceId: String(workspaceId) });
      if (!header) return undefined;
      const chunks = await this.chunks
        .find({ workspaceId: String(workspaceId), tenantId: String(tenantId), version: header.version })
        .sort({ chunk: 1 })
        .toArray();
      const subjects = chunks.flatMap((c) => c.subjects);
      if (subjects.length !== header.subjectCount) continue;
      const { subjectCount: _count, ...rest } = toHeader(header);
      return { ...rest, subjects, referenceObjects: header.referenceObjects };
    }
    throw new Error(`snapshot of tenant ${tenantId} kept changing while it was read`);
  }

  async headers(workspaceId: WorkspaceId) {
    const docs = await this.headersCol
      .find({ workspaceId: String(workspaceId) }, { projection: { referenceObjects: 0 } })
      .toArray();
    return docs.map(toHeader);
  }

  async replace(snapshot: InventorySnapshot) {
    const workspaceId = String(snapshot.workspaceId);
    const tenantId = String(snapshot.tenantId);
    const version = randomUUID();
    const docs: ChunkDoc[] = [];
    for (let i = 0; i * CHUNK_SIZE < snapshot.subjects.length; i++) {
      docs.push({ _id: `${tenantId}:${version}:${i}`, workspaceId, tenantId, version, chunk: i, subjects: snapshot.subjects.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE) });
    }
    if (docs.length > 0) await this.chunks.insertMany(docs, { ordered: true });
    const previous = await this.headersCol.findOneAndReplace(
      { _id: headerId(snapshot.workspaceId, snapshot.tenantId) },
      {
        workspaceId,
        tenantId,
        version,
        observedAt: snapshot.observedAt,
        lastAttemptAt: snapshot.lastAttemptAt,
        ...(snapshot.staleReason ? { staleReason: snapshot.staleReason } : {}),
        subjectCount: snapshot.subjects.length,
        referenceObjects: snapshot.referenceObjects,
      },
      { upsert: true, returnDocument: 'before' },
    );
    // Only the version this call switched away from: a concurrent replace's chunks may already be
    // written (or even current), and deleting "everything but mine" would leave a header without subjects.
    if (previous) await this.chunks.deleteMany({ workspaceId, tenantId, version: previous.version });
  }

  async markStale(workspaceId: WorkspaceId, tenantId: TenantId, reason: string, at: Date) {
    // One upsert, so two failed syncs of a never-read tenant cannot both try to insert the header.
    await this.headersCol.updateOne(
      { _id: headerId(workspaceId, tenantId) },
      {
        $set: { staleReason: reason, lastAttemptAt: at },
        $setOnInsert: {
          workspaceId: String(workspaceId),
          tenantId: String(tenantId),
          version: 'none',
          observedAt: new Date(0),
          subjectCount: 0,
          referenceObjects: [],
        },
      },
      { upsert: true },
    );
  }
}
