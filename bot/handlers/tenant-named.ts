import type { ActorContext } from '../../core/access/actor-context';
import type { Tenant } from '../../core/access/model';
import { lookupTenant } from '../../core/access/tenant-lookup';
import { NotFound } from '../../core/errors';

/** A tenant named in chat among those the actor may see; otherwise NotFound with suggestions from visible tenants only. */
export function tenantNamed(ctx: ActorContext, name: string): Tenant {
  const found = lookupTenant(ctx.visibleTenants, name);
  if (found.kind === 'found') return found.tenant;
  throw new NotFound('tenant', found.suggestions);
}
