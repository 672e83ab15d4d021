import { z } from 'zod';
import type { TeamsManifestV1D29 } from '@microsoft/app-manifest';
import type { BotCommand } from './command-menu';

/** The Teams app manifest this package declares (the schema version named in manifest.template.json). */
export type AppManifest = TeamsManifestV1D29.TeamsManifestV1D29;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
/** Teams accepts major.minor.patch only: no pre-release or build suffix. */
const APP_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The environment a package build reads; every message names the variable it is about. */
const PackageEnvSchema = z.object({
  MicrosoftAppId: z.preprocess(
    emptyAsUndefined,
    z
      .string({ required_error: 'MicrosoftAppId is not set: set it to the Microsoft App ID (a GUID) of the Azure Bot registration' })
      .trim()
      .refine((v) => GUID.test(v), (v) => ({ message: `MicrosoftAppId must be a GUID such as 00000000-0000-0000-0000-000000000000, not "${v}"` })),
  ),
  APP_VERSION: z.preprocess(
    emptyAsUndefined,
    z.string().trim().refine((v) => APP_VERSION.test(v), (v) => ({ message: `APP_VERSION must be major.minor.patch such as 1.2.0, not "${v}"` })).optional(),
  ),
  PUBLIC_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.string().trim().refine(isHttpUrl, (v) => ({ message: `PUBLIC_BASE_URL must be an absolute http(s) URL, not "${v}"` })).optional(),
  ),
});

/** What one package build is made from. */
export type PackageInputs = { appId: string; version: string; publicBaseUrl?: string };

/** Reads the inputs from the environment; `defaultVersion` (package.json's) applies when APP_VERSION is unset. Throws an Error naming each bad variable. */
export function packageInputsFromEnv(env: Readonly<Record<string, string | undefined>>, defaultVersion: string): PackageInputs {
  const parsed = PackageEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('\n'));
  const { MicrosoftAppId, APP_VERSION: version = defaultVersion, PUBLIC_BASE_URL } = parsed.data;
  if (!APP_VERSION.test(version)) throw new Error(`APP_VERSION is not set and the package.json version "${version}" is not major.minor.patch`);
  return { appId: MicrosoftAppId, version, ...(PUBLIC_BASE_URL ? { publicBaseUrl: PUBLIC_BASE_URL } : {}) };
}

/** The parts of the template the build relies on; everything else passes through to schema validation untouched. */
const TemplateSchema = z
  .object({
    manifestVersion: z.string(),
    bots: z.array(z.object({ scopes: z.array(z.enum(['team', 'personal', 'groupChat', 'copilot'])).min(1) }).passthrough()).length(1),
    validDomains: z.array(z.string()).default([]),
  })
  .passthrough();

/**
 * The manifest for these inputs: `{{MicrosoftAppId}}` and `{{APP_VERSION}}` filled in, one command list per bot scope,
 * and the host of the public base URL among the valid domains. Throws on a placeholder it has no value for.
 */
export function buildManifest(template: unknown, inputs: PackageInputs, commands: readonly BotCommand[]): AppManifest {
  const filled = TemplateSchema.parse(fillPlaceholders(template, { MicrosoftAppId: inputs.appId, APP_VERSION: inputs.version }));
  const [bot] = filled.bots;
  const commandLists = bot!.scopes.map((scope) => ({ scopes: [scope], commands: commands.map((c) => ({ ...c })) }));
  const domains = inputs.publicBaseUrl ? [...filled.validDomains, new URL(inputs.publicBaseUrl).host] : filled.validDomains;
  return { ...filled, bots: [{ ...bot, commandLists }], validDomains: [...new Set(domains)] } as unknown as AppManifest;
}

/** Replaces every `{{name}}` in every string of a JSON value; an unknown name is an error rather than a broken manifest. */
export function fillPlaceholders(value: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, key: string) => {
      const replacement = values[key];
      if (replacement === undefined) throw new Error(`The manifest template uses ${placeholder}, which the build does not fill in`);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, values)]));
  }
  return value;
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
