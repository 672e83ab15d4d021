// Bot Framework channel tokens for authentication tests: a signing key published (through nock) as the Bot Framework's
// OpenID metadata, so a correctly signed token can be told apart from forged, expired or misdirected ones.
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

const METADATA_HOST = 'https://login.botframework.com';
/** Issuer of tokens the Bot Framework channel service sends to bots. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';
const PUBLISHED_KID = 'reliability-published-key';

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function jwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  signWith?: { key: KeyObject | Buffer; alg: 'RS256' | 'HS256' },
): string {
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  if (!signWith) return `${unsigned}.`;
  const signature =
    signWith.alg === 'RS256'
      ? sign('RSA-SHA256', Buffer.from(unsigned), signWith.key as KeyObject)
      : createHmac('sha256', signWith.key as Buffer)
          .update(unsigned)
          .digest();
  return `${unsigned}.${b64url(signature)}`;
}

/** A published key pair and an attacker's key pair; tokens are built from claims. */
export class ChannelTokens {
  private readonly published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });

  constructor(readonly appId: string) {}

  /**
   * Serves the published key as the Bot Framework's signing key (endorsed for Teams) until `stop`. nock is loaded
   * here and switched off again by `stop`, so the other scenarios of a run talk to loopback without interception.
   */
  async publish(): Promise<{ stop(): void }> {
    const { default: nock } = await import('nock');
    if (!nock.isActive()) nock.activate();
    const jwk = this.published.publicKey.export({ format: 'jwk' });
    nock(METADATA_HOST)
      .persist()
      .get('/v1/.well-known/openidconfiguration')
      .reply(200, {
        issuer: CHANNEL_ISSUER,
        jwks_uri: `${METADATA_HOST}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      })
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: PUBLISHED_KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    return {
      stop: () => {
        nock.cleanAll();
        nock.restore();
      },
    };
  }

  /** Claims of a valid channel token for an activity to `serviceUrl`. */
  claims(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return { iss: CHANNEL_ISSUER, aud: this.appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 600, ...overrides };
  }

  /** Signed with the published key: valid when the claims are. */
  signed(claims: Record<string, unknown>): string {
    return jwt({ alg: 'RS256', typ: 'JWT', kid: PUBLISHED_KID }, claims, { key: this.published.privateKey, alg: 'RS256' });
  }

  /** Signed with a key nobody published, under the published key's id or another one. */
  signedByAttacker(claims: Record<string, unknown>, kid = PUBLISHED_KID): string {
    return jwt({ alg: 'RS256', typ: 'JWT', kid }, claims, { key: this.attacker.privateKey, alg: 'RS256' });
  }

  /** Unsigned (`alg: none`). */
  unsigned(claims: Record<string, unknown>): string {
    return jwt({ alg: 'none', typ: 'JWT' }, claims);
  }

  /** HMAC-signed with a guessable secret (e.g. the bot's own password). */
  hmac(claims: Record<string, unknown>, secret: string): string {
    return jwt({ alg: 'HS256', typ: 'JWT', kid: PUBLISHED_KID }, claims, { key: Buffer.from(secret), alg: 'HS256' });
  }
}
