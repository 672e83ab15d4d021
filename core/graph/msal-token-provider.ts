import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication, LogLevel, type NodeAuthOptions } from '@azure/msal-node';
import type { Tenant } from '../access/model';
import { resolveAppCredential, type AppCredential, type CertificateRef, type SecretResolver } from './app-credentials';
import { GraphTokenUnavailable } from './graph-errors';
import type { TokenProvider, TokenRequestOptions } from './token-provider';

/** Public cloud sign-in host; national clouds use their own (e.g. https://login.microsoftonline.us). */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** App-only scope of the public cloud Graph; see `graphScopeFor` for national clouds. */
export const DEFAULT_GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** The `.default` scope of a Graph resource, e.g. `https://graph.microsoft.us` → `https://graph.microsoft.us/.default`. */
export function graphScopeFor(graphResource: string): string {
  return `${graphResource.replace(/\/+$/, '')}/.default`;
}

/** Configuration of the MSAL token provider; secrets arrive here from the environment, never from storage. */
export interface MsalTokenProviderConfig {
  defaultClientId: string;
  defaultClientSecret?: string;
  defaultCertificate?: CertificateRef;
  /** Defaults to DEFAULT_AUTHORITY_HOST. */
  authorityHost?: string;
  /** Defaults to DEFAULT_GRAPH_SCOPE. */
  graphScope?: string;
  /** Resolves a tenant's `secretRef` (environment variable name or secret store key). */
  resolveSecret: SecretResolver;
  /** Reads a PEM private key; defaults to reading the file. */
  readPrivateKey?: (path: string) => string;
}

/**
 * Authority metadata built from the configured host, so MSAL needs no instance discovery nor
 * openid-configuration round trip: works for any national cloud and offline tests alike.
 */
function authorityOptions(host: string, tenantId: string): Pick<NodeAuthOptions, 'authority' | 'knownAuthorities' | 'authorityMetadata'> {
  const authority = `${host}/${tenantId}`;
  return {
    authority,
    knownAuthorities: [new URL(host).host],
    authorityMetadata: JSON.stringify({
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      issuer: `${authority}/v2.0`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
    }),
  };
}

function certificateOptions(
  tenantLabel: string,
  cert: CertificateRef,
  readPrivateKey: (path: string) => string,
): NodeAuthOptions['clientCertificate'] {
  const thumbprint = cert.thumbprint.replace(/[^0-9a-f]/gi, '');
  let privateKey: string;
  try {
    privateKey = readPrivateKey(cert.privateKeyPath);
  } catch {
    throw new GraphTokenUnavailable(tenantLabel, `the certificate key ${cert.privateKeyPath} could not be read`);
  }
  return thumbprint.length === 64 ? { thumbprintSha256: thumbprint, privateKey } : { thumbprint, privateKey };
}

/** Only MSAL's error code and the AADSTS number: enough to diagnose, nothing secret. */
function describeMsalError(error: unknown): string {
  const code = (error as { errorCode?: unknown }).errorCode;
  const aadsts = String((error as { message?: unknown }).message ?? '').match(/AADSTS\d+/)?.[0];
  const details = [typeof code === 'string' ? code : undefined, aadsts].filter(Boolean).join(' ');
  return details ? `the token request failed (${details})` : 'the token request failed';
}

/** App-only client-credentials tokens from Microsoft Entra ID, one confidential client per (tenant, app). */
export class MsalTokenProvider implements TokenProvider {
  private readonly clients = new Map<string, ConfidentialClientApplication>();
  private readonly authorityHost: string;
  private readonly graphScope: string;

  constructor(private readonly config: MsalTokenProviderConfig) {
    this.authorityHost = (config.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '');
    this.graphScope = config.graphScope ?? DEFAULT_GRAPH_SCOPE;
  }

  /** A token from MSAL's in-memory cache, or a new one when absent, expiring or `forceRefresh` is set. */
  async getToken(tenant: Tenant, opts: TokenRequestOptions = {}): Promise<string> {
    const client = this.clientFor(tenant);
    let result;
    try {
      result = await client.acquireTokenByClientCredential({ scopes: [this.graphScope], skipCache: opts.forceRefresh === true });
    } catch (error) {
      throw new GraphTokenUnavailable(tenant.displayName, describeMsalError(error));
    }
    if (!result?.accessToken) throw new GraphTokenUnavailable(tenant.displayName, 'the identity platform returned no token');
    return result.accessToken;
  }

  private clientFor(tenant: Tenant): ConfidentialClientApplication {
    const resolution = resolveAppCredential(
      tenant.credentials,
      {
        clientId: this.config.defaultClientId,
        clientSecret: this.config.defaultClientSecret,
        certificate: this.config.defaultCertificate,
      },
      this.config.resolveSecret,
    );
    if (!resolution.ok) throw new GraphTokenUnavailable(tenant.displayName, resolution.reason);
    const key = `${tenant.id}|${resolution.credential.clientId}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.createClient(tenant, resolution.credential);
      this.clients.set(key, client);
    }
    return client;
  }

  private createClient(tenant: Tenant, credential: AppCredential): ConfidentialClientApplication {
    const readPrivateKey = this.config.readPrivateKey ?? ((path: string) => readFileSync(path, 'utf8'));
    const auth: NodeAuthOptions = {
      clientId: credential.clientId,
      ...authorityOptions(this.authorityHost, tenant.id),
      ...(credential.kind === 'secret'
        ? { clientSecret: credential.secret }
        : { clientCertificate: certificateOptions(tenant.displayName, credential.certificate, readPrivateKey) }),
    };
    return new ConfidentialClientApplication({
      auth,
      // Silent on purpose: MSAL's verbose logs can carry request details we never want in our logs.
      system: { loggerOptions: { loggerCallback: () => undefined, piiLoggingEnabled: false, logLevel: LogLevel.Error } },
    });
  }
}
