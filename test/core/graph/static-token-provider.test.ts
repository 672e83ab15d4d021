import { describe, expect, it } from 'vitest';
import { TenantId } from '../../../core/ids';
import { StaticTokenProvider } from '../../../core/graph/static-token-provider';
import { makeTenant } from '../../support/tenant-fixtures';

describe('StaticTokenProvider', () => {
  it('hands out a stable per-tenant token that changes only on a forced refresh', async () => {
    const tokens = new StaticTokenProvider();
    const contoso = makeTenant();
    const fabrikam = makeTenant({ id: TenantId('fabrikam-id') });

    expect(await tokens.getToken(contoso)).toBe(`sandbox-token-${contoso.id}-1`);
    expect(await tokens.getToken(contoso)).toBe(`sandbox-token-${contoso.id}-1`);
    expect(await tokens.getToken(contoso, { forceRefresh: true })).toBe(`sandbox-token-${contoso.id}-2`);
    expect(await tokens.getToken(contoso)).toBe(`sandbox-token-${contoso.id}-2`);
    expect(await tokens.getToken(fabrikam)).toBe('sandbox-token-fabrikam-id-1');
  });
});
