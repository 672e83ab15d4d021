import { z } from 'zod';
import { deploymentProblems, isDemoMode } from './deployment';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'auto'])
  .transform((v) => (v === 'auto' ? 'auto' : ['true', '1', 'yes'].includes(v)));
const positive = (fallback: number) => z.coerce.number().positive().default(fallback);
const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(emptyAsUndefined, z.string().min(1).optional());

/** Every environment variable the process reads; `.env.example` documents each one. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  ROLE: z.enum(['all', 'web', 'worker', 'sandbox']).default('all'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  DEMO_MODE: z.preprocess(emptyAsUndefined, flag.default('auto')),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MONGODB_URI: z.preprocess(emptyAsUndefined, z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional()),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/).default('tenantatlas'),
  DATA_DIR: z.string().default('.data'),
  SEED_FILE: optionalText,
  GRAPH_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  GRAPH_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
  GRAPH_SCOPE: z.string().default('https://graph.microsoft.com/.default'),
  GRAPH_CLIENT_ID: optionalText,
  GRAPH_CLIENT_SECRET: optionalText,
  GRAPH_CERTIFICATE_PATH: optionalText,
  GRAPH_CERTIFICATE_THUMBPRINT: optionalText,
  GRAPH_TIMEOUT_MS: positive(30_000),
  SANDBOX_TENANTS_DIR: optionalText,
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SANDBOX_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  SANDBOX_WRITE_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  SNAPSHOT_FRESHNESS_HOURS: positive(24),
  INVENTORY_SYNC_INTERVAL_HOURS: positive(6),
  PUBLIC_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  EXPORT_SIGNING_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  EXPORT_LINK_TTL_MINUTES: positive(15),
  PROGRESS_UPDATE_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
  PROMOTION_LOCK_LIFETIME_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(2 * 60_000, 'must be at most 120000 (2 minutes): it bounds how long a dead worker holds its jobs')
    .default(60_000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),
  WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  WORKER_DRAIN_MS: z.coerce.number().int().min(0).max(10 * 60_000).default(10_000),
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  WORKER_HEALTH_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  /** How often the worker looks for drift watches whose check is due. */
  WATCH_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  RUN_LEASE_MS: z.coerce.number().int().min(1000).max(10 * 60_000).default(60_000),
  RUN_WATCHDOG_INTERVAL_MS: z.coerce.number().int().min(1000).max(10 * 60_000).default(30_000),
  WRITE_VISIBILITY_WAIT_MS: z.coerce.number().int().min(0).max(30 * 60_000).default(60_000),
  RUN_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be a comma-separated list of milliseconds, e.g. 15000,30000,60000')
    .default('15000,30000,60000,120000,240000')
    .transform((list) => list.split(',').map((n) => Number(n.trim()))),
});
export type Env = z.infer<typeof EnvSchema>;

/** A configuration problem, naming the variable so the operator knows exactly what to fix. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Parses the environment; throws ConfigurationError listing every bad or missing variable (see deploymentProblems). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const env = parsed.data;
  const problems = deploymentProblems(env);
  if (env.PROMOTION_LOCK_LIFETIME_MS < 2 * env.WORKER_POLL_INTERVAL_MS) {
    problems.push('PROMOTION_LOCK_LIFETIME_MS: must be at least twice WORKER_POLL_INTERVAL_MS, or a lock expires between two polls');
  }
  // A run is taken over only after its lease ran out, and a write starts only while half the lease is left: so an
  // earlier executor's request has been on its way for at least half a lease, plus the visibility wait the new
  // executor watches for it, before anything is sent again. Past the Graph timeout that request was given up on. The
  // demo's scenarios shorten these on the built-in sandbox; a production tenant gets the rule.
  if (!isDemoMode(env) && env.RUN_LEASE_MS / 2 + env.WRITE_VISIBILITY_WAIT_MS <= env.GRAPH_TIMEOUT_MS) {
    problems.push(
      `WRITE_VISIBILITY_WAIT_MS: with RUN_LEASE_MS ${env.RUN_LEASE_MS}, must be more than ${env.GRAPH_TIMEOUT_MS - env.RUN_LEASE_MS / 2} (GRAPH_TIMEOUT_MS less half the lease), or a worker taking a run over could send a write again while the earlier request may still be on its way`,
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return env;
}

export { isDemoMode };
