import { describe, expect, it } from 'vitest';
import { ConfigurationError, isDemoMode, parseEnv } from '../../../core/config/env';

describe('configuration', () => {
  it('runs the demo with nothing configured', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3978);
    expect(isDemoMode(env)).toBe(true);
  });

  it('names every bad variable in the start-up error', () => {
    try {
      parseEnv({ PORT: 'eighty', MONGODB_URI: 'postgres://x', MicrosoftAppId: 'abc' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('MONGODB_URI');
    }
  });

  it('requires the bot password with an app id and a secret or certificate with a Graph client id', () => {
    expect(() => parseEnv({ MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppPassword/);
    expect(() => parseEnv({ GRAPH_CLIENT_ID: 'abc' })).toThrow(/GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH/);
    expect(isDemoMode(parseEnv({ GRAPH_CLIENT_ID: 'abc', GRAPH_CLIENT_SECRET: 's' }))).toBe(false);
  });

  it('bounds takeover of a dead worker\'s jobs to 2 minutes by default and refuses a longer lock lifetime', () => {
    const env = parseEnv({});
    expect(env.PROMOTION_LOCK_LIFETIME_MS).toBe(60_000);
    expect(env.WORKER_CONCURRENCY).toBe(2);
    expect(env.WORKER_DRAIN_MS).toBe(10_000);
    expect(() => parseEnv({ PROMOTION_LOCK_LIFETIME_MS: '600000' })).toThrow(/PROMOTION_LOCK_LIFETIME_MS: must be at most 120000 \(2 minutes\)/);
    expect(() => parseEnv({ PROMOTION_LOCK_LIFETIME_MS: '1500', WORKER_POLL_INTERVAL_MS: '1000' })).toThrow(/at least twice WORKER_POLL_INTERVAL_MS/);
    expect(() => parseEnv({ WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY/);
  });
});
