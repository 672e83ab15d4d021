import { describe, expect, it } from 'vitest';
import { collectionKeyOf } from '../../core/graph-sandbox/sandbox-tenant';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import { actionsByVerb, cardText, expectValidCard, factValue, facts } from '../support/cards';
import { cardOf, useDemoChat } from '../support/chat';
import { waitForRun } from '../support/running-bot';
import { DEMO_STAGING_TO_PRODUCTION } from '../support/sandbox-fixtures';

const ready = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === 'ready');
const created = ready.filter((e) => e.compare === 'missing_in_target');
const updated = ready.filter((e) => e.compare === 'different');
const NOT_FOUND_RUN = 'run 00000000-0000-4000-8000-000000000000';

describe('undo a promotion run from chat: preview → undo → confirm → undo run → the target as before', () => {
  const demo = useDemoChat({ PROGRESS_UPDATE_INTERVAL_MS: '0' });
  const db = () => demo.bot.system.db;

  /** The compare as an operator reads it: its counts and fingerprint line. */
  async function compareState() {
    await demo.chat.card('sync Contoso Production');
    const card = await demo.chat.card('compare Contoso Staging to Contoso Production');
    const fingerprint = (actionsByVerb(card, 'preflight.generate')[0]?.data as { compareFingerprint?: string } | undefined)?.compareFingerprint;
    expect(fingerprint).toMatch(/^[0-9a-f]{16,}$/);
    return { facts: facts(card), fingerprint, card };
  }

  /** The full id of the run a card shows by its short id. */
  async function fullId(short: string | undefined): Promise<string> {
    const runs = await db().collection('runs').find({ _id: { $regex: `^${short}` } as never }).toArray();
    expect(runs).toHaveLength(1);
    return String(runs[0]!._id);
  }

  async function promote(): Promise<string> {
    const { card } = await compareState();
    const preflight = cardOf(await demo.chat.press(actionsByVerb(card, 'preflight.generate')[0]!));
    const confirm = cardOf(await demo.chat.press(actionsByVerb(preflight, 'preflight.execute')[0]!));
    const queued = cardOf(await demo.chat.press(actionsByVerb(confirm, 'promotion.confirm')[0]!));
    const runId = await fullId(factValue(queued, 'Run'));
    expect((await waitForRun(demo.bot, runId)).status).toBe('succeeded');
    return runId;
  }

  async function undoPreviewFromRunCard(runId: string, who = 'demo-operator') {
    const detail = cardOf(await demo.chat.click('run.open', { runId, page: 1 }, who));
    const button = actionsByVerb(detail, 'undo.preview');
    expect(button).toHaveLength(1);
    expect(button[0]!.title).toBe('Undo this run');
    const preview = cardOf(await demo.chat.press(button[0]!, who));
    expectValidCard(preview);
    return preview;
  }

  async function undo(preview: any, who = 'demo-operator'): Promise<string> {
    const confirm = cardOf(await demo.chat.press(actionsByVerb(preview, 'undo.request')[0]!, who));
    expectValidCard(confirm);
    expect(cardText(confirm)).toContain('Only Contoso Production is changed. Contoso Staging is never touched.');
    const runCard = cardOf(await demo.chat.press(actionsByVerb(confirm, 'undo.confirm')[0]!, who, 'undo-card-1'));
    expectValidCard(runCard);
    expect(cardText(runCard)).toContain('Undo run');
    return fullId(factValue(runCard, 'Run'));
  }

  it('promote, then undo: the next compare shows exactly the state before the promotion, and the source is never written', async () => {
    const before = await compareState();
    const runId = await promote();
    const afterPromotion = await compareState();
    expect(afterPromotion.fingerprint).not.toBe(before.fingerprint);

    const preview = await undoPreviewFromRunCard(runId);
    expect(factValue(preview, 'Delete')).toBe(String(created.length));
    expect(factValue(preview, 'Restore')).toBe(String(updated.length));
    expect(factValue(preview, 'Blocked')).toBe('0');
    for (const subject of ready) expect(cardText(preview)).toContain(subject.displayName);

    const tenants = await demo.bot.system.deps.directory.listTenants('contoso-msp' as never);
    const staging = tenants.find((t) => t.displayName === 'Contoso Staging')!;
    const sourceWrites = () => Object.values(demo.bot.system.sandbox!.store.counters(staging.id).writes).reduce((a, b) => a + b, 0);

    const undoRunId = await undo(preview);
    const undoRun = await waitForRun(demo.bot, undoRunId);
    expect(undoRun.status).toBe('succeeded');
    expect(undoRun.operation).toBe('promotion.undo');
    expect(undoRun.undoes).toBe(runId);
    expect(undoRun.summary).toEqual({ total: ready.length, processed: ready.length, succeeded: ready.length, failed: 0, skipped: 0 });
    expect(undoRun.verified).toBe(ready.length);
    expect(sourceWrites()).toBe(0);
    await demo.channel.waitFor((a) => a.method === 'POST' && JSON.stringify(a.activity).includes('Undo finished'));

    const after = await compareState();
    expect(after.facts).toEqual(before.facts);
    expect(after.fingerprint).toBe(before.fingerprint);

    // Links both ways, and `runs` labels the undo run.
    const original = cardOf(await demo.chat.click('run.open', { runId, page: 1 }));
    expect(undoRunId.startsWith(String(factValue(original, 'Undone by run')))).toBe(true);
    expect(actionsByVerb(original, 'undo.preview')).toHaveLength(0);
    const undoDetail = cardOf(await demo.chat.click('run.open', { runId: undoRunId, page: 1 }));
    expect(runId.startsWith(String(factValue(undoDetail, 'Undoes run')))).toBe(true);
    expect(factValue(undoDetail, 'Verified undone')).toBe(String(ready.length));
    expect(cardText(undoDetail)).not.toContain('Verified in sync');
    if (updated.length > 0) expect(cardText(undoDetail)).toContain('Verified restored to its state before the promotion.');
    if (created.length > 0) expect(cardText(undoDetail)).toContain('Verified gone from the target.');
    expect(cardText(undoDetail)).toContain(`Undo run ${undoRunId.slice(0, 6)}`);
    expect(cardText(await demo.chat.card('runs'))).toContain('Undo · Contoso Staging → Contoso Production');

    // Undoing the same run twice starts nothing; an undo run cannot be undone.
    const again = await demo.chat.card(`undo run ${runId.slice(0, 8)}`);
    expect(cardText(again)).toContain('Already undone');
    expect(actionsByVerb(again, 'undo.request')).toHaveLength(0);
    const stale = cardOf(await demo.chat.press(actionsByVerb(preview, 'undo.request')[0]!));
    expect(cardText(stale)).toContain('Already undone');
    const ofUndo = await demo.chat.card(`undo run ${undoRunId}`);
    expect(cardText(ofUndo)).toContain('An undo run cannot be undone');
    expect(await db().collection('runs').countDocuments()).toBe(2);
    const audit = cardText(await demo.chat.card('audit', 'demo-admin'));
    expect(audit).toContain('Undo run started');
    expect(audit).toContain('Undo run finished');
  });

  it('a promoted subject edited in the target since the run is blocked and named; the rest are undone', async () => {
    const runId = await promote();
    const edited = updated[0]!;
    const item = await db().collection('runItems').findOne({ runId, displayName: edited.displayName });
    const type = SUBJECT_TYPES[edited.type];
    const tenants = await demo.bot.system.deps.directory.listTenants('contoso-msp' as never);
    const production = tenants.find((t) => t.displayName === 'Contoso Production')!;
    expect(demo.bot.system.sandbox!.store.update(production.id, collectionKeyOf(type.collectionPath), String(item!.targetId), { description: 'Edited by hand after the promotion' }, new Date())).toBeDefined();

    const preview = await undoPreviewFromRunCard(runId);
    expect(factValue(preview, 'Blocked')).toBe('1');
    expect(factValue(preview, 'Restore')).toBe(String(updated.length - 1));
    expect(factValue(preview, 'Delete')).toBe(String(created.length));
    expect(cardText(preview)).toContain(`Changed in Contoso Production since the run wrote it: description`);
    expect(cardText(preview)).toContain(edited.displayName);

    const undoRun = await waitForRun(demo.bot, await undo(preview));
    expect(undoRun.summary.succeeded).toBe(ready.length - 1);
    const live = demo.bot.system.sandbox!.store.get(production.id, collectionKeyOf(type.collectionPath), String(item!.targetId));
    expect(live?.description).toBe('Edited by hand after the promotion');
  });

  it('an undo that ended short can be started again, and the second undo brings the target back', async () => {
    const before = await compareState();
    const runId = await promote();
    const tenants = await demo.bot.system.deps.directory.listTenants('contoso-msp' as never);
    const production = tenants.find((t) => t.displayName === 'Contoso Production')!;
    demo.bot.system.sandbox!.store.configure(production.id, { readOnly: true });
    const refused = await waitForRun(demo.bot, await undo(await undoPreviewFromRunCard(runId)));
    demo.bot.system.sandbox!.store.configure(production.id, { readOnly: false });
    expect(refused.status).not.toBe('succeeded');
    expect(refused.summary.succeeded).toBe(0);

    // Nothing was undone: the run offers "Undo this run" again, and the preview lists every subject once more.
    const preview = await undoPreviewFromRunCard(runId);
    expect(cardText(preview)).not.toContain('Already undone');
    expect(factValue(preview, 'Delete')).toBe(String(created.length));
    expect(factValue(preview, 'Restore')).toBe(String(updated.length));
    const second = await waitForRun(demo.bot, await undo(preview));
    expect(second.status).toBe('succeeded');
    const after = await compareState();
    expect(after.fingerprint).toBe(before.fingerprint);
    const original = cardOf(await demo.chat.click('run.open', { runId, page: 1 }));
    expect(String(second._id).startsWith(String(factValue(original, 'Undone by run')))).toBe(true);
    expect(actionsByVerb(original, 'undo.preview')).toHaveLength(0);
  });

  it('a viewer, a foreign workspace and a made-up id get exactly the not-found answer; nothing starts', async () => {
    const runId = String((await db().collection('runs').findOne({ undoes: { $exists: false } }))!._id);
    const undoRuns = () => db().collection('runs').countDocuments({ undoes: { $exists: true } });
    const undoRunsBefore = await undoRuns();
    const unknown = cardText(await demo.chat.card(NOT_FOUND_RUN, 'demo-fabrikam'));
    expect(cardText(await demo.chat.card(`undo run ${runId}`, 'demo-viewer'))).toBe(unknown);
    expect(cardText(await demo.chat.card(`undo run ${runId}`, 'demo-fabrikam'))).toBe(unknown);
    expect(cardText(await demo.chat.card('undo run 00000000-0000-4000-8000-000000000000', 'demo-operator'))).toBe(unknown);
    const viewerDetail = cardOf(await demo.chat.click('run.open', { runId, page: 1 }, 'demo-viewer'));
    expect(actionsByVerb(viewerDetail, 'undo.preview')).toHaveLength(0);
    const madeUp = await demo.chat.click('undo.preview', { runId: '00000000-0000-4000-8000-000000000000' }, 'demo-operator');
    expect(madeUp.kind).toBe('error');
    for (const verb of ['undo.preview', 'undo.request']) {
      expect(await demo.chat.click(verb, { runId, previewFingerprint: 'a'.repeat(64) }, 'demo-viewer')).toEqual(madeUp);
      expect(await demo.chat.click(verb, { runId, previewFingerprint: 'a'.repeat(64) }, 'demo-fabrikam')).toEqual(madeUp);
    }
    expect(await undoRuns()).toBe(undoRunsBefore);
  });

  it('promotions paused blocks undo with the reason', async () => {
    const runId = await promote();
    await demo.chat.card('pause promotions change freeze', 'demo-admin');
    const preview = await demo.chat.card(`undo run ${runId}`);
    expectValidCard(preview);
    expect(cardText(preview)).toContain('Promotions are paused');
    expect(cardText(preview)).toContain('change freeze');
    expect(actionsByVerb(preview, 'undo.request')).toHaveLength(0);
    await demo.chat.card('resume promotions', 'demo-admin');
  });
});
