import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest as AnyAppManifest } from '@microsoft/app-manifest';
import { commandListProblems } from './command-menu';

const require = createRequire(import.meta.url);

/** Path of the official Teams manifest schema for `manifestVersion`, as bundled in @microsoft/app-manifest. Throws when the package has none. */
export function bundledSchemaPath(manifestVersion: string): string {
  const root = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const path = join(root, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(path)) throw new Error(`@microsoft/app-manifest bundles no schema for manifest version "${manifestVersion}"`);
  return path;
}

/**
 * Errors of the manifest against the official schema of its `manifestVersion`; empty when valid. The schema is read
 * from the installed package and handed to the validator, so validation never reaches for the network.
 */
export async function manifestSchemaErrors(manifest: object): Promise<string[]> {
  const { manifestVersion } = manifest as { manifestVersion?: unknown };
  if (typeof manifestVersion !== 'string') return ['/manifestVersion is missing'];
  const schema = JSON.parse(readFileSync(bundledSchemaPath(manifestVersion), 'utf8'));
  return AppManifestUtils.validateAgainstSchema(manifest as AnyAppManifest, schema);
}

/** The part of a manifest that holds the bot command lists. */
type WithCommandLists = { bots?: { commandLists?: { scopes: string[]; commands: { title: string; description?: string }[] }[] }[] };

/** Problems of each bot command list against the Teams limits (the schema alone allows more). */
export function commandLimitProblems(manifest: WithCommandLists): string[] {
  return (manifest.bots ?? []).flatMap((bot) =>
    (bot.commandLists ?? []).flatMap((list) => commandListProblems(list.commands).map((p) => `commands for ${list.scopes.join(', ')}: ${p}`)),
  );
}

/** Everything that would make Teams reject the manifest that we can check offline; empty when it is fit to upload. */
export async function manifestProblems(manifest: WithCommandLists): Promise<string[]> {
  return [...(await manifestSchemaErrors(manifest)), ...commandLimitProblems(manifest)];
}
