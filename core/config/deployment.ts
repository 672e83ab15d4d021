import type { Env } from './env';

/** Settings that only a production deployment has: the Azure Bot registration and the Graph app registration. */
const BOT_SETTINGS = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId'] as const;
const GRAPH_SETTINGS = ['GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_CERTIFICATE_PATH', 'GRAPH_CERTIFICATE_THUMBPRINT', 'GRAPH_BASE_URL'] as const;

type ProductionSetting = (typeof BOT_SETTINGS)[number] | (typeof GRAPH_SETTINGS)[number];

/** The production settings that are set, in a stable order; empty for a local demo. */
export function productionSettings(env: Pick<Env, ProductionSetting>): ProductionSetting[] {
  return [...BOT_SETTINGS, ...GRAPH_SETTINGS].filter((name) => env[name] !== undefined);
}

/**
 * Demo mode is on only when asked for (`DEMO_MODE=true`) or, with `DEMO_MODE=auto`, when no bot and no Graph setting is
 * configured at all. Never because one setting is missing: a partial production configuration does not start (see
 * deploymentProblems).
 */
export function isDemoMode(env: Env): boolean {
  return env.DEMO_MODE === true || (env.DEMO_MODE === 'auto' && productionSettings(env).length === 0);
}

/**
 * Why this configuration must not start, one line per missing variable; empty when it may. Demo mode with production
 * settings is refused too: it would answer unknown Teams users as the demo operator and "promote" into the loopback
 * sandbox while the deployment looks like production.
 */
export function deploymentProblems(env: Env): string[] {
  const configured = productionSettings(env);
  if (env.DEMO_MODE === true) {
    return configured.length === 0
      ? []
      : [
          `DEMO_MODE: true cannot be combined with production settings (${configured.join(', ')} set): demo mode lets every unknown Teams user act as the demo operator and writes only to the built-in sandbox. Unset DEMO_MODE to run in production, or unset those settings to run the demo.`,
        ];
  }
  if (env.DEMO_MODE === 'auto' && configured.length === 0) return [];
  const missing = missingProductionSettings(env);
  if (missing.length === 0) return [];
  const why =
    env.DEMO_MODE === false
      ? 'DEMO_MODE=false asks for production, which needs every variable above.'
      : `Production settings are configured (${configured.join(', ')}), so TenantAtlas starts in production and needs every variable above; to run the local demo instead, unset every bot and Graph setting.`;
  return [...missing, why];
}

/** One line per variable a production deployment lacks: the bot registration, then the Graph app registration. */
function missingProductionSettings(env: Env): string[] {
  const missing: string[] = [];
  if (!env.MicrosoftAppId) missing.push('MicrosoftAppId: missing (the Azure Bot registration; every request must carry its Bot Framework token)');
  if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    missing.push('MicrosoftAppPassword: missing (the bot registration\'s client secret; not needed only with MicrosoftAppType=UserAssignedMSI)');
  }
  if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) missing.push(`MicrosoftAppTenantId: missing (required with MicrosoftAppType=${env.MicrosoftAppType})`);
  if (!env.GRAPH_CLIENT_ID) missing.push('GRAPH_CLIENT_ID: missing (the app registration that reads and writes the managed tenants)');
  if (!env.GRAPH_CLIENT_SECRET && !env.GRAPH_CERTIFICATE_PATH) {
    missing.push('GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH with GRAPH_CERTIFICATE_THUMBPRINT: missing (the Graph app registration\'s credential)');
  }
  if (env.GRAPH_CERTIFICATE_PATH && !env.GRAPH_CERTIFICATE_THUMBPRINT) missing.push('GRAPH_CERTIFICATE_THUMBPRINT: missing (required with GRAPH_CERTIFICATE_PATH)');
  if (env.GRAPH_CERTIFICATE_THUMBPRINT && !env.GRAPH_CERTIFICATE_PATH) missing.push('GRAPH_CERTIFICATE_PATH: missing (required with GRAPH_CERTIFICATE_THUMBPRINT)');
  return missing;
}
