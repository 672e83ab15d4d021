import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

/** One file of the app package, stored at the root of the zip as Teams requires. */
export type PackageEntry = { name: string; content: Buffer };

/** The icon files a manifest names, by their manifest key. */
export type ManifestIcons = { color: string; outline: string };

/** The committed inputs of a package build: the template (parsed JSON) and the icon files by name. */
export type PackageSources = { template: unknown; files: ReadonlyMap<string, Buffer> };

/** Where the app package is written, relative to the repository root. */
export const PACKAGE_PATH = 'manifest/build/tenantatlas.zip';

/** Zip timestamps are fixed so that the same inputs always give the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2020, 0, 1));

/** Absolute path of a file in manifest/. */
export function manifestFile(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}

/** Reads manifest.template.json and the icons it names from manifest/. */
export function readPackageSources(): PackageSources {
  const template = JSON.parse(readFileSync(manifestFile('manifest.template.json'), 'utf8')) as { icons: ManifestIcons };
  const names = [template.icons.color, template.icons.outline];
  return { template, files: new Map(names.map((name) => [name, readFileSync(manifestFile(name))])) };
}

/** manifest.json followed by the two icons the manifest names; throws when an icon file is not among `files`. */
export function packageEntries(manifest: { icons: ManifestIcons }, files: ReadonlyMap<string, Buffer>): PackageEntry[] {
  const icons = [manifest.icons.color, manifest.icons.outline].map((name) => {
    const content = files.get(name);
    if (!content) throw new Error(`The manifest names the icon "${name}", which is not in manifest/`);
    return { name, content };
  });
  return [{ name: 'manifest.json', content: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...icons];
}

/** A deflated zip holding the entries at its root, in order. */
export async function zipEntries(entries: readonly PackageEntry[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const { name, content } of entries) zip.file(name, content, { date: FIXED_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
