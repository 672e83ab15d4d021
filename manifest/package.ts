import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PACKAGE_PATH, manifestFile, packageEntries, readPackageSources, zipEntries } from './app-package';
import { buildManifest, packageInputsFromEnv } from './build-manifest';
import { commandMenu } from './command-menu';
import { manifestProblems } from './validate-manifest';

/** `npm run package`: fills the template from the environment, validates it offline and writes the app package zip. */
async function main(): Promise<void> {
  const { version } = JSON.parse(readFileSync(manifestFile('../package.json'), 'utf8')) as { version: string };
  const inputs = packageInputsFromEnv(process.env, version);
  const { template, files } = readPackageSources();
  const manifest = buildManifest(template, inputs, commandMenu());
  const problems = await manifestProblems(manifest);
  if (problems.length > 0) throw new Error(`The manifest is not valid:\n  ${problems.join('\n  ')}`);
  const zip = await zipEntries(packageEntries(manifest, files));
  const target = resolve(manifestFile('..'), PACKAGE_PATH);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, zip);
  console.log(`Wrote ${PACKAGE_PATH} (manifest ${manifest.manifestVersion}, app ${manifest.version}, bot ${inputs.appId}).`);
}

main().catch((error: unknown) => {
  console.error(`Packaging failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
