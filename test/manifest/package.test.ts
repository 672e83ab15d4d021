import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCommand } from '../../bot/commands/grammar';
import { manifestFile, packageEntries, readPackageSources, zipEntries } from '../../manifest/app-package';
import { buildManifest, packageInputsFromEnv, type PackageInputs } from '../../manifest/build-manifest';
import { commandListProblems, commandMenu, TEAMS_COMMAND_LIMITS } from '../../manifest/command-menu';
import { drawColorIcon, drawOutlineIcon, ICON_BACKGROUND } from '../../manifest/icons';
import { commandLimitProblems, manifestSchemaErrors } from '../../manifest/validate-manifest';

const APP_ID = '00000000-0000-0000-0000-000000000001';
const inputs: PackageInputs = { appId: APP_ID, version: '1.4.2', publicBaseUrl: 'https://atlas.contoso.com:8443/bot' };
const sources = readPackageSources();
const manifest = () => buildManifest(sources.template, inputs, commandMenu());

/** Width and height from the IHDR chunk, which the PNG format puts first, right after the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function pixels(png: Buffer): { r: number; g: number; b: number; a: number }[] {
  const { data } = PNG.sync.read(png);
  return Array.from({ length: data.length / 4 }, (_, i) => ({ r: data[i * 4]!, g: data[i * 4 + 1]!, b: data[i * 4 + 2]!, a: data[i * 4 + 3]! }));
}

afterEach(() => vi.unstubAllGlobals());

describe('the Teams manifest', () => {
  it('validates against the official schema bundled in @microsoft/app-manifest, without the network', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('network used')));
    vi.stubGlobal('fetch', fetch);
    expect(await manifestSchemaErrors(manifest())).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each(['developer', 'icons', 'accentColor'])('fails validation when the required field %s is missing', async (field) => {
    const broken: Record<string, unknown> = { ...manifest() };
    delete broken[field];
    const errors = await manifestSchemaErrors(broken);
    expect(errors.some((e) => e.includes(`"missingProperty":"${field}"`))).toBe(true);
  });

  it('fails validation when the bot id is not a GUID', async () => {
    const m = manifest();
    const errors = await manifestSchemaErrors({ ...m, bots: [{ ...m.bots![0]!, botId: 'not-a-guid' }] });
    expect(errors.some((e) => e.startsWith('/bots/0/botId'))).toBe(true);
  });

  it('carries the bot id, app version and public host, with no placeholder left', () => {
    const m = manifest();
    expect(m.id).toBe(APP_ID);
    expect(m.bots?.[0]?.botId).toBe(APP_ID);
    expect(m.version).toBe('1.4.2');
    expect(m.validDomains).toEqual(['atlas.contoso.com:8443']);
    expect(JSON.stringify(m)).not.toContain('{{');
    expect(buildManifest(sources.template, { appId: APP_ID, version: '1.0.0' }, commandMenu()).validDomains).toEqual([]);
  });

  it('declares a conversational bot in personal, team and group chat scopes that takes no files', () => {
    const bot = manifest().bots?.[0];
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot?.supportsFiles).toBe(false);
    expect(bot?.isNotificationOnly).toBe(false);
    expect(manifest().accentColor.toLowerCase()).toBe(
      `#${[ICON_BACKGROUND.r, ICON_BACKGROUND.g, ICON_BACKGROUND.b].map((c) => c.toString(16).padStart(2, '0')).join('')}`,
    );
  });

  it('refuses a template placeholder it cannot fill', () => {
    expect(() => buildManifest({ ...(sources.template as object), developer: { name: '{{Publisher}}' } }, inputs, [])).toThrow(/\{\{Publisher\}\}/);
  });
});

describe('the bot command menu', () => {
  it('offers one list per scope within the Teams limits', () => {
    const m = manifest();
    const lists = m.bots?.[0]?.commandLists ?? [];
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    expect(commandLimitProblems(m)).toEqual([]);
    for (const { commands } of lists) {
      expect(commands.length).toBeGreaterThan(0);
      expect(commands.length).toBeLessThanOrEqual(TEAMS_COMMAND_LIMITS.commands);
      for (const c of commands) {
        expect(c.title.length).toBeLessThanOrEqual(TEAMS_COMMAND_LIMITS.title);
        expect(c.description!.length).toBeLessThanOrEqual(TEAMS_COMMAND_LIMITS.description);
      }
    }
  });

  it('lists commands the bot understands, described by the grammar', () => {
    const menu = commandMenu();
    expect(menu.map((c) => c.title)).toEqual(['compare', 'tenants', 'sync', 'runs', 'run', 'map', 'mappings', 'watch', 'audit', 'help']);
    for (const { title } of menu) expect(parseCommand(title).kind).not.toBe('unknown');
    expect(menu.find((c) => c.title === 'sync')?.description).toBe("sync «tenant» — Refresh a tenant's inventory snapshot now.");
    expect(menu.find((c) => c.title === 'help')?.description).toBe('Show the commands.');
  });

  it('shortens text that would exceed the limits instead of producing an invalid menu', () => {
    const usage = { pause: { usage: 'pause promotions [reason]', description: 'word '.repeat(40).trim() } };
    const [entry] = commandMenu(usage, ['pause']);
    expect(entry?.title).toBe('pause promotions');
    expect(entry?.description.length).toBeLessThanOrEqual(TEAMS_COMMAND_LIMITS.description);
    expect(entry?.description.endsWith('…')).toBe(true);
    expect(() => commandMenu(usage, ['nonsense'])).toThrow(/nonsense/);
  });

  it('reports lists that break the Teams limits', () => {
    const tooMany = Array.from({ length: 11 }, (_, i) => ({ title: `command-${i}`, description: 'x' }));
    expect(commandListProblems(tooMany)).toEqual(['11 commands (at most 10)']);
    expect(commandListProblems([{ title: 'x'.repeat(33), description: 'y'.repeat(129) }])).toHaveLength(2);
  });
});

describe('package inputs from the environment', () => {
  it('names MicrosoftAppId when it is missing or not a GUID', () => {
    expect(() => packageInputsFromEnv({}, '0.1.0')).toThrow(/MicrosoftAppId is not set/);
    expect(() => packageInputsFromEnv({ MicrosoftAppId: '  ' }, '0.1.0')).toThrow(/MicrosoftAppId is not set/);
    expect(() => packageInputsFromEnv({ MicrosoftAppId: 'my-bot' }, '0.1.0')).toThrow(/MicrosoftAppId must be a GUID/);
  });

  it('takes the version from APP_VERSION, else from package.json, and the public URL when given', () => {
    expect(packageInputsFromEnv({ MicrosoftAppId: APP_ID }, '0.1.0')).toEqual({ appId: APP_ID, version: '0.1.0' });
    expect(packageInputsFromEnv({ MicrosoftAppId: APP_ID, APP_VERSION: '2.0.1', PUBLIC_BASE_URL: 'https://a.example' }, '0.1.0')).toEqual({
      appId: APP_ID,
      version: '2.0.1',
      publicBaseUrl: 'https://a.example',
    });
  });

  it('names APP_VERSION and PUBLIC_BASE_URL when they are malformed', () => {
    expect(() => packageInputsFromEnv({ MicrosoftAppId: APP_ID, APP_VERSION: '1.0.0-beta' }, '0.1.0')).toThrow(/APP_VERSION must be major.minor.patch/);
    expect(() => packageInputsFromEnv({ MicrosoftAppId: APP_ID, PUBLIC_BASE_URL: 'atlas.contoso.com' }, '0.1.0')).toThrow(/PUBLIC_BASE_URL/);
  });
});

describe('the app package zip', () => {
  it('holds exactly manifest.json and the two icons at its root', async () => {
    const zip = await JSZip.loadAsync(await zipEntries(packageEntries(manifest(), sources.files)));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(await zip.file('manifest.json')!.async('string'))).toEqual(manifest());
    const color = await zip.file('color.png')!.async('nodebuffer');
    const outline = await zip.file('outline.png')!.async('nodebuffer');
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
  });

  it('has an outline icon that is white on transparent', async () => {
    const zip = await JSZip.loadAsync(await zipEntries(packageEntries(manifest(), sources.files)));
    const all = pixels(await zip.file('outline.png')!.async('nodebuffer'));
    const drawn = all.filter((p) => p.a > 0);
    expect(drawn.every((p) => p.r === 255 && p.g === 255 && p.b === 255)).toBe(true);
    expect(all.filter((p) => p.a === 255).length).toBeGreaterThan(50);
    expect(all.filter((p) => p.a === 0).length).toBeGreaterThan(all.length / 3);
    expect([0, 31, 32 * 31, 32 * 32 - 1].map((i) => all[i]!.a)).toEqual([0, 0, 0, 0]);
  });

  it('has an opaque colour icon', () => {
    expect(pixels(sources.files.get('color.png')!).every((p) => p.a === 255)).toBe(true);
  });

  it('ships the icons the drawing script produces', () => {
    expect(pixels(sources.files.get('color.png')!)).toEqual(pixels(drawColorIcon()));
    expect(pixels(sources.files.get('outline.png')!)).toEqual(pixels(drawOutlineIcon()));
  });

  it('refuses to package a manifest whose icon file is missing', () => {
    expect(() => packageEntries(manifest(), new Map())).toThrow(/color\.png/);
  });
});

describe('npm run package', () => {
  it('stops with a message naming MicrosoftAppId when it is not set', async () => {
    const env = { ...process.env, MicrosoftAppId: '' };
    const run = promisify(execFile)(manifestFile('../node_modules/.bin/tsx'), [manifestFile('package.ts')], { env });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('MicrosoftAppId is not set') });
  });
});
