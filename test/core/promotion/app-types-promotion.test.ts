import { describe, expect, it, vi } from 'vitest';
import { executeRun } from '../../../core/promotion/execute-run';
import { dyingWorker, expireLeases, unreliableGraph } from '../../support/executor-faults';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import type { GraphJson, GraphRequestSpec } from '../../../core/subjects/subject-type';
import { androidAppProtection, iosAppProtection, iosMobileAppConfig, managedAppConfig, notificationTemplate, windowsAppProtection, type TenantSide } from '../../support/graph-payloads';
import { compliance, currentPlan, queueRun, SOURCE, TARGET, usePromotionWorld, WORKSPACE } from '../../support/promotion-fixtures';

const suite = usePromotionWorld('app-types-promotion');

const path = (key: keyof typeof SUBJECT_TYPES) => SUBJECT_TYPES[key].collectionPath;

/** A tenant side of the payload builders on the promotion world's tenants (Default and Berlin tags, Pilot users). */
function side(tenant: 'source' | 'target', policyId: string): TenantSide {
  const s = tenant === 'source';
  return {
    policyId,
    created: '2026-01-01T00:00:00Z',
    modified: '2026-01-02T00:00:00Z',
    groupId: s ? 's-grp-pilot' : 't-grp-pilot',
    excludedGroupId: s ? 's-grp-pilot' : 't-grp-pilot',
    filterId: '00000000-0000-0000-0000-000000000000',
    scopeTagId: s ? '7' : '12',
    locationId: '',
    notificationTemplateId: policyId,
    authenticationStrengthId: '',
    assignmentId: `${policyId}_a`,
  };
}

/** Every new type in the source; the Android policy and one template differ in the target, the rest are missing. */
function seedAppTypes() {
  const { graph } = suite.world;
  const android = androidAppProtection(side('target', 't-and'));
  android.minimumPinLength = 4;
  android.apps = (android.apps as GraphJson[]).slice(0, 1);
  const olderTemplate = notificationTemplate(side('target', 't-tpl-old'));
  olderTemplate.displayName = 'Noncompliance - final notice';
  const messages = olderTemplate.localizedNotificationMessages as GraphJson[];
  olderTemplate.localizedNotificationMessages = [messages[0], { ...messages[1], id: 't-tpl-old_fr-fr', locale: 'fr-fr', subject: 'Appareil non conforme' }];
  const newerTemplate = { ...notificationTemplate(side('source', 's-tpl-old'), 'Last notice: your device is blocked tomorrow'), displayName: 'Noncompliance - final notice' };
  graph
    .seed(SOURCE.id, path('iosAppProtectionPolicy'), iosAppProtection(side('source', 's-ios')))
    .seed(SOURCE.id, path('androidAppProtectionPolicy'), androidAppProtection(side('source', 's-and')))
    .seed(TARGET.id, path('androidAppProtectionPolicy'), android)
    .seed(SOURCE.id, path('windowsAppProtectionPolicy'), windowsAppProtection(side('source', 's-win')))
    .seed(SOURCE.id, path('managedAppConfiguration'), managedAppConfig(side('source', 's-mac')))
    .seed(SOURCE.id, path('mobileAppConfiguration'), iosMobileAppConfig(side('source', 's-mdc'), 'app-in-staging'))
    .seed(SOURCE.id, path('notificationMessageTemplate'), notificationTemplate(side('source', 's-tpl')))
    .seed(SOURCE.id, path('notificationMessageTemplate'), newerTemplate)
    .seed(TARGET.id, path('notificationMessageTemplate'), olderTemplate)
    .seed(SOURCE.id, path('compliancePolicy'), compliance('s-cp-notify', 'Windows compliance with notice', { passwordRequired: true }, {
      scheduledActionsForRule: [{ ruleName: 'PasswordRequired', scheduledActionConfigurations: [
        { actionType: 'block', gracePeriodHours: 0, notificationTemplateId: '', notificationMessageCCList: [] },
        { actionType: 'notification', gracePeriodHours: 24, notificationTemplateId: 's-tpl', notificationMessageCCList: [] },
      ] }],
    }));
}

/** The target writes under a collection, with the ids the fake gives created objects shown as `{new}`. */
const written = (prefix: string) =>
  suite.world.graph.writes(TARGET.id).filter((r) => r.path.startsWith(prefix)).map((r) => `${r.method} ${r.path.slice(prefix.length).replace(/created-\d+/, '{new}')}`);

describe('promotion of app protection, app configuration and notification templates', () => {
  it('blocks managed-device app configurations with what to do by hand, and offers the policy that notifies with a new template as created after it', async () => {
    seedAppTypes();
    const { preflight } = await currentPlan(suite.world.graph, true);
    const byName = (name: string) => preflight.items.find((i) => i.displayName === name)!;
    expect(byName('iOS - Outlook configuration')).toMatchObject({ outcome: 'blocked', blockedReason: 'type_not_promotable' });
    expect(byName('iOS - Outlook configuration').blockedDetail).toContain('create it in the target by hand');
    expect(byName('Windows compliance with notice')).toMatchObject({
      outcome: 'ready',
      dependsOn: [{ kind: 'notificationTemplate', type: 'notificationMessageTemplate', sourceId: 's-tpl', sourceName: 'Noncompliance - first notice' }],
    });
    expect(preflight.items.filter((i) => i.outcome === 'ready').map((i) => `${i.type} ${i.action}`).sort()).toEqual([
      'androidAppProtectionPolicy update',
      'compliancePolicy create',
      'iosAppProtectionPolicy create',
      'managedAppConfiguration create',
      'notificationMessageTemplate create',
      'notificationMessageTemplate update',
      'windowsAppProtectionPolicy create',
    ]);
  });

  it('writes each policy with its apps and assignments and each template with its messages; the next compare finds them in sync', async () => {
    seedAppTypes();
    const run = await queueRun(suite.world, { includeAssignments: true });
    await executeRun(suite.world.deps, run.id);
    const finished = (await suite.world.runs.get(WORKSPACE, run.id))!;
    expect(finished.summary).toEqual({ total: 7, processed: 7, succeeded: 7, failed: 0, skipped: 0 });
    expect(finished.verified).toBe(7);

    const ios = path('iosAppProtectionPolicy');
    expect(written(ios)).toEqual(['POST ', 'POST /{new}/targetApps', 'POST /{new}/assign']);
    const [iosPolicy] = suite.world.graph.objects(TARGET.id, ios);
    expect(iosPolicy).toMatchObject({ displayName: 'iOS - Protect corporate data', roleScopeTagIds: ['0', '12'], appGroupType: 'selectedPublicApps' });
    expect((iosPolicy!.apps as GraphJson[]).map((a) => (a.mobileAppIdentifier as GraphJson).bundleId).sort()).toEqual(['com.microsoft.Office.Outlook', 'com.microsoft.skype.teams']);
    expect((iosPolicy!.assignments as GraphJson[]).map((a) => (a.target as GraphJson).groupId)).toEqual(['t-grp-pilot', 't-grp-pilot']);
    // The Android policy's assignments already agree with the source's: its apps and settings are written, not them.
    expect(written(path('androidAppProtectionPolicy'))).toEqual(['PATCH /T_t-and', 'POST /T_t-and/targetApps']);
    expect(written(path('windowsAppProtectionPolicy'))).toEqual(['POST ', 'POST /{new}/targetApps', 'POST /{new}/assign']);

    const templates = path('notificationMessageTemplate');
    const writes = written(templates);
    expect(writes.filter((w) => w.includes('t-tpl-old'))).toEqual([
      'PATCH /t-tpl-old',
      'POST /t-tpl-old/localizedNotificationMessages',
      'PATCH /t-tpl-old/localizedNotificationMessages/t-tpl-old_en-us',
      'DELETE /t-tpl-old/localizedNotificationMessages/t-tpl-old_fr-fr',
    ]);
    const created = suite.world.graph.objects(TARGET.id, templates).find((t) => t.displayName === 'Noncompliance - first notice')!;
    expect((created.localizedNotificationMessages as GraphJson[]).map((m) => [m.id, m.subject])).toEqual([
      [`${String(created.id)}_de-de`, 'Ihr Gerät ist nicht konform'],
      [`${String(created.id)}_en-us`, 'Your device is not compliant'],
    ]);
    expect(suite.world.graph.writes(TARGET.id).some((r) => r.path.startsWith(path('mobileAppConfiguration')))).toBe(false);

    // The same run created the template first and the compliance policy notifies with its new id: nothing is left to promote.
    const policy = suite.world.graph.objects(TARGET.id, path('compliancePolicy')).find((p) => p.displayName === 'Windows compliance with notice')!;
    const notify = (policy.scheduledActionsForRule as GraphJson[]).flatMap((r) => r.scheduledActionConfigurations as GraphJson[]).find((a) => a.actionType === 'notification')!;
    expect(notify.notificationTemplateId).toBe(created.id);
    const { preflight } = await currentPlan(suite.world.graph, true);
    expect(preflight.items.filter((i) => i.outcome === 'ready').map((i) => i.displayName)).toEqual([]);
  });

  it('a create whose apps Graph refuses fails on the object it made, named by its id, and nothing is sent again', async () => {
    seedAppTypes();
    suite.world.graph.failWhen((_t, spec) => spec.path.endsWith('/targetApps') && spec.path.includes('iosManagedAppProtections'), { status: 400, code: 'BadRequest', message: 'Unknown bundle id' });
    const run = await queueRun(suite.world, { includeAssignments: true });
    await executeRun(suite.world.deps, run.id);
    const { items } = await suite.world.runs.items(run.id);
    const ios = items.find((i) => i.type === 'iosAppProtectionPolicy')!;
    const [made] = suite.world.graph.objects(TARGET.id, path('iosAppProtectionPolicy'));
    expect(ios).toMatchObject({ outcome: 'failed', targetId: made!.id });
    expect(ios.reason).toContain('Unknown bundle id');
    expect(written(path('iosAppProtectionPolicy'))).toEqual(['POST ', 'POST /{new}/targetApps']);
  });
});

describe('a worker killed around what follows the create of a policy or template', () => {
  const iosWrites = () => written(path('iosAppProtectionPolicy'));
  const templateWrites = () => written(path('notificationMessageTemplate'));
  const isApps = (spec: GraphRequestSpec) => spec.path.includes('iosManagedAppProtections') && spec.path.endsWith('/targetApps');

  /** Runs until the worker dies where `killAt` says, then lets a second worker take the run over. */
  async function killThenResume(killAt: Parameters<typeof dyingWorker>[1]) {
    seedAppTypes();
    const run = await queueRun(suite.world, { includeAssignments: true });
    const dying = dyingWorker(suite.world.deps, killAt);
    void executeRun(dying.deps, run.id);
    await vi.waitFor(() => expect(dying.death.dead).toBe(true), { timeout: 5_000 });
    await expireLeases(suite.db);
    await executeRun(suite.world.deps, run.id);
    return (await suite.world.runs.items(run.id)).items;
  }

  it('after the apps reached Graph: adopts the policy by its journalled id, assigns it, and sends nothing twice', async () => {
    const items = await killThenResume({ graphWrite: isApps });
    expect(items.find((i) => i.type === 'iosAppProtectionPolicy')).toMatchObject({ outcome: 'succeeded', reason: 'created by an earlier attempt of this run; not created again' });
    expect(iosWrites()).toEqual(['POST ', 'POST /{new}/targetApps', 'POST /{new}/assign']);
  });

  it('before the apps were sent: the policy known by its journalled id gets its apps and assignments, and is not created again', async () => {
    const items = await killThenResume({ beforeGraphWrite: isApps });
    const [made] = suite.world.graph.objects(TARGET.id, path('iosAppProtectionPolicy'));
    expect(items.find((i) => i.type === 'iosAppProtectionPolicy')).toMatchObject({ outcome: 'succeeded', targetId: made!.id });
    // targetApps replaces the policy's apps: sending it to the recorded object cannot add a second copy.
    expect(iosWrites()).toEqual(['POST ', 'POST /{new}/targetApps', 'POST /{new}/assign']);
    expect((made!.apps as GraphJson[]).length).toBeGreaterThan(0);
  });

  it("before a template's messages were sent: its outcome is unknown and no message is sent again, since each one adds", async () => {
    const items = await killThenResume({ beforeGraphWrite: (spec) => spec.path.endsWith('/localizedNotificationMessages') });
    const item = items.find((i) => i.type === 'notificationMessageTemplate' && i.action === 'create')!;
    expect(item).toMatchObject({ outcome: 'failed', outcomeUnknown: true });
    expect(item.reason).toContain('did not show all of what the run writes after the create');
    // Only the template the run created: the other template in the plan is an update of t-tpl-old.
    expect(templateWrites().filter((w) => !w.includes('t-tpl-old'))).toEqual(['POST ']);
  });
});

describe('a create whose POST answer is lost, so nothing after it was sent', () => {
  /** Runs the app types with the first POST to `collection` itself losing its answer, applied or never applied. */
  async function lostPost(collection: string, applied: 'before' | 'never') {
    seedAppTypes();
    const run = await queueRun(suite.world, { includeAssignments: true });
    const graph = unreliableGraph(suite.world.graph, { which: (spec) => spec.method === 'POST' && spec.path === collection, fate: { applied } });
    await executeRun({ ...suite.world.deps, graph }, run.id);
    return (await suite.world.runs.items(run.id)).items;
  }

  it('adopts the policy that shows what the POST sent, then sends its apps and assignments once, as a clean create does', async () => {
    const items = await lostPost(path('iosAppProtectionPolicy'), 'before');
    const [made, ...others] = suite.world.graph.objects(TARGET.id, path('iosAppProtectionPolicy'));
    expect(others).toEqual([]);
    expect(items.find((i) => i.type === 'iosAppProtectionPolicy')).toMatchObject({ outcome: 'succeeded', targetId: made!.id });
    expect(written(path('iosAppProtectionPolicy'))).toEqual(['POST ', 'POST /{new}/targetApps', 'POST /{new}/assign']);
    expect((made!.apps as GraphJson[]).length).toBe(2);
  });

  it("adopts the template and sends each of its messages once, since none had been sent", async () => {
    const items = await lostPost(path('notificationMessageTemplate'), 'before');
    const item = items.find((i) => i.type === 'notificationMessageTemplate' && i.action === 'create')!;
    expect(item).toMatchObject({ outcome: 'succeeded' });
    const [made] = suite.world.graph.objects(TARGET.id, path('notificationMessageTemplate')).filter((o) => o.id === item.targetId);
    const messages = written(path('notificationMessageTemplate')).filter((w) => !w.includes('t-tpl-old'));
    expect(messages.filter((w) => w === 'POST ')).toHaveLength(1);
    expect(messages.filter((w) => w.endsWith('/localizedNotificationMessages')).length).toBe((made!.localizedNotificationMessages as GraphJson[]).length);
  });

  it('ends "outcome unknown" when the policy never shows, and creates nothing again', async () => {
    const items = await lostPost(path('iosAppProtectionPolicy'), 'never');
    expect(items.find((i) => i.type === 'iosAppProtectionPolicy')).toMatchObject({ outcome: 'failed', outcomeUnknown: true });
    expect(suite.world.graph.objects(TARGET.id, path('iosAppProtectionPolicy'))).toEqual([]);
    expect(written(path('iosAppProtectionPolicy'))).toEqual([]);
  });
});
