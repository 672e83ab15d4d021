import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What an export link grants: one actor, one selection, one format, until it expires. */
export const ExportClaim = z.object({
  actorId: z.string().min(1),
  kind: z.enum(['compare', 'preflight']),
  format: z.enum(['csv', 'json']),
  sourceTenantId: z.string().min(1),
  targetTenantId: z.string().min(1),
  types: z.array(z.string()).max(20),
  includeAssignments: z.boolean(),
  expiresAt: z.number().int(),
});
export type ExportClaim = z.infer<typeof ExportClaim>;

/** Result of verifying a link: the claim, or why it is refused (both answer the same to the caller). */
export type VerifiedLink = { ok: true; claim: ExportClaim } | { ok: false; why: 'malformed' | 'bad_signature' | 'expired' };

/**
 * Short-lived signed export links (HMAC-SHA256). The link proves who asked for what; the download still
 * re-checks the actor's rights, so a revoked member's old link yields nothing.
 */
export class ExportLinks {
  private readonly key: Buffer;

  /** `baseUrl` is read at link creation: the listening port is known only after the server started. */
  constructor(private readonly opts: { baseUrl: () => string; signingKey?: string; ttlMs: number; now: () => Date }) {
    this.key = opts.signingKey ? Buffer.from(opts.signingKey, 'utf8') : randomBytes(32);
  }

  /** A download URL for the claim (expiry set from the TTL); the token rides in the query because route parameters are length-limited. */
  create(claim: Omit<ExportClaim, 'expiresAt'>): string {
    const full: ExportClaim = { ...claim, expiresAt: this.opts.now().getTime() + this.opts.ttlMs };
    const payload = Buffer.from(JSON.stringify(full), 'utf8').toString('base64url');
    return `${this.opts.baseUrl().replace(/\/$/, '')}/exports?token=${payload}.${this.sign(payload)}`;
  }

  /** Verifies a token from a download URL. */
  verify(token: string): VerifiedLink {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined || token.length > 4096) return { ok: false, why: 'malformed' };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, why: 'bad_signature' };
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, why: 'malformed' };
    }
    const claim = ExportClaim.safeParse(json);
    if (!claim.success) return { ok: false, why: 'malformed' };
    if (claim.data.expiresAt < this.opts.now().getTime()) return { ok: false, why: 'expired' };
    return { ok: true, claim: claim.data };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
