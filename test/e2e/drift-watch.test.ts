// A drift watch in a Teams-like client: the bot in demo mode behind the Microsoft 365 Agents Playground, driven by
// headless Chromium. The worker's posts arrive proactively in the playground's chat. Screenshots land in
// test/artifacts/e2e/; E2E_UPDATE_SCREENSHOTS=1 also refreshes the README's test/e2e/screenshots/drift.png.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS } from '../../core/graph-sandbox/demo-tenants';
import { patchSandboxObject, sandboxObjectId } from '../support/drift-fixtures';
import { startBot, waitForStartupSync, type RunningBot } from '../support/running-bot';
import { CHROMIUM_PATH, launchLoopbackBrowser, type LoopbackBrowser } from './loopback-browser';
import { PlaygroundChat } from './playground-chat';
import { startPlayground, type RunningPlayground } from './playground-process';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/e2e/', import.meta.url));
const README_SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const STEP_TIMEOUT_MS = 60_000;

const browserMissing = !existsSync(CHROMIUM_PATH) && process.env.CI !== 'true';

describe.skipIf(browserMissing)('Agents Playground: a drift watch posts when Contoso Production drifts', () => {
  let bot: RunningBot;
  let playground: RunningPlayground;
  let browser: LoopbackBrowser;
  let chat: PlaygroundChat;

  const screenshot = (name: string) => chat.page.screenshot({ path: `${ARTIFACTS}${name}.png` });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    bot = await startBot({ WATCH_SWEEP_INTERVAL_SECONDS: '1' });
    playground = await startPlayground({ botEndpoint: `${bot.url}/api/messages`, logFile: `${ARTIFACTS}drift-playground.log` });
    browser = await launchLoopbackBrowser({ width: 1280, height: 1300 });
    chat = new PlaygroundChat(browser.page);
    await chat.open(playground.url);
    await waitForStartupSync(bot);
  }, 120_000);

  afterAll(async () => {
    if (chat) await screenshot('drift-last-state').catch(() => undefined);
    writeFileSync(`${ARTIFACTS}drift-bot.log`, (bot?.logs ?? []).join('\n'));
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  }, 60_000);

  it('watch → first check posted → a policy changes in Production → one drift card with Compare and preflight', async () => {
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
    await drift.scrollIntoViewIfNeeded();
    await screenshot('drift');
    if (process.env.E2E_UPDATE_SCREENSHOTS === '1') {
      mkdirSync(README_SCREENSHOTS, { recursive: true });
      await chat.page.screenshot({ path: `${README_SCREENSHOTS}drift.png` });
    }

    await chat.press(drift, 'Compare');
    await chat.card('Compare preview').waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await chat.card('Drift detected').count()).toBe(0); // the drift card was replaced in place by the compare
  }, 180_000);
});
