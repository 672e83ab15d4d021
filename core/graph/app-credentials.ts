import type { CredentialsRef } from '../access/model';

/** A PEM private key file and the certificate thumbprint (hex SHA-1 or SHA-256) registered on the app. */
export interface CertificateRef {
  privateKeyPath: string;
  thumbprint: string;
}

/** The deployment's default multi-tenant app registration. */
export interface DefaultApp {
  clientId: string;
  clientSecret?: string;
  certificate?: CertificateRef;
}

/** How to authenticate as one app registration; the secret itself is only ever held in memory. */
export type AppCredential =
  | { kind: 'secret'; clientId: string; secret: string }
  | { kind: 'certificate'; clientId: string; certificate: CertificateRef };

/** Either a usable credential or why none could be assembled (names config keys, never secret values). */
export type AppCredentialResolution = { ok: true; credential: AppCredential } | { ok: false; reason: string };

/** Looks a secret up by the name in a tenant's `secretRef`; undefined when it is not set. */
export type SecretResolver = (ref: string) => string | undefined;

function fromSecretRef(clientId: string, ref: string, resolveSecret: SecretResolver): AppCredentialResolution {
  const secret = resolveSecret(ref);
  return secret ? { ok: true, credential: { kind: 'secret', clientId, secret } } : { ok: false, reason: `secret ${ref} is not set` };
}

function tenantCertificate(creds: CredentialsRef): CertificateRef | undefined {
  return creds.certificatePath && creds.certificateThumbprint
    ? { privateKeyPath: creds.certificatePath, thumbprint: creds.certificateThumbprint }
    : undefined;
}

/**
 * Picks the app and credential for a tenant: the tenant's own app when its `clientId` differs from the default,
 * else the default app, with a tenant-level secretRef or certificate taking precedence over the defaults
 * (certificate before secret, as it is the stronger credential).
 */
export function resolveAppCredential(
  creds: CredentialsRef,
  defaults: DefaultApp,
  resolveSecret: SecretResolver,
): AppCredentialResolution {
  const ownApp = creds.clientId !== undefined && creds.clientId !== defaults.clientId;
  const clientId = creds.clientId ?? defaults.clientId;
  if (!clientId) return { ok: false, reason: 'no client id is configured' };
  const certificate = tenantCertificate(creds);
  if (certificate) return { ok: true, credential: { kind: 'certificate', clientId, certificate } };
  if (creds.secretRef) return fromSecretRef(clientId, creds.secretRef, resolveSecret);
  if (ownApp) return { ok: false, reason: `app ${clientId} has neither a secretRef nor a certificate` };
  if (defaults.certificate) return { ok: true, credential: { kind: 'certificate', clientId, certificate: defaults.certificate } };
  if (defaults.clientSecret) return { ok: true, credential: { kind: 'secret', clientId, secret: defaults.clientSecret } };
  return { ok: false, reason: `app ${clientId} has neither a client secret nor a certificate configured` };
}
