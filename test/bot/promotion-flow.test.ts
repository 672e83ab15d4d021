import { describe, expect, it } from 'vitest';
import { actionsByVerb, cardText, expectValidCard, factValue } from '../support/cards';
import { cardOf, useDemoChat } from '../support/chat';
import { waitForRun } from '../support/running-bot';
import { DEMO_STAGING_TO_PRODUCTION } from '../support/sandbox-fixtures';

const ready = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === 'ready');
const notReady = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === 'blocked' || e.preflight === 'manual_mapping_required');

describe('promotion from chat: preflight → execute → confirm → queued run → result', () => {
  const demo = useDemoChat({ PROGRESS_UPDATE_INTERVAL_MS: '0' });

  async function preflightCard(who = 'demo-operator') {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production', who);
    return cardOf(await demo.chat.press(actionsByVerb(compare, 'preflight.generate')[0]!, who));
  }

  it('a paused workspace shows the pause on the preflight and the confirmation, with Execute and the promote action disabled', async () => {
    const before = await preflightCard();
    const confirmBefore = cardOf(await demo.chat.press(actionsByVerb(before, 'preflight.execute')[0]!));
    const paused = await demo.chat.card('pause promotions change freeze', 'demo-admin');
    expect(cardText(paused)).toContain('Promotions paused');
    expect(cardText(await demo.chat.card('runs', 'demo-operator'))).toContain('change freeze');

    const preflight = await preflightCard();
    expectValidCard(preflight);
    expect(cardText(preflight)).toContain('Promotions paused by Demo Admin: change freeze');
    expect(actionsByVerb(preflight, 'preflight.execute')[0]?.isEnabled).toBe(false);
    // Pressing Execute on a card rendered before the pause keeps a preflight in place, not a card without buttons.
    const pressed = cardOf(await demo.chat.press(actionsByVerb(before, 'preflight.execute')[0]!));
    expect(cardText(pressed)).toContain('Promotion preflight');
    expect(cardText(pressed)).toContain('Promotions paused by Demo Admin: change freeze');
    expect(actionsByVerb(pressed, 'compare.refresh')).toHaveLength(1);
    // Confirming a confirmation shown before the pause: the same confirmation, now paused, its promote action disabled.
    const confirm = cardOf(await demo.chat.press(actionsByVerb(confirmBefore, 'promotion.confirm')[0]!));
    expectValidCard(confirm);
    expect(cardText(confirm)).toContain('Confirm promotion');
    expect(cardText(confirm)).toContain('Promotions paused by Demo Admin: change freeze');
    expect(actionsByVerb(confirm, 'promotion.confirm')[0]?.isEnabled).toBe(false);
    expect(cardText(confirm)).not.toContain('demo-admin');
    expect(await demo.bot.system.db.collection('runs').countDocuments()).toBe(0);
    await demo.chat.card('resume promotions', 'demo-admin');
  });

  it('viewer cannot pause promotions: refused and nothing changes', async () => {
    const card = await demo.chat.card('pause promotions', 'demo-viewer');
    expect(cardText(card)).toContain('Only workspace admins');
    expect(await demo.bot.system.db.collection('controls').countDocuments({ paused: true })).toBe(0);
  });

  it('a stale preflight fingerprint is refused and creates no run', async () => {
    const execute = actionsByVerb(await preflightCard(), 'preflight.execute')[0]!;
    const answer = cardOf(await demo.chat.click('preflight.execute', { ...(execute.data as object), preflightFingerprint: 'f'.repeat(64) }));
    expect(cardText(answer)).toContain('Preflight is stale');
    expect(await demo.bot.system.db.collection('runs').countDocuments()).toBe(0);
  });

  it('operator confirms; one run writes only the ready subjects and the next compare shows them in sync', async () => {
    const preflight = await preflightCard();
    const confirmCard = cardOf(await demo.chat.press(actionsByVerb(preflight, 'preflight.execute')[0]!));
    expectValidCard(confirmCard);
    expect(cardText(confirmCard)).toContain('Only Contoso Production is changed. Contoso Staging is read, never written.');
    expect(factValue(confirmCard, 'Ready to promote')).toBe(String(ready.length));
    for (const subject of ready.slice(0, 5)) expect(cardText(confirmCard)).toContain(subject.displayName);
    const confirm = actionsByVerb(confirmCard, 'promotion.confirm')[0]!;
    expect(confirm.title).toBe(`Promote ${ready.length} to Contoso Production`);

    const answers = await Promise.all(Array.from({ length: 5 }, () => demo.chat.press(confirm, 'demo-operator', 'run-card-1')));
    const queued = answers.map(cardOf).filter((c) => cardText(c).includes('Queued'));
    expect(queued).toHaveLength(1);
    expect(cardText(queued[0])).not.toContain('No worker is running');
    expect(await demo.bot.system.db.collection('runs').countDocuments()).toBe(1);
    const runId = String((await demo.bot.system.db.collection('runs').findOne({}))!._id);

    const run = await waitForRun(demo.bot, runId);
    expect(run.status).toBe('succeeded');
    expect(run.summary).toEqual({ total: ready.length, processed: ready.length, succeeded: ready.length, failed: 0, skipped: 0 });
    expect(run.verified).toBe(ready.length);

    const updates = await demo.channel.waitFor((a) => a.method === 'PUT' && a.path.endsWith('/run-card-1'));
    expect(JSON.stringify(updates.activity)).toContain(runId);
    const final = await demo.channel.waitFor((a) => a.method === 'POST' && JSON.stringify(a.activity).includes('Promotion finished'));
    expect(final.activity.attachments).toHaveLength(1);
    expect(final.activity.attachments[0].content.msteams.entities[0]).toMatchObject({ type: 'mention', mentioned: { id: '29:demo-operator' } });

    await demo.chat.card('sync Contoso Production');
    const after = await demo.chat.card('compare Contoso Staging to Contoso Production');
    expect(factValue(after, 'Missing in target')).toBe(String(DEMO_STAGING_TO_PRODUCTION.filter((e) => e.compare === 'missing_in_target' && e.preflight !== 'ready').length));
    const afterPreflight = cardOf(await demo.chat.press(actionsByVerb(after, 'preflight.generate')[0]!));
    // Everything ready was promoted (Win - Kiosk Restrictions after its filter and scope tag, in the same run): nothing
    // is offered again, and what was blocked or needed a mapping still does.
    const manual = notReady.filter((e) => e.preflight === 'manual_mapping_required');
    expect(factValue(afterPreflight, 'Ready')).toBe('0');
    expect(factValue(afterPreflight, 'Blocked')).toBe(String(notReady.filter((e) => e.preflight === 'blocked').length));
    expect(factValue(afterPreflight, 'Manual mapping')).toBe(String(manual.length));

    const tenants = await demo.bot.system.deps.directory.listTenants('contoso-msp' as never);
    const staging = tenants.find((t) => t.displayName === 'Contoso Staging')!;
    const production = tenants.find((t) => t.displayName === 'Contoso Production')!;
    const writes = (id: string) => Object.values(demo.bot.system.sandbox!.store.counters(id).writes).reduce((a, b) => a + b, 0);
    expect(writes(staging.id)).toBe(0);
    expect(writes(production.id)).toBeGreaterThanOrEqual(ready.length);

    const detail = cardOf(await demo.chat.click('run.open', { runId, page: 1 }));
    expectValidCard(detail);
    expect(cardText(detail)).toContain('Win - Device Restrictions');

    // The runs list shows the short id, and any unique prefix of at least six characters opens the run.
    expect(cardText(await demo.chat.card('runs'))).toContain(`Run ${runId.slice(0, 8)}`);
    const byShortId = await demo.chat.card(`run ${runId.slice(0, 8)}`);
    expect(cardText(byShortId)).toContain(`Run ${runId.slice(0, 8)}`);
    expect(cardText(await demo.chat.card(`run ${runId.slice(0, 6).toUpperCase()}`))).toContain('Win - Device Restrictions');
    expect(cardText(await demo.chat.card('run 12345'))).toContain('type at least 6 characters of it. "runs" lists recent runs with their short ids.');

    const replay = cardOf(await demo.chat.press(confirm));
    expect(cardText(replay)).toContain('already used');
    expect(await demo.bot.system.db.collection('runs').countDocuments()).toBe(1);
  });

  it('runs: members see runs of tenants they view, a foreign workspace sees none, audit lists what happened', async () => {
    const runs = await demo.chat.card('runs', 'demo-viewer');
    expect(cardText(runs)).toContain('Contoso Staging → Contoso Production');
    const fabrikam = await demo.chat.card('runs', 'demo-fabrikam');
    expect(cardText(fabrikam)).not.toContain('Contoso');
    const runId = String((await demo.bot.system.db.collection('runs').findOne({}))!._id);
    const foreign = await demo.chat.card(`run ${runId}`, 'demo-fabrikam');
    const unknown = await demo.chat.card('run 00000000-0000-4000-8000-000000000000', 'demo-fabrikam');
    expect(cardText(foreign)).toBe(cardText(unknown));
    const foreignPrefix = await demo.chat.card(`run ${runId.slice(0, 8)}`, 'demo-fabrikam');
    expect(cardText(foreignPrefix)).toBe(cardText(unknown));
    expect(cardText(unknown)).toContain('Type "runs" to see recent runs with their short ids.');
    const audit = await demo.chat.card('audit', 'demo-admin');
    expectValidCard(audit);
    const text = cardText(audit);
    for (const action of ['Promotion run finished', 'Promotion run started', 'Preflight generated', 'Promotions resumed', 'Promotions paused']) {
      expect(text).toContain(action);
    }
    expect(text.indexOf('Promotion run finished')).toBeLessThan(text.indexOf('Promotion run started'));
    expect(text).not.toMatch(/promotion\.execute|action\.forbidden|demo-admin|demo-operator|manualMapping|partially_succeeded/);
    const denied = await demo.chat.card('audit', 'demo-viewer');
    expect(cardText(denied)).toContain('Only workspace admins');
  });
});
