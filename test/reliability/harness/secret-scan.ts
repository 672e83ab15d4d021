// Looks for secrets in what the system produced: the configured client secrets, bearer tokens, and the values of the
// demo's secret-bearing policy (its encrypted OMA-URI value and its secret reference id).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_TENANTS_DIR } from '../../../core/graph-sandbox/demo-tenants';
import type { Evidence } from './evidence';

/** Recognisable fake secrets the scenarios configure; any sighting in the evidence is a leak. */
export const FAKE_SECRETS = {
  MicrosoftAppPassword: 'reliability-bot-password-3f9c2a7e51d04b8c',
  GRAPH_CLIENT_SECRET: 'reliability-graph-secret-8d41be09c6a2475f',
} as const;

/** Every sandbox access token starts so (`sandbox-token-<tenant>-<n>`). */
const BEARER_TOKEN = 'sandbox-token-';

const VPN_POLICY = join(
  DEMO_TENANTS_DIR,
  'Contoso Staging',
  'deviceManagement',
  'deviceConfigurations',
  'Win - VPN Pre-Shared Key (OMA-URI).json',
);

/** The needles to look for, by name: fake secrets, the token prefix, and the demo policy's secret values. */
export async function secretNeedles(): Promise<Record<string, string>> {
  const policy = JSON.parse(await readFile(VPN_POLICY, 'utf8')) as {
    omaSettings: { isEncrypted?: boolean; value?: unknown; secretReferenceValueId?: string | null }[];
  };
  const secret = policy.omaSettings.find((s) => s.isEncrypted);
  if (!secret || typeof secret.value !== 'string' || !secret.secretReferenceValueId)
    throw new Error('the demo VPN policy no longer carries a secret OMA-URI setting');
  return {
    ...FAKE_SECRETS,
    bearerToken: BEARER_TOKEN,
    // A long slice: the value in full or any card that shows its start gives it away.
    secretOmaValue: secret.value.slice(0, 32),
    secretReferenceValueId: secret.secretReferenceValueId,
  };
}

/** One sighting: which needle, in which kind of evidence, and a short excerpt around it. */
export interface SecretSighting {
  needle: string;
  where: keyof Evidence;
  excerpt: string;
}

/** Every sighting of every needle in the evidence (case-insensitive). */
export function scanForSecrets(evidence: Evidence, needles: Record<string, string>): SecretSighting[] {
  const sightings: SecretSighting[] = [];
  for (const where of ['logs', 'documents', 'cards'] as const) {
    for (const text of evidence[where]) {
      const lower = text.toLowerCase();
      for (const [needle, value] of Object.entries(needles)) {
        const at = lower.indexOf(value.toLowerCase());
        if (at >= 0) sightings.push({ needle, where, excerpt: text.slice(Math.max(0, at - 60), at + value.length + 20) });
      }
    }
  }
  return sightings;
}
