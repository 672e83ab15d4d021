import type { Db } from 'mongodb';
import type { ControlledOperation, ControlStore, OperationalControl } from '../controls/model';
import type { WorkspaceId } from '../ids';
import { COLLECTIONS } from './collections';

type ControlDoc = OperationalControl & { _id: string };

/** ControlStore on MongoDB, one document per workspace and operation. */
export class MongoControlStore implements ControlStore {
  constructor(private readonly db: Db) {}
  private get col() { return this.db.collection<ControlDoc>(COLLECTIONS.controls); }

  async get(workspaceId: WorkspaceId, operation: ControlledOperation) {
    const doc = await this.col.findOne({ _id: `${workspaceId}:${operation}`, workspaceId });
    if (!doc) return undefined;
    const { _id, ...control } = doc;
    return control;
  }

  async set(control: OperationalControl) {
    await this.col.replaceOne({ _id: `${control.workspaceId}:${control.operation}` }, control, { upsert: true });
  }
}
