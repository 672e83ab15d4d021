// The product in a real Teams-like client: the bot in demo mode, the Microsoft 365 Agents Playground in front of
// it, and headless Chromium clicking through the playground's UI as an operator would. Screenshots of each step
// land in test/artifacts/e2e/; E2E_UPDATE_SCREENSHOTS=1 also refreshes the README's test/e2e/screenshots/ (compare, preflight, drift).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS } from '../../core/graph-sandbox/demo-tenants';
import { patchSandboxObject, sandboxObjectId } from '../support/drift-fixtures';
import { startBot, waitForStartupSync, type RunningBot } from '../support/running-bot';
import { DEMO_STAGING_TO_PRODUCTION } from '../support/sandbox-fixtures';
import { CHROMIUM_PATH, launchLoopbackBrowser, type LoopbackBrowser } from './loopback-browser';
import type { Locator } from 'playwright-core';
import { ActorId, WorkspaceId } from '../../core/ids';
import { PlaygroundChat, runCardState } from './playground-chat';
import { startPlayground, type RunningPlayground } from './playground-process';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/e2e/', import.meta.url));
const README_SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const STEP_TIMEOUT_MS = 30_000;
const STATUS_ORDER = ['Queued', 'Running', 'Succeeded'];

const compareCount = (state: string) => String(DEMO_STAGING_TO_PRODUCTION.filter((e) => e.compare === state).length);
const preflightCount = (outcome: string) => String(DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === outcome).length);
const READY = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === 'ready').length;
/** Codes and plumbing that must never reach a person. */
const RAW_CODES = /missing_in_target|manual_mapping|assignmentFilter|action\.forbidden|promotion\.execute|demo-admin|demo-operator|Invalid enum|@odata|settingValueTemplateReference|`/;

// CI installs Chromium (.ci/run) and must run this test; elsewhere a missing browser skips it with a reason.
const browserMissing = !existsSync(CHROMIUM_PATH) && process.env.CI !== 'true';
if (browserMissing) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

describe.skipIf(browserMissing)('Agents Playground: an operator promotes Contoso Staging to Contoso Production from chat', () => {
  let bot: RunningBot;
  let playground: RunningPlayground;
  let browser: LoopbackBrowser;
  let chat: PlaygroundChat;

  const screenshot = (name: string) => chat.page.screenshot({ path: `${ARTIFACTS}${name}.png` });
  /** Scrolls a card's top into view and takes the screenshot; `readme` also refreshes the README's copy on request. */
  const show = async (card: Locator, name: string, readme = false) => {
    await card.evaluate((element: any) => element.scrollIntoView({ block: 'start' }));
    await screenshot(name);
    if (readme && process.env.E2E_UPDATE_SCREENSHOTS === '1') {
      mkdirSync(README_SCREENSHOTS, { recursive: true });
      await chat.page.screenshot({ path: `${README_SCREENSHOTS}${name}.png` });
    }
  };
  /** The text a person reads on a card: no lost placeholder, no raw code, no GUID. */
  const expectReadable = async (card: Locator) => {
    const text = await card.innerText();
    expect(text).not.toMatch(RAW_CODES);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    return text;
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    bot = await startBot({ PROGRESS_UPDATE_INTERVAL_MS: '0', WATCH_SWEEP_INTERVAL_SECONDS: '1' });
    playground = await startPlayground({ botEndpoint: `${bot.url}/api/messages`, logFile: `${ARTIFACTS}playground.log` });
    browser = await launchLoopbackBrowser({ width: 1280, height: 1300 });
    chat = new PlaygroundChat(browser.page);
    await chat.open(playground.url);
  }, 120_000);

  afterAll(async () => {
    // What CI needs to tell a product failure from an environment one.
    if (chat) await screenshot('last-state').catch(() => undefined);
    writeFileSync(`${ARTIFACTS}bot.log`, (bot?.logs ?? []).join('\n'));
    writeFileSync(`${ARTIFACTS}playground-output.log`, (playground?.output ?? []).join(''));
    writeFileSync(`${ARTIFACTS}blocked-requests.txt`, (browser?.blocked ?? []).join('\n'));
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  }, 60_000);

  it('help keeps every placeholder visible, gives an example per command and starts the main commands from buttons', async () => {
    await chat.say('help');
    const help = chat.card('TenantAtlas');
    await help.waitFor({ timeout: 60_000 });
    const text = await expectReadable(help);
    expect(text).toContain('compare «source» to «target» [types «type, …»] [without assignments]');
    expect(text).toContain('Example: compare Contoso Staging to Contoso Production');
    expect(text).toContain('map «kind» "«source name»" to "«target name»" for «source» to «target»');
    await expect.poll(() => help.getByRole('button', { name: 'Compare tenants', exact: true }).isVisible()).toBe(true);
    await show(help, 'help');
  }, 120_000);

  it('a typo gets "Did you mean", with the usage and an example, not the whole help card', async () => {
    await chat.say('comapre Contoso Staging to Contoso Production');
    const typo = chat.card('Did you mean "compare"?');
    await typo.waitFor({ timeout: STEP_TIMEOUT_MS });
    const text = await expectReadable(typo);
    expect(text).toContain('Usage: compare «source» to «target»');
    expect(text).toContain('Example: compare Contoso Staging to Contoso Production');
    expect(text).not.toContain('mappings «source»');
    await show(typo, 'typo');
  });

  it('a compare against Contoso Lab, which cannot be read, names it and why and shows no invented counts', async () => {
    await chat.say('compare Contoso Staging → Contoso Lab');
    const card = chat.card('Compare not possible');
    // The first compare may wait for the startup inventory sync and Contoso Lab's retries.
    await card.waitFor({ timeout: 60_000 });
    const text = await expectReadable(card);
    expect(text).toContain('Contoso Lab could not be read');
    expect(text).toContain('Microsoft Graph was unavailable for this tenant (HTTP 503)');
    expect(await chat.facts(card)).toEqual({});
    expect(await card.getByRole('button', { name: 'Generate promotion preflight' }).count()).toBe(0);
    await expect.poll(() => card.getByRole('button', { name: 'Sync and try again', exact: true }).isVisible()).toBe(true);
    await show(card, 'compare-unreadable');
  });

  it('while promotions are paused the preflight shows who paused, when and why, with Execute disabled', async () => {
    const deps = bot.system.deps;
    const pause = { workspaceId: WorkspaceId('contoso-msp'), operation: 'promotion.execute' as const, reason: 'change freeze until Monday', changedBy: ActorId('demo-admin') };
    await deps.controls.set({ ...pause, paused: true, changedAt: new Date() });
    try {
      // Policies only, so this preflight is told apart from the main flow's, which includes assignments.
      await chat.say('compare Contoso Staging to Contoso Production without assignments');
      const compare = chat.card('Compare preview');
      await compare.waitFor({ timeout: 60_000 });
      await chat.press(compare, 'Generate promotion preflight');
      const preflight = chat.card('Promotion preflight');
      await preflight.waitFor({ timeout: STEP_TIMEOUT_MS });
      const text = await expectReadable(preflight);
      expect(text).toContain('Promotions paused by Demo Admin: change freeze until Monday');
      expect(text).toContain('Promotions are paused, so nothing can be promoted until an admin resumes them.');
      expect(await preflight.getByRole('button', { name: 'Execute promotion', exact: true }).isDisabled()).toBe(true);
      await show(preflight, 'preflight-paused');
    } finally {
      await deps.controls.set({ ...pause, paused: false, reason: '', changedAt: new Date() });
    }
  });

  it('compare → preflight → execute → confirm, and the run card updates in place until the run succeeded', async () => {
    await chat.say('compare Contoso Staging to Contoso Production');
    const compare = chat.card('Compare preview');
    // The first compare may wait for the startup inventory sync (the bot waits up to 20 s for it).
    await compare.waitFor({ timeout: 60_000 });
    const cardsInChat = await chat.cards.count();
    expect(await chat.facts(compare)).toMatchObject({
      'In sync': compareCount('in_sync'),
      Different: compareCount('different'),
      'Missing in target': compareCount('missing_in_target'),
      'Only in target': compareCount('only_in_target'),
      Ambiguous: compareCount('ambiguous'),
    });
    await expectReadable(compare);
    // The counts and the main action are on the first screen of the 1300 px window.
    const action = await compare.getByRole('button', { name: 'Generate promotion preflight', exact: true }).boundingBox();
    const top = await compare.boundingBox();
    expect(action!.y - top!.y).toBeLessThan(700);
    await show(compare, 'compare', true);

    // Details of a subject with added settings: one row per setting, names not ids, then back to the same compare.
    // Ten rows a page in the preview's order (state, then type): the settings catalog rows are on the second page.
    await chat.press(compare, 'Next');
    await compare.filter({ hasText: 'Page 2 of 2' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    // The innermost block holding both the subject's name and a Details button is its row.
    const row = compare.locator('div', { hasText: 'Win - Defender Antivirus' }).filter({ has: chat.page.getByRole('button', { name: 'Details' }) }).last();
    await row.getByRole('button', { name: 'Details', exact: true }).click();
    const details = chat.card('Win - Defender Antivirus');
    await details.waitFor({ timeout: STEP_TIMEOUT_MS });
    const detailsText = await expectReadable(details);
    expect(detailsText).toMatch(/Missing in target · \d+ settings would be created · assignments differ/);
    expect(detailsText).toContain('defender_allowrealtimemonitoring');
    expect(detailsText).toContain('include group Intune - Pilot Devices');
    await show(details, 'details');
    await chat.press(details, 'Back to compare');
    await compare.waitFor({ timeout: STEP_TIMEOUT_MS });

    await chat.press(compare, 'Generate promotion preflight');
    const preflight = chat.card('Promotion preflight').filter({ hasText: 'Assignments included' });
    await preflight.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await chat.facts(preflight)).toMatchObject({
      Ready: preflightCount('ready'),
      Blocked: preflightCount('blocked'),
      'Manual mapping': preflightCount('manual_mapping_required'),
      'In sync': compareCount('in_sync'),
    });
    await expect.poll(() => compare.count(), { timeout: STEP_TIMEOUT_MS }).toBe(0);
    const preflightText = await expectReadable(preflight);
    expect(preflightText).toContain(`Will be written to Contoso Production (${READY} subjects)`);
    await show(preflight, 'preflight', true);

    await chat.press(preflight, 'Execute promotion');
    const confirm = chat.card('Confirm promotion');
    await confirm.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await expectReadable(confirm)).toContain('Only Contoso Production is changed. Contoso Staging is read, never written.');
    expect((await chat.facts(confirm))['Ready to promote']).toBe(String(READY));
    expect(await confirm.getByRole('button', { name: `Promote ${READY} to Contoso Production`, exact: true }).isEnabled()).toBe(true);
    await show(confirm, 'confirm');

    await chat.watchRunCard();
    await chat.press(confirm, `Promote ${READY} to Contoso Production`);
    const runCard = chat.cards.filter({ has: chat.page.getByRole('button', { name: 'Back to tenants', exact: true }) });
    await expect.poll(async () => runCardState(await runCard.innerText()).status, { timeout: 60_000 }).toBe('Succeeded');
    // One notice: the result card, opening with the mention of the operator who confirmed.
    const final = chat.cards.filter({ hasText: 'Promotion finished' }).filter({ hasText: `${READY} of ${READY} subjects promoted from Contoso Staging to Contoso Production.` });
    await final.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect((await final.innerText()).trim().split('\n')[0]).toBe('Demo Operator');

    // One message went from compare to run result in place; only the final announcement is new.
    expect(await chat.cards.count()).toBe(cardsInChat + 1);
    expect(await chat.facts(runCard)).toMatchObject({
      Total: String(READY),
      Succeeded: String(READY),
      Failed: '0',
      'Verified in sync': String(READY),
    });
    // The card moved forward only: Queued, Running with a growing count, then Succeeded.
    const states = await chat.runCardStates();
    writeFileSync(`${ARTIFACTS}run-card-states.json`, JSON.stringify(states, null, 2));
    expect(states.at(-1)).toEqual({ status: 'Succeeded', processed: READY, total: READY });
    expect(states.some((s) => s.status === 'Running')).toBe(true);
    const ranks = states.map((s) => STATUS_ORDER.indexOf(s.status));
    expect(ranks.every((rank, i) => rank >= 0 && rank >= (ranks[i - 1] ?? 0))).toBe(true);
    expect(states.every((s, i) => s.total === READY && s.processed >= (states[i - 1]?.processed ?? 0))).toBe(true);
    await final.scrollIntoViewIfNeeded();
    await screenshot('final');

    const writes = (tenantId: string) => Object.values(bot.system.sandbox!.store.counters(tenantId).writes).reduce((a, b) => a + b, 0);
    expect(writes(DEMO_TENANTS.contosoStaging.id)).toBe(0);
    expect(writes(DEMO_TENANTS.contosoProduction.id)).toBeGreaterThanOrEqual(READY);
  }, 120_000);

  it('"runs" shows each run\'s short id, and "run <short id>" opens that run', async () => {
    await chat.say('runs');
    const runs = chat.card('Promotion runs');
    await runs.waitFor({ timeout: STEP_TIMEOUT_MS });
    const shortId = /Run ([0-9a-f]{8})/.exec(await expectReadable(runs))?.[1];
    expect(shortId).toBeDefined();
    await chat.say(`run ${shortId}`);
    const run = chat.card(`Run ${shortId}`);
    await run.waitFor({ timeout: STEP_TIMEOUT_MS });
    const text = await expectReadable(run);
    expect(text).toContain('Succeeded');
    expect(text).toContain('Contoso Staging → Contoso Production');
    await show(run, 'run-short-id');
  });

  it('"undo run <short id>" previews the undo, Undo asks to confirm, and the undo run deletes and restores what the run wrote', async () => {
    await chat.say('runs');
    const runs = chat.card('Promotion runs').last();
    await runs.waitFor({ timeout: STEP_TIMEOUT_MS });
    const shortId = /Run ([0-9a-f]{8})/.exec(await expectReadable(runs))?.[1];
    await chat.say(`undo run ${shortId}`);
    const preview = chat.card('Undo preview');
    await preview.waitFor({ timeout: STEP_TIMEOUT_MS });
    const previewText = await expectReadable(preview);
    const created = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === 'ready' && e.compare === 'missing_in_target').length;
    expect(await chat.facts(preview)).toEqual({ Delete: String(created), Restore: String(READY - created), Blocked: '0' });
    expect(previewText).toContain('Read-only: nothing was changed.');
    await show(preview, 'undo-preview', true);

    await chat.press(preview, 'Undo');
    const confirm = chat.card('Confirm undo');
    await confirm.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await expectReadable(confirm)).toContain('Only Contoso Production is changed. Contoso Staging is never touched.');
    await show(confirm, 'undo-confirm');

    await chat.press(confirm, 'Confirm');
    const undoRun = chat.card('Undo run');
    await undoRun.waitFor({ timeout: STEP_TIMEOUT_MS });
    await expect.poll(async () => runCardState(await undoRun.innerText()).status, { timeout: 60_000 }).toBe('Succeeded');
    const undoText = await expectReadable(undoRun);
    expect(undoText).toContain(shortId!);
    expect(undoText).toContain('Verified undone');
    expect(undoText).not.toContain('Verified in sync');
    await show(undoRun, 'undo-run');

    // Its detail says per subject what the read-back found.
    const undoShortId = /Run\s+([0-9a-f]{8})/.exec(undoText)?.[1];
    await chat.say(`run ${undoShortId}`);
    const detail = chat.card(`Undo run ${undoShortId}`);
    await detail.waitFor({ timeout: STEP_TIMEOUT_MS });
    const detailText = await expectReadable(detail);
    expect(detailText).toContain('Verified gone from the target.');
    expect(detailText).toContain('Verified restored to its state before the promotion.');
    await show(detail, 'undo-run-detail');
  }, 120_000);
  it('watch → first check posted → a policy changes in Production → one drift card with Compare and preflight', async () => {
    await waitForStartupSync(bot);
    await chat.say('watch Contoso Staging to Contoso Production types compliance,deviceConfiguration');
    await chat.card('Drift watch created').waitFor({ timeout: STEP_TIMEOUT_MS });
    const baseline = chat.card('Drift watch: first check');
    await baseline.waitFor({ timeout: STEP_TIMEOUT_MS });
    await screenshot('drift-baseline');

    const production = DEMO_TENANTS.contosoProduction.id;
    const id = await sandboxObjectId(bot.system.graphBaseUrl, production, 'deviceCompliancePolicies', 'Win - Compliance Baseline');
    await patchSandboxObject(bot.system.graphBaseUrl, production, 'deviceCompliancePolicies', id, { '@odata.type': '#microsoft.graph.windows10CompliancePolicy', passwordMinimumLength: 4 });
    await bot.system.db.collection('watches').updateMany({}, { $set: { nextCheckAt: new Date() } }); // the day passes

    const drift = chat.card('Drift detected');
    await drift.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await drift.innerText()).toContain('Win - Compliance Baseline');
    await drift.getByRole('button', { name: 'Generate promotion preflight', exact: true }).waitFor();
    await expectReadable(drift);
    await show(drift, 'drift', true);

    await chat.press(drift, 'Compare');
    await chat.card('Compare preview').waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await chat.card('Drift detected').count()).toBe(0); // the drift card was replaced in place by the compare
  }, 180_000);

  it('with the missing scope tag mapped, the preflight offers the kiosk profile as using a filter created first in the same run', async () => {
    // The undo above deleted the Kiosk Devices filter the run had created, so it is missing in Production again.
    await bot.system.deps.mappings.save({
      workspaceId: WorkspaceId('contoso-msp'),
      sourceTenantId: DEMO_TENANTS.contosoStaging.id,
      targetTenantId: DEMO_TENANTS.contosoProduction.id,
      kind: 'scopeTag',
      sourceId: '2',
      sourceName: 'Retail Stores',
      targetId: '5',
      targetName: 'Manufacturing',
      createdBy: ActorId('demo-operator'),
      createdAt: new Date(),
    });
    await chat.say('sync Contoso Production');
    await chat.card('Contoso Production synced').last().waitFor({ timeout: STEP_TIMEOUT_MS });
    await chat.say('compare Contoso Staging to Contoso Production types filter, configuration');
    // The drift step left a compare of other types in the chat; this one is told apart by its types.
    const compare = chat.card('Compare preview').filter({ hasText: 'Assignment filter, Device configuration' });
    await compare.waitFor({ timeout: STEP_TIMEOUT_MS });
    await chat.press(compare, 'Generate promotion preflight');
    // Earlier preflights in the chat also name subjects created first (the kiosk profile's scope tag, when scope tags
    // were in scope); this one is told apart by the mapping it used.
    const preflight = chat.card('Promotion preflight').filter({ hasText: 'Scope tag "Retail Stores" → "Manufacturing"' }).last();
    await preflight.waitFor({ timeout: STEP_TIMEOUT_MS });
    const text = await expectReadable(preflight);
    expect(text).toContain('Create · Assignment filter · Kiosk Devices');
    expect(text).toContain('Create · Device configuration · Win - Kiosk Restrictions — uses assignment filter "Kiosk Devices", created first in this run');
    expect(text).toContain('Scope tag "Retail Stores" → "Manufacturing"');
    await show(preflight, 'preflight-created-first');
  });
});
