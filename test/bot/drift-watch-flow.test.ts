// Drift watches end to end on the demo tenants: created in a Teams channel thread over the Bot Framework protocol,
// checked by the worker's Agenda jobs on schedule, posting proactively into that thread through the fake channel.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS } from '../../core/graph-sandbox/demo-tenants';
import { actionsByVerb, cardText, expectValidCard } from '../support/cards';
import { cardOf, useDemoChat } from '../support/chat';
import { patchSandboxObject, sandboxObjectId } from '../support/drift-fixtures';
import { channelMessageActivity, postActivity } from '../support/fake-channel';
import { waitForRun, waitForStartupSync } from '../support/running-bot';

const demo = useDemoChat({ WATCH_SWEEP_INTERVAL_SECONDS: '1', PROGRESS_UPDATE_INTERVAL_MS: '0' });
const { contosoProduction: production, contosoLab: lab } = DEMO_TENANTS;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const thread = (name: string) => `19:${name}@thread.tacv2;messageid=1700000000000`;

/** Ids of the messages typed in the threads: the bot's answers reply to these, its own posts do not. */
const typed = new Set<string>();

/** Says `text` in the channel thread as `who` and returns the bot's answer card. */
async function sayIn(where: string, text: string, who = 'demo-operator'): Promise<any> {
  const activity = channelMessageActivity(demo.channel, text, { aadObjectId: who, name: who }, where);
  typed.add(String(activity.id));
  expect((await postActivity(demo.bot.url, activity)).status).toBe(200);
  const reply = await demo.channel.waitFor((a) => a.activity.replyToId === activity.id && a.activity.type === 'message', 30_000);
  return reply.activity.attachments[0].content;
}

/** The cards the worker posted into the thread on its own (not answers to commands), oldest first. */
function postsIn(where: string): any[] {
  return demo.channel.captured.filter((a) => a.conversationId === where && a.method === 'POST' && !typed.has(a.activity.replyToId)).map((a) => a.activity.attachments[0].content);
}

async function watchIn(where: string): Promise<any> {
  return demo.bot.system.db.collection('watches').findOne({ 'conversation.id': where });
}

/** Lets the schedule's time pass for the thread's watch, waits for its check to finish, then a few more sweeps. */
async function nextScheduledCheck(where: string): Promise<void> {
  const before = (await watchIn(where))?.lastCheck?.at?.getTime() ?? 0;
  await demo.bot.system.db.collection('watches').updateOne({ 'conversation.id': where }, { $set: { nextCheckAt: new Date() } });
  const deadline = Date.now() + 60_000;
  while (((await watchIn(where))?.lastCheck?.at?.getTime() ?? 0) <= before) {
    if (Date.now() > deadline) throw new Error(`the watch in ${where} was not checked`);
    await sleep(100);
  }
  await sleep(1_500); // a second run of the same due check would have posted by now
}

async function firstCheck(where: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await watchIn(where))?.lastCheck) {
    if (Date.now() > deadline) throw new Error(`the watch in ${where} never ran its first check`);
    await sleep(100);
  }
  await sleep(1_500);
}

describe('drift watch in a Teams channel', () => {
  // A check that reuses a read which began before a policy changed sees the change one check later: start after it.
  beforeAll(() => waitForStartupSync(demo.bot));

  it('posts the baseline once, exactly one drift card naming a policy changed in Production, and nothing when nothing changed', async () => {
    const ops = thread('ops');
    const created = await sayIn(ops, 'watch Contoso Staging to Contoso Production');
    expectValidCard(created);
    expect(cardText(created)).toContain('Drift watch created\nThe first check runs within a minute');
    expect(cardText(created)).toContain('Contoso Staging → Contoso Production\nAll types · assignments included · Checked daily\nPosts to this conversation · created by Demo Operator');

    await firstCheck(ops);
    expect(postsIn(ops).map((c) => c.body[0].text)).toEqual(['Drift watch: first check']);
    const baseline = postsIn(ops)[0];
    expectValidCard(baseline);
    expect(cardText(baseline)).toContain('Win - Device Restrictions');
    expect(cardText(baseline)).not.toContain('Win - Compliance Baseline'); // in sync today

    const id = await sandboxObjectId(demo.bot.system.graphBaseUrl, production.id, 'deviceCompliancePolicies', 'Win - Compliance Baseline');
    await patchSandboxObject(demo.bot.system.graphBaseUrl, production.id, 'deviceCompliancePolicies', id, { '@odata.type': '#microsoft.graph.windows10CompliancePolicy', passwordMinimumLength: 4 });
    await nextScheduledCheck(ops);
    const posts = postsIn(ops);
    expect(posts).toHaveLength(2);
    const drift = posts[1];
    expectValidCard(drift);
    expect(cardText(drift)).toContain('Drift detected\nContoso Staging → Contoso Production');
    expect(cardText(drift)).toContain('1 change since the last check.\nWhat changed since the last check\nNew difference\nCompliance policy · Win - Compliance Baseline\nDifferent');

    const compare = cardOf(await demo.chat.press(actionsByVerb(drift, 'compare.page')[0]!));
    expect(cardText(compare)).toContain('Win - Compliance Baseline');
    const preflight = cardOf(await demo.chat.press(actionsByVerb(drift, 'preflight.generate')[0]!));
    expect(cardText(preflight)).toContain('Promotion preflight');

    await nextScheduledCheck(ops);
    expect(postsIn(ops)).toHaveLength(2);
    expect((await watchIn(ops)).lastCheck).toMatchObject({ outcome: 'compared', posted: false });
  });

  it('posts "back in sync" once when the drift is promoted away through the usual flow', async () => {
    const updates = thread('feature-updates');
    await sayIn(updates, 'watch Contoso Staging to Contoso Production types featureUpdateProfile every 12 hours');
    await firstCheck(updates);
    expect(postsIn(updates)).toHaveLength(1);
    expect(cardText(postsIn(updates)[0])).toContain('1 subject differs today.');

    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production types featureUpdateProfile');
    const preflight = cardOf(await demo.chat.press(actionsByVerb(compare, 'preflight.generate')[0]!));
    const confirmCard = cardOf(await demo.chat.press(actionsByVerb(preflight, 'preflight.execute')[0]!));
    const queued = cardOf(await demo.chat.press(actionsByVerb(confirmCard, 'promotion.confirm')[0]!));
    expect(cardText(queued)).toContain('Queued');
    const run = await demo.bot.system.db.collection('runs').findOne({}, { sort: { createdAt: -1 } });
    expect((await waitForRun(demo.bot, String(run!._id))).status).toBe('succeeded');

    await nextScheduledCheck(updates);
    const posts = postsIn(updates);
    expect(posts.map((c) => c.body[0].text)).toEqual(['Drift watch: first check', 'Back in sync']);
    expectValidCard(posts[1]);
    expect(cardText(posts[1])).toContain('No longer differs\nFeature update profile · Win - Windows 11 Feature Update');
    await nextScheduledCheck(updates);
    expect(postsIn(updates)).toHaveLength(2);
  });

  it('a tenant that cannot be read is posted once, and again once when it can be read', async () => {
    const labThread = thread('lab');
    await sayIn(labThread, 'watch Contoso Staging to Contoso Lab every 2 hours');
    await firstCheck(labThread);
    expect(postsIn(labThread).map((c) => c.body[0].text)).toEqual(['Drift watch: a tenant could not be read']);
    expect(cardText(postsIn(labThread)[0])).toMatch(/Contoso Lab could not be read since \{\{DATE\(/);

    await nextScheduledCheck(labThread);
    expect(postsIn(labThread)).toHaveLength(1);

    demo.bot.system.sandbox!.store.configure(lab.id, { fault: null });
    try {
      await nextScheduledCheck(labThread);
      expect(postsIn(labThread).map((c) => c.body[0].text)).toEqual(['Drift watch: a tenant could not be read', 'Drift watch: tenants readable again']);
      expect(cardText(postsIn(labThread)[1])).toContain('Both tenants can be read again.');
      expect(cardText(postsIn(labThread)[1])).toContain('Compliance policy · Win - Compliance Baseline\nMissing in target');
      await nextScheduledCheck(labThread);
      expect(postsIn(labThread)).toHaveLength(2);
    } finally {
      demo.bot.system.sandbox!.store.configure(lab.id, { fault: { kind: 'persistent', status: 503 } });
    }
  });

  it('a creator who lost access pauses the watch, which posts that once and is hidden from them', async () => {
    const approvals = thread('approvals');
    await sayIn(approvals, 'watch Contoso Staging to Contoso Production without assignments', 'demo-approver');
    await firstCheck(approvals);
    expect(postsIn(approvals)).toHaveLength(1);

    await demo.bot.system.db.collection('memberships').updateOne({ actorId: 'demo-approver' }, { $unset: { [`tenantCapabilities.${production.id}`]: '' } });
    await nextScheduledCheck(approvals);
    expect(postsIn(approvals).map((c) => c.body[0].text)).toEqual(['Drift watch: first check', 'Drift watch paused']);
    expect(cardText(postsIn(approvals)[1])).toContain('Demo Approver can no longer compare these tenants, so the watch paused itself.');
    const watch = await watchIn(approvals);
    expect(watch).toMatchObject({ status: 'paused' });
    expect(await demo.bot.system.db.collection('auditEvents').countDocuments({ action: 'watch.paused', 'metadata.watchId': watch._id })).toBe(1);

    await demo.bot.system.db.collection('watches').updateOne({ _id: watch._id }, { $set: { nextCheckAt: new Date() } });
    await sleep(2_500);
    expect(postsIn(approvals)).toHaveLength(2);

    const operatorList = await demo.chat.card('watches');
    expect(cardText(operatorList)).toContain('Paused\nDemo Approver can no longer compare these tenants');
    expect(cardText(await demo.chat.card('watches', 'demo-approver'))).not.toContain('Contoso Production');
  });

  it('watches lists what the member may see; Check now and Stop per row; unwatch; deny-as-not-found for others', async () => {
    const ops = thread('ops');
    const list = await demo.chat.card('watches');
    expectValidCard(list);
    expect(cardText(list)).toContain('Posts to a channel · created by Demo Operator');
    const opsWatch = await watchIn(ops);

    const before = opsWatch.lastCheck.at.getTime();
    const checked = cardOf(await demo.chat.click('watch.check', { watchId: opsWatch._id }));
    expect(cardText(checked)).toContain('Check of Contoso Staging → Contoso Production queued');
    const deadline = Date.now() + 60_000;
    while ((await watchIn(ops)).lastCheck.at.getTime() <= before) {
      if (Date.now() > deadline) throw new Error('Check now did not run');
      await sleep(100);
    }

    const fabrikamList = await demo.chat.card('watches', 'demo-fabrikam');
    expect(cardText(fabrikamList)).toContain('No drift watches to show.');
    const foreign = await demo.chat.click('watch.stop', { watchId: opsWatch._id }, 'demo-fabrikam');
    const unknown = await demo.chat.click('watch.stop', { watchId: '00000000-0000-4000-8000-000000000000' }, 'demo-fabrikam');
    expect(foreign).toEqual(unknown);
    expect(foreign).toMatchObject({ kind: 'error', statusCode: 404 });
    expect(cardText(await demo.chat.card('watch Contoso Staging to Contoso Production', 'demo-fabrikam'))).toBe(cardText(await demo.chat.card('watch Nowhere to Contoso Production', 'demo-fabrikam')));
    expect(await demo.bot.system.db.collection('watches').countDocuments({ workspaceId: 'fabrikam-msp' })).toBe(0);

    expect(cardText(await sayIn(ops, 'watch Contoso Staging to Contoso Production'))).toContain('already watched in this conversation');
    expect(cardText(await sayIn(ops, 'unwatch Contoso Staging to Contoso Production'))).toContain('Stopped watching Contoso Staging → Contoso Production here.');
    expect(await watchIn(ops)).toBeNull();

    const updatesWatch = await watchIn(thread('feature-updates'));
    const stopped = cardOf(await demo.chat.click('watch.stop', { watchId: updatesWatch._id }));
    expect(cardText(stopped)).toContain('Stopped watching Contoso Staging → Contoso Production.');
    const audit = await demo.bot.system.db.collection('auditEvents').find({ action: { $in: ['watch.created', 'watch.stopped'] } }).toArray();
    expect(audit.filter((e) => e.action === 'watch.stopped').map((e) => e.metadata.watchId).sort()).toEqual([opsWatch._id, updatesWatch._id].sort());
    expect(audit.filter((e) => e.action === 'watch.created')).toHaveLength(4);
  });
});
