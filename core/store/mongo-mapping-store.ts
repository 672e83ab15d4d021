import type { Db } from 'mongodb';
import type { TenantId, WorkspaceId } from '../ids';
import type { MappingStore, ReferenceMapping } from '../mappings/model';
import type { ReferenceKind } from '../subjects/references';
import { COLLECTIONS } from './collections';

type MappingDoc = ReferenceMapping & { _id: string };
const key = (w: WorkspaceId, s: TenantId, t: TenantId, kind: ReferenceKind, sourceId: string) => `${w}:${s}:${t}:${kind}:${sourceId}`;

/** MappingStore on MongoDB: one document per pair, kind and source object. */
export class MongoMappingStore implements MappingStore {
  constructor(private readonly db: Db) {}
  private get col() { return this.db.collection<MappingDoc>(COLLECTIONS.mappings); }

  async list(workspaceId: WorkspaceId, sourceTenantId: TenantId, targetTenantId: TenantId) {
    const docs = await this.col.find({ workspaceId, sourceTenantId, targetTenantId }).sort({ kind: 1, sourceName: 1 }).toArray();
    return docs.map(({ _id, ...m }) => m);
  }

  async save(m: ReferenceMapping) {
    await this.col.replaceOne({ _id: key(m.workspaceId, m.sourceTenantId, m.targetTenantId, m.kind, m.sourceId) }, m, { upsert: true });
  }

  async remove(workspaceId: WorkspaceId, sourceTenantId: TenantId, targetTenantId: TenantId, kind: ReferenceKind, sourceId: string) {
    const result = await this.col.deleteOne({ _id: key(workspaceId, sourceTenantId, targetTenantId, kind, sourceId), workspaceId });
    return result.deletedCount === 1;
  }
}
