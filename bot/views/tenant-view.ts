import type { TenantView } from '../../cards/view-parts';
import type { Tenant } from '../../core/access/model';
import type { InventorySnapshot } from '../../core/inventory/model';
import type { SnapshotHeader } from '../../core/inventory/snapshot-store';

/** "3 min ago", "5 h ago", "2 d ago". */
export function ago(then: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - then.getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} d ago`;
}

/** The Intune admin center, opened in that tenant's context. */
export function intunePortalUrl(tenant: Tenant): string {
  return `https://intune.microsoft.com/${encodeURIComponent(tenant.id)}/#home`;
}

/** Freshness of a snapshot in words, and whether to show it as a warning. */
export function freshness(snapshot: Pick<InventorySnapshot, 'observedAt' | 'staleReason'> | SnapshotHeader | undefined, now: Date, freshnessMs: number): { text: string; stale: boolean } {
  if (!snapshot || snapshot.observedAt.getTime() === 0) {
    return { text: snapshot?.staleReason ? `never read: ${readFailureText(snapshot.staleReason)}` : 'not read yet', stale: true };
  }
  if (snapshot.staleReason) return { text: `stale (observed ${ago(snapshot.observedAt, now)}): ${readFailureText(snapshot.staleReason)}`, stale: true };
  const old = now.getTime() - snapshot.observedAt.getTime() > freshnessMs;
  return { text: `observed ${ago(snapshot.observedAt, now)}`, stale: old };
}

/** A tenant as cards show it. */
export function tenantView(tenant: Tenant, snapshot: Parameters<typeof freshness>[0], now: Date, freshnessMs: number): TenantView {
  const f = freshness(snapshot, now, freshnessMs);
  return { id: tenant.id, displayName: tenant.displayName, environment: tenant.environment, freshnessText: f.text, stale: f.stale, portalUrl: intunePortalUrl(tenant) };
}

const GRAPH_STATUS_WORDS: Record<string, string> = {
  '401': 'Microsoft Graph refused the app\'s sign-in for this tenant (HTTP 401); check the app registration\'s credentials.',
  '403': 'The app is not allowed to read this tenant\'s Intune configuration (HTTP 403); an admin of that tenant must grant consent.',
  '404': 'Microsoft Graph did not find this tenant\'s Intune data (HTTP 404).',
  '429': 'Microsoft Graph throttled the reads of this tenant (HTTP 429); try again in a few minutes.',
};

/** Why a tenant could not be read, in words an operator acts on (the stored reason quotes Graph's status and path). */
export function readFailureText(staleReason: string | undefined): string {
  if (!staleReason) return 'It has not been read yet: the first inventory sync has not finished.';
  const status = /answer(?:ed|ing) (\d{3})/.exec(staleReason)?.[1];
  if (!status) return `The last inventory sync failed: ${staleReason}`;
  return GRAPH_STATUS_WORDS[status]
    ?? (status.startsWith('5') ? `Microsoft Graph was unavailable for this tenant (HTTP ${status}) on every attempt.` : `Microsoft Graph refused the reads of this tenant (HTTP ${status}).`);
}
