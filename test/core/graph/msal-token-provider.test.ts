import { createHash, generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GraphTokenUnavailable } from '../../../core/graph/graph-errors';
import { MsalTokenProvider, graphScopeFor, type MsalTokenProviderConfig } from '../../../core/graph/msal-token-provider';
import { makeTenant } from '../../support/tenant-fixtures';

const LOGIN = 'https://login.microsoftonline.com';
const tenant = makeTenant();
const TOKEN_PATH = `/${tenant.id}/oauth2/v2.0/token`;

type Form = Record<string, string>;

function asForm(body: unknown): Form {
  return typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Form);
}

/** Intercepts `times` token requests on `host`, answering access tokens `at-1`, `at-2`... and recording each form. */
function tokenEndpoint(host = LOGIN, path = TOKEN_PATH, times = 1) {
  const forms: Form[] = [];
  nock(host)
    .post(path, (body) => {
      forms.push(asForm(body));
      return true;
    })
    .query(true)
    .times(times)
    .reply(200, () => ({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: `at-${forms.length}` }));
  return forms;
}

function provider(overrides: Partial<MsalTokenProviderConfig> = {}) {
  return new MsalTokenProvider({
    defaultClientId: 'msp-app',
    defaultClientSecret: 'msp-secret',
    resolveSecret: (ref) => ({ CONTOSO_APP_SECRET: 'contoso-secret' })[ref],
    ...overrides,
  });
}

const unmatched: string[] = [];
const recordUnmatched = (req: { method?: string; href?: string; path?: string }) => unmatched.push(`${req.method} ${req.href ?? req.path}`);

beforeAll(() => {
  nock.disableNetConnect();
  nock.emitter.on('no match', recordUnmatched);
});
afterEach(() => {
  nock.cleanAll();
  unmatched.length = 0;
});
afterAll(() => {
  nock.emitter.removeListener('no match', recordUnmatched);
  nock.enableNetConnect();
});

describe('MsalTokenProvider', () => {
  it('obtains an app-only Graph token with the client credentials flow and no discovery round trip', async () => {
    const forms = tokenEndpoint();

    await expect(provider().getToken(tenant)).resolves.toBe('at-1');

    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({
      client_id: 'msp-app',
      client_secret: 'msp-secret',
      grant_type: 'client_credentials',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(unmatched).toEqual([]);
  });

  it('serves the second call from its cache and asks again when forced to refresh', async () => {
    const forms = tokenEndpoint(LOGIN, TOKEN_PATH, 2);
    const tokens = provider();

    const first = await tokens.getToken(tenant);
    const cached = await tokens.getToken(tenant);
    expect(forms).toHaveLength(1);
    expect(cached).toBe(first);

    await expect(tokens.getToken(tenant, { forceRefresh: true })).resolves.toBe('at-2');
    expect(forms).toHaveLength(2);
  });

  it('uses a tenant’s own app registration and secret when its credentials name one', async () => {
    const forms = tokenEndpoint();
    const own = makeTenant({ credentials: { clientId: 'contoso-app', secretRef: 'CONTOSO_APP_SECRET' } });

    await provider().getToken(own);

    expect(forms[0]).toMatchObject({ client_id: 'contoso-app', client_secret: 'contoso-secret' });
  });

  it('signs in against a configured national cloud authority and Graph resource', async () => {
    const forms = tokenEndpoint('https://login.microsoftonline.us');
    const gov = provider({ authorityHost: 'https://login.microsoftonline.us', graphScope: graphScopeFor('https://graph.microsoft.us/') });

    await expect(gov.getToken(tenant)).resolves.toBe('at-1');

    expect(forms[0]?.scope).toBe('https://graph.microsoft.us/.default');
    expect(unmatched).toEqual([]);
  });

  it('works with an authority host MSAL does not know, without any discovery request', async () => {
    const forms = tokenEndpoint('https://login.sovereign.example');
    const custom = provider({ authorityHost: 'https://login.sovereign.example/' });

    await expect(custom.getToken(tenant)).resolves.toBe('at-1');

    expect(forms).toHaveLength(1);
    expect(unmatched).toEqual([]);
  });

  it('authenticates with a certificate assertion when one is configured', async () => {
    const forms = tokenEndpoint();
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const thumbprint = createHash('sha256').update('certificate').digest('hex').toUpperCase();
    const withCert = provider({
      defaultClientSecret: undefined,
      defaultCertificate: { privateKeyPath: '/secrets/msp.pem', thumbprint },
      readPrivateKey: (path) => (path === '/secrets/msp.pem' ? privateKey : ''),
    });

    await withCert.getToken(tenant);

    expect(forms[0]?.client_secret).toBeUndefined();
    expect(forms[0]?.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const header = JSON.parse(Buffer.from(forms[0]!.client_assertion!.split('.')[0]!, 'base64url').toString());
    expect(header['x5t#S256']).toBe(Buffer.from(thumbprint, 'hex').toString('base64url'));
  });

  it('explains refused credentials with the AADSTS code and never the secret', async () => {
    nock(LOGIN)
      .post(TOKEN_PATH)
      .query(true)
      .reply(401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided. Trace ID: abc',
        error_codes: [7000215],
      });

    const error = await provider().getToken(tenant).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphTokenUnavailable);
    expect((error as Error).message).toContain('AADSTS7000215');
    expect((error as Error).message).toContain('Contoso Production');
    expect((error as Error).message).not.toContain('msp-secret');
  });

  it('refuses without a request when a tenant names a secret that is not set', async () => {
    const missing = makeTenant({ credentials: { clientId: 'fabrikam-app', secretRef: 'FABRIKAM_SECRET' } });

    await expect(provider().getToken(missing)).rejects.toThrow('Could not sign in to tenant Contoso Production: secret FABRIKAM_SECRET is not set.');
    expect(unmatched).toEqual([]);
  });
});
