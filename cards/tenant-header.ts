import { clip } from './text';
import type { TenantView } from './view-parts';

/** Template data of one side of a source → target header. */
export interface TenantColumn {
  role: 'Source' | 'Target';
  name: string;
  environment: string;
  freshness: string;
  freshnessColor: 'default' | 'attention';
  portalUrl: string;
}

/** The two header columns of a card about a source and a target tenant, source first. */
export function tenantColumns(source: TenantView, target: TenantView): TenantColumn[] {
  const column = (role: TenantColumn['role'], t: TenantView): TenantColumn => ({
    role,
    name: clip(t.displayName, 80),
    environment: clip(t.environment, 60),
    freshness: clip(t.freshnessText),
    freshnessColor: t.stale ? 'attention' : 'default',
    portalUrl: t.portalUrl,
  });
  return [column('Source', source), column('Target', target)];
}

/** "Contoso Staging → Contoso Production". */
export function directionText(sourceName: string, targetName: string): string {
  return `${clip(sourceName, 80)} → ${clip(targetName, 80)}`;
}
