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
});
