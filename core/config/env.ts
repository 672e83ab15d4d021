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
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
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
  SNAPSHOT_FRESHNESS_HOURS: positive(24),
  INVENTORY_SYNC_INTERVAL_HOURS: positive(6),
  PUBLIC_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  EXPORT_SIGNING_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  EXPORT_LINK_TTL_MINUTES: positive(15),
  PROGRESS_UPDATE_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
  /** How often the worker looks for drift watches whose check is due. */
  WATCH_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  PROMOTION_LOCK_LIFETIME_MS: z.coerce.number().int().min(1000).default(10 * 60_000),
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
  if (problems.length > 0) throw new ConfigurationError(problems);
  return env;
}

export { isDemoMode };
