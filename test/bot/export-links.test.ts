import { describe, expect, it } from 'vitest';
import { ExportLinks } from '../../bot/export-links';

const claim = {
  actorId: 'demo-operator',
  kind: 'compare' as const,
  format: 'csv' as const,
  sourceTenantId: '11111111-1111-4111-8111-111111111111',
  targetTenantId: '22222222-2222-4222-8222-222222222222',
  types: [],
  includeAssignments: true,
};

describe('export links', () => {
  it('verifies its own link until it expires', () => {
    let now = new Date('2026-01-01T10:00:00Z');
    const links = new ExportLinks({ baseUrl: () => 'http://localhost:3978', signingKey: 'k'.repeat(32), ttlMs: 15 * 60_000, now: () => now });
    const token = links.create(claim).split('/exports?token=')[1]!;
    expect(links.verify(token)).toMatchObject({ ok: true, claim });
    now = new Date('2026-01-01T10:16:00Z');
    expect(links.verify(token)).toEqual({ ok: false, why: 'expired' });
  });

  it('refuses a link whose claim was altered or signed with another key', () => {
    const now = () => new Date('2026-01-01T10:00:00Z');
    const links = new ExportLinks({ baseUrl: () => 'http://x', signingKey: 'a'.repeat(32), ttlMs: 60_000, now });
    const other = new ExportLinks({ baseUrl: () => 'http://x', signingKey: 'b'.repeat(32), ttlMs: 60_000, now });
    const token = links.create(claim).split('/exports?token=')[1]!;
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claim, actorId: 'demo-admin', expiresAt: Date.now() + 1e9 })).toString('base64url');
    expect(links.verify(`${forged}.${signature}`)).toEqual({ ok: false, why: 'bad_signature' });
    expect(other.verify(token)).toEqual({ ok: false, why: 'bad_signature' });
    expect(links.verify(`${payload}`)).toEqual({ ok: false, why: 'malformed' });
  });
});
