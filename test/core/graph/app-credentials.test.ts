import { describe, expect, it } from 'vitest';
import { resolveAppCredential, type DefaultApp } from '../../../core/graph/app-credentials';

const secrets: Record<string, string> = { CONTOSO_SECRET: 'contoso-secret' };
const resolveSecret = (ref: string) => secrets[ref];
const defaults: DefaultApp = { clientId: 'msp-app', clientSecret: 'msp-secret' };
const cert = { privateKeyPath: '/keys/msp.pem', thumbprint: 'AB'.repeat(20) };

describe('resolveAppCredential', () => {
  it('uses the default multi-tenant app when the tenant names none', () => {
    expect(resolveAppCredential({}, defaults, resolveSecret)).toEqual({
      ok: true,
      credential: { kind: 'secret', clientId: 'msp-app', secret: 'msp-secret' },
    });
  });

  it('prefers the default certificate over the default secret', () => {
    expect(resolveAppCredential({}, { ...defaults, certificate: cert }, resolveSecret)).toEqual({
      ok: true,
      credential: { kind: 'certificate', clientId: 'msp-app', certificate: cert },
    });
  });

  it('uses the tenant’s own app with the secret its secretRef names', () => {
    expect(resolveAppCredential({ clientId: 'contoso-app', secretRef: 'CONTOSO_SECRET' }, defaults, resolveSecret)).toEqual({
      ok: true,
      credential: { kind: 'secret', clientId: 'contoso-app', secret: 'contoso-secret' },
    });
  });

  it('uses the tenant’s own certificate', () => {
    const result = resolveAppCredential(
      { clientId: 'contoso-app', certificatePath: '/keys/contoso.pem', certificateThumbprint: 'CD'.repeat(32) },
      defaults,
      resolveSecret,
    );
    expect(result).toEqual({
      ok: true,
      credential: { kind: 'certificate', clientId: 'contoso-app', certificate: { privateKeyPath: '/keys/contoso.pem', thumbprint: 'CD'.repeat(32) } },
    });
  });

  it('never lends the default secret to another app', () => {
    expect(resolveAppCredential({ clientId: 'contoso-app' }, defaults, resolveSecret)).toEqual({
      ok: false,
      reason: 'app contoso-app has neither a secretRef nor a certificate',
    });
  });

  it('says which secret is missing without revealing any value', () => {
    expect(resolveAppCredential({ clientId: 'contoso-app', secretRef: 'UNSET' }, defaults, resolveSecret)).toEqual({
      ok: false,
      reason: 'secret UNSET is not set',
    });
    expect(resolveAppCredential({}, { clientId: 'msp-app' }, resolveSecret)).toEqual({
      ok: false,
      reason: 'app msp-app has neither a client secret nor a certificate configured',
    });
  });
});
