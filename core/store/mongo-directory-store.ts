import type { Db } from 'mongodb';
import type { DirectoryStore } from '../access/directory-store';
import type { Membership, Tenant, Workspace } from '../access/model';
import { ActorId, TenantId, WorkspaceId } from '../ids';
import { COLLECTIONS } from './collections';

interface WorkspaceDoc { _id: string; name: string; settings: Workspace['settings'] }
interface TenantDoc { _id: string; workspaceId: string; displayName: string; environment: string; credentials: Tenant['credentials'] }
interface MembershipDoc extends Omit<Membership, 'workspaceId' | 'actorId'> { _id: string; workspaceId: string; actorId: string }

const toWorkspace = (d: WorkspaceDoc): Workspace => ({ id: WorkspaceId(d._id), name: d.name, settings: { requireSecondApprover: Boolean(d.settings?.requireSecondApprover) } });
const toTenant = (d: TenantDoc): Tenant => ({
  id: TenantId(d._id),
  workspaceId: WorkspaceId(d.workspaceId),
  displayName: d.displayName,
  environment: d.environment,
  credentials: d.credentials ?? {},
});
const toMembership = (d: MembershipDoc): Membership => ({
  workspaceId: WorkspaceId(d.workspaceId),
  actorId: ActorId(d.actorId),
  displayName: d.displayName,
  workspaceCapabilities: d.workspaceCapabilities ?? [],
  tenantCapabilities: d.tenantCapabilities ?? {},
});

/** DirectoryStore on MongoDB. */
export class MongoDirectoryStore implements DirectoryStore {
  constructor(private readonly db: Db) {}

  private get workspaces() { return this.db.collection<WorkspaceDoc>(COLLECTIONS.workspaces); }
  private get tenants() { return this.db.collection<TenantDoc>(COLLECTIONS.tenants); }
  private get memberships() { return this.db.collection<MembershipDoc>(COLLECTIONS.memberships); }

  async getWorkspace(id: WorkspaceId) {
    const doc = await this.workspaces.findOne({ _id: String(id) });
    return doc ? toWorkspace(doc) : undefined;
  }

  async membershipsOf(actorId: ActorId) {
    const docs = await this.memberships.find({ actorId: String(actorId) }).sort({ workspaceId: 1 }).toArray();
    return docs.map(toMembership);
  }

  async getTenant(workspaceId: WorkspaceId, tenantId: TenantId) {
    const doc = await this.tenants.findOne({ _id: String(tenantId), workspaceId: String(workspaceId) });
    return doc ? toTenant(doc) : undefined;
  }

  async listMembers(workspaceId: WorkspaceId) {
    const docs = await this.memberships.find({ workspaceId: String(workspaceId) }).sort({ displayName: 1 }).toArray();
    return docs.map(toMembership);
  }

  async listTenants(workspaceId: WorkspaceId) {
    const docs = await this.tenants.find({ workspaceId: String(workspaceId) }).sort({ displayName: 1 }).toArray();
    return docs.map(toTenant);
  }

  async listAllTenants() {
    return (await this.tenants.find({}).sort({ workspaceId: 1, displayName: 1 }).toArray()).map(toTenant);
  }

  async saveWorkspace(w: Workspace) {
    await this.workspaces.replaceOne({ _id: String(w.id) }, { name: w.name, settings: w.settings }, { upsert: true });
  }

  async saveTenant(t: Tenant) {
    await this.tenants.replaceOne(
      { _id: String(t.id) },
      { workspaceId: String(t.workspaceId), displayName: t.displayName, environment: t.environment, credentials: t.credentials },
      { upsert: true },
    );
  }

  async saveMembership(m: Membership) {
    const { workspaceId, actorId, ...rest } = m;
    await this.memberships.replaceOne(
      { _id: `${workspaceId}:${actorId}` },
      { ...rest, workspaceId: String(workspaceId), actorId: String(actorId) },
      { upsert: true },
    );
  }
}
