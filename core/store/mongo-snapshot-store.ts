import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { TenantId, WorkspaceId } from '../ids';
import type { InventorySnapshot, InventorySubject } from '../inventory/model';
import type { SnapshotHeader, SnapshotStore } from '../inventory/snapshot-store';
import type { ReferenceObject } from '../subjects/references';
import { COLLECTIONS } from './collections';

/** Subjects per chunk document: keeps every document far below MongoDB's 16 MB limit for large tenants. */
const CHUNK_SIZE = 250;

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
 * then the header is switched to it, then older versions are deleted.
 */
export class MongoSnapshotStore implements SnapshotStore {
  constructor(private readonly db: Db) {}

  private get headersCol() { return this.db.collection<HeaderDoc>(COLLECTIONS.inventorySnapshots); }
  private get chunks() { return this.db.collection<ChunkDoc>(COLLECTIONS.inventorySubjects); }

  async get(workspaceId: WorkspaceId, tenantId: TenantId): Promise<InventorySnapshot | undefined> {
    const header = await this.headersCol.findOne({ _id: headerId(workspaceId, tenantId), workspaceId: String(workspaceId) });
    if (!header) return undefined;
    const chunks = await this.chunks
      .find({ workspaceId: String(workspaceId), tenantId: String(tenantId), version: header.version })
      .sort({ chunk: 1 })
      .toArray();
    const { subjectCount: _count, ...rest } = toHeader(header);
    return { ...rest, subjects: chunks.flatMap((c) => c.subjects), referenceObjects: header.referenceObjects };
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
    await this.headersCol.replaceOne(
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
      { upsert: true },
    );
    await this.chunks.deleteMany({ workspaceId, tenantId, version: { $ne: version } });
  }

  async markStale(workspaceId: WorkspaceId, tenantId: TenantId, reason: string, at: Date) {
    const existing = await this.headersCol.findOne({ _id: headerId(workspaceId, tenantId) });
    if (existing) {
      await this.headersCol.updateOne({ _id: existing._id }, { $set: { staleReason: reason, lastAttemptAt: at } });
      return;
    }
    await this.headersCol.insertOne({
      _id: headerId(workspaceId, tenantId),
      workspaceId: String(workspaceId),
      tenantId: String(tenantId),
      version: 'none',
      observedAt: new Date(0),
      lastAttemptAt: at,
      staleReason: reason,
      subjectCount: 0,
      referenceObjects: [],
    });
  }
}
