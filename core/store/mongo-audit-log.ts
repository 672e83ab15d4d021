import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { AuditEvent, AuditLog } from '../audit/model';
import type { WorkspaceId } from '../ids';
import { COLLECTIONS } from './collections';

type AuditDoc = Omit<AuditEvent, 'id'> & { _id: string; seq: number };

/** Append-only AuditLog on MongoDB: only inserts, never updates or deletes. */
export class MongoAuditLog implements AuditLog {
  /** Orders events appended within the same millisecond by this process. */
  private seq = 0;
  constructor(private readonly db: Db) {}

  private get col() { return this.db.collection<AuditDoc>(COLLECTIONS.auditEvents); }

  async append(event: Omit<AuditEvent, 'id'>) {
    const id = randomUUID();
    await this.col.insertOne({ ...event, _id: id, seq: ++this.seq });
    return { ...event, id };
  }

  async list(workspaceId: WorkspaceId, page: { offset: number; limit: number }) {
    const filter = { workspaceId };
    const [docs, total] = await Promise.all([
      this.col.find(filter).sort({ at: -1, seq: -1 }).skip(page.offset).limit(page.limit).toArray(),
      this.col.countDocuments(filter),
    ]);
    return { events: docs.map(({ _id, seq: _s, ...rest }) => ({ ...rest, id: _id })), total };
  }
}
