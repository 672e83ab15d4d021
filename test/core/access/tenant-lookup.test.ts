import { describe, expect, it } from 'vitest';
import { lookupTenant } from '../../../core/access/tenant-lookup';
import { makeTenant } from '../../support/tenant-fixtures';

const visible = [
  makeTenant({ id: '11111111-1111-4111-8111-111111111111' as never, displayName: 'Contoso Staging' }),
  makeTenant({ id: '22222222-2222-4222-8222-222222222222' as never, displayName: 'Contoso Production' }),
];

describe('tenant lookup by typed name', () => {
  it('finds a tenant case-insensitively with or without quotes', () => {
    expect(lookupTenant(visible, '"contoso STAGING"')).toMatchObject({ kind: 'found', tenant: { displayName: 'Contoso Staging' } });
  });

  it('suggests the visible tenant for a typo', () => {
    expect(lookupTenant(visible, 'Contoso Prodution')).toEqual({ kind: 'not_found', suggestions: ['Contoso Production'] });
  });

  it('answers an invisible tenant exactly like one that exists nowhere', () => {
    expect(lookupTenant(visible, 'Fabrikam')).toEqual(lookupTenant(visible, 'Northwind Traders'));
  });
});
