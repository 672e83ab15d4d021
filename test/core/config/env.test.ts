import { describe, expect, it } from 'vitest';
import { ConfigurationError, isDemoMode, parseEnv } from '../../../core/config/env';

const BOT = { MicrosoftAppId: '00000000-0000-0000-0000-0000000000b0', MicrosoftAppPassword: 'bot-secret' };
/** How a missing Graph secret-or-certificate is named. */
const GRAPH_CREDENTIAL = 'GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH with GRAPH_CERTIFICATE_THUMBPRINT';
const EVERYTHING = ['MicrosoftAppId', 'MicrosoftAppPassword', 'GRAPH_CLIENT_ID', GRAPH_CREDENTIAL];
const GRAPH = { GRAPH_CLIENT_ID: '00000000-0000-0000-0000-0000000000c0', GRAPH_CLIENT_SECRET: 'graph-secret' };

/** The problem lines of the start-up error for `source`; fails when it starts. */
function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  throw new Error(`expected ${JSON.stringify(Object.keys(source))} to be refused`);
}

/** The variable each "missing" line names. */
const missingNames = (source: Record<string, string>) => problemsOf(source).filter((p) => p.includes(': missing')).map((p) => p.slice(0, p.indexOf(': missing')));

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

  it('starts in production only with the bot and the Graph registration complete', () => {
    const env = parseEnv({ ...BOT, ...GRAPH });
    expect(isDemoMode(env)).toBe(false);
    expect(isDemoMode(parseEnv({ ...BOT, GRAPH_CLIENT_ID: GRAPH.GRAPH_CLIENT_ID, GRAPH_CERTIFICATE_PATH: '/certs/graph.pem', GRAPH_CERTIFICATE_THUMBPRINT: 'AB12' }))).toBe(false);
    expect(isDemoMode(parseEnv({ ...BOT, ...GRAPH, DEMO_MODE: 'false' }))).toBe(false);
    expect(isDemoMode(parseEnv({ MicrosoftAppId: BOT.MicrosoftAppId, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't', ...GRAPH }))).toBe(false);
  });

  it('a bot registration without Graph names the Graph variables, and does not fall back to the demo', () => {
    expect(missingNames(BOT)).toEqual(['GRAPH_CLIENT_ID', GRAPH_CREDENTIAL]);
    expect(missingNames({ MicrosoftAppId: BOT.MicrosoftAppId })).toEqual([
      'MicrosoftAppPassword',
      'GRAPH_CLIENT_ID',
      GRAPH_CREDENTIAL,
    ]);
    expect(problemsOf(BOT).at(-1)).toContain('to run the local demo instead, unset every bot and Graph setting');
  });

  it('a Graph registration without the bot names the bot variables', () => {
    expect(missingNames(GRAPH)).toEqual(['MicrosoftAppId', 'MicrosoftAppPassword']);
    expect(missingNames({ GRAPH_CLIENT_ID: GRAPH.GRAPH_CLIENT_ID })).toEqual([
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      GRAPH_CREDENTIAL,
    ]);
    expect(missingNames({ GRAPH_BASE_URL: 'https://graph.microsoft.us' })).toEqual(EVERYTHING);
  });

  it('a half-configured credential names its other half', () => {
    expect(missingNames({ ...BOT, GRAPH_CLIENT_ID: GRAPH.GRAPH_CLIENT_ID, GRAPH_CERTIFICATE_PATH: '/certs/graph.pem' })).toEqual(['GRAPH_CERTIFICATE_THUMBPRINT']);
    expect(missingNames({ ...BOT, ...GRAPH, GRAPH_CERTIFICATE_THUMBPRINT: 'AB12' })).toEqual(['GRAPH_CERTIFICATE_PATH']);
    expect(missingNames({ MicrosoftAppPassword: BOT.MicrosoftAppPassword, ...GRAPH })).toEqual(['MicrosoftAppId']);
    expect(missingNames({ ...BOT, MicrosoftAppType: 'SingleTenant', ...GRAPH })).toEqual(['MicrosoftAppTenantId']);
    expect(missingNames({ MicrosoftAppTenantId: 'contoso.onmicrosoft.com' })).toEqual(EVERYTHING);
  });

  it('DEMO_MODE=false with nothing configured names everything production needs', () => {
    const problems = problemsOf({ DEMO_MODE: 'false' });
    expect(missingNames({ DEMO_MODE: 'false' })).toEqual(EVERYTHING);
    expect(problems.at(-1)).toContain('DEMO_MODE=false');
  });

  it('refuses DEMO_MODE=true next to production settings, naming them and why', () => {
    const [problem, ...rest] = problemsOf({ DEMO_MODE: 'true', ...BOT, ...GRAPH });
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^DEMO_MODE: /);
    for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET']) expect(problem).toContain(name);
    expect(problem).toContain('demo operator');
    expect(problemsOf({ DEMO_MODE: 'true', GRAPH_BASE_URL: 'https://graph.microsoft.com' })[0]).toContain('GRAPH_BASE_URL');
    expect(isDemoMode(parseEnv({ DEMO_MODE: 'true' }))).toBe(true);
  });

  it('never puts a configured secret into the start-up error', () => {
    const message = problemsOf({ ...BOT, DEMO_MODE: 'true' }).join('\n') + problemsOf(BOT).join('\n');
    expect(message).not.toContain(BOT.MicrosoftAppPassword);
    expect(message).not.toContain(BOT.MicrosoftAppId);
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

  it('refuses a production visibility wait too short to let an earlier executor\'s write arrive before a takeover resends it', () => {
    const production = { ...BOT, ...GRAPH, MicrosoftAppType: 'MultiTenant' };
    expect(parseEnv(production).WRITE_VISIBILITY_WAIT_MS).toBe(60_000);
    expect(parseEnv({ ...production, WRITE_VISIBILITY_WAIT_MS: '5000' }).WRITE_VISIBILITY_WAIT_MS).toBe(5_000);
    expect(problemsOf({ ...production, RUN_LEASE_MS: '20000', WRITE_VISIBILITY_WAIT_MS: '5000' })).toEqual([
      'WRITE_VISIBILITY_WAIT_MS: with RUN_LEASE_MS 20000, must be more than 20000 (GRAPH_TIMEOUT_MS less half the lease), or a worker taking a run over could send a write again while the earlier request may still be on its way',
    ]);
  });
});
