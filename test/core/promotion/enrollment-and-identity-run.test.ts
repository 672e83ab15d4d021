import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { RunId } from '../../../core/ids';
import { undoRunOf } from '../../../core/workflows/start-undo';
import { decideItems } from '../../../core/workflows/undo-preview';
import { executeRun } from '../../../core/promotion/execute-run';
import type { PromotionGraph } from '../../../core/promotion/promotion-graph';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import type { GraphJson, GraphRequestSpec } from '../../../core/subjects/subject-type';
import { dyingWorker, expireLeases, unreliableGraph, type LostWriteFate } from '../../support/executor-faults';
import { APPROVER, caPolicy, currentPlan, includeGroup, INITIATOR, PATHS, queueRun, RUN_CLOCK, SOURCE, TARGET, usePromotionWorld, WORKSPACE } from '../../support/promotion-fixtures';

const ENROLLMENT = SUBJECT_TYPES.enrollmentConfiguration.collectionPath;
const AUTOPILOT = SUBJECT_TYPES.autopilotProfile.collectionPath;
const STRENGTHS = SUBJECT_TYPES.authenticationStrength.collectionPath;

/** An enrollment status page with its priority, assigned to the pilot group. */
function statusPage(id: string, priority: number, extra: GraphJson = {}): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.windows10EnrollmentCompletionPageConfiguration',
    id,
    displayName: 'Autopilot ESP',
    priority,
    roleScopeTagIds: ['0'],
    deviceEnrollmentConfigurationType: 'windows10EnrollmentCompletionPageConfiguration',
    showInstallationProgress: true,
    installProgressTimeoutInMinutes: 90,
    selectedMobileAppIds: [],
    assignments: [],
    ...extra,
  };
}

const defaultLimit = (tenantId: string, limit: number): GraphJson => ({
  '@odata.type': '#microsoft.graph.deviceEnrollmentLimitConfiguration',
  id: `${tenantId}_DefaultLimit`,
  displayName: 'All users and all devices',
  priority: 0,
  deviceEnrollmentConfigurationType: 'defaultLimit',
  limit,
  assignments: [],
});

const profile = (id: string, groupIds: string[], template: string): GraphJson => ({
  '@odata.type': '#microsoft.graph.azureADWindowsAutopilotDeploymentProfile',
  id,
  displayName: 'User driven',
  deviceNameTemplate: template,
  deviceType: 'windowsPc',
  roleScopeTagIds: ['0'],
  outOfBoxExperienceSetting: { privacySettingsHidden: true, eulaHidden: true, userType: 'standard', deviceUsageType: 'singleUser' },
  assignments: groupIds.map((groupId) => ({ id: `${id}_${groupId}`, target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId } })),
});

const strength = (id: string, combinations: string[]): GraphJson => ({
  '@odata.type': '#microsoft.graph.authenticationStrengthPolicy',
  id,
  displayName: 'Admins',
  description: 'Phishing-resistant',
  policyType: 'custom',
  requirementsSatisfied: 'mfa',
  allowedCombinations: combinations,
});

const suite = usePromotionWorld('enrollment-and-identity-run', (world) => {
  world.graph
    .seed(TARGET.id, PATHS.groups, { id: 't-grp-old', displayName: 'Old Autopilot devices' })
    .seed(SOURCE.id, ENROLLMENT, statusPage('s-esp', 1, { assignments: [includeGroup('s-grp-pilot')] }))
    .seed(SOURCE.id, ENROLLMENT, defaultLimit(SOURCE.id, 10))
    .seed(TARGET.id, ENROLLMENT, defaultLimit(TARGET.id, 5))
    .seed(SOURCE.id, ENROLLMENT, { '@odata.type': '#microsoft.graph.deviceComanagementAuthorityConfiguration', id: `${SOURCE.id}_DefaultCoManagement`, displayName: 'Co-management Authority', priority: 0 })
    .seed(SOURCE.id, AUTOPILOT, profile('s-ap', ['s-grp-pilot'], 'CON-%SERIAL%'))
    .seed(TARGET.id, AUTOPILOT, profile('t-ap', ['t-grp-old'], 'CONTOSO-%RAND:4%'))
    .seed(SOURCE.id, PATHS.scopeTags, { id: '9', displayName: 'Munich', description: 'Munich office', assignments: [includeGroup('s-grp-pilot')] })
    .seed(SOURCE.id, STRENGTHS, strength('s-as', ['fido2', 'windowsHelloForBusiness']))
    .seed(TARGET.id, STRENGTHS, strength('t-as', ['fido2']));
});

async function runToEnd(graph?: PromotionGraph) {
  const queued = await queueRun(suite.world);
  suite.world.graph.clearRequests();
  await executeRun(graph ? { ...suite.world.deps, graph } : suite.world.deps, queued.id);
  return { queued, run: (await suite.world.runs.get(WORKSPACE, queued.id))!, items: (await suite.world.runs.items(queued.id)).items };
}

const writes = () => suite.world.graph.writes(TARGET.id).map(({ method, path, body }) => ({ method, path, ...(body === undefined ? {} : { body }) }));
const created = (path: string, name: string) => suite.world.graph.objects(TARGET.id, path).find((o) => o.displayName === name)!;

describe('promoting enrollment configurations, Autopilot profiles, scope tags and authentication strengths', () => {
  it('writes each as Graph expects: priority by setPriority, Autopilot groups one by one, defaults in place; and verifies them', async () => {
    const { queued, run } = await runToEnd();
    expect(queued.plan.items.map((i) => `${i.type}:${i.displayName}:${i.action}`).sort()).toEqual([
      'authenticationStrength:Admins:update',
      'autopilotProfile:User driven:update',
      'enrollmentConfiguration:All users and all devices (default device limit):update',
      'enrollmentConfiguration:Autopilot ESP:create',
      'scopeTag:Munich:create',
    ]);
    expect(run.summary).toMatchObject({ total: 5, succeeded: 5, failed: 0, skipped: 0 });
    expect(run.verified).toBe(5);

    const esp = created(ENROLLMENT, 'Autopilot ESP');
    expect(esp).toMatchObject({ priority: 1, installProgressTimeoutInMinutes: 90 });
    expect(esp.assignments).toEqual([expect.objectContaining({ target: expect.objectContaining({ groupId: 't-grp-pilot' }) })]);
    const espWrites = writes().filter((w) => w.path.startsWith(ENROLLMENT) && !w.path.includes('_Default'));
    expect(espWrites.map((w) => `${w.method} ${w.path.replace(String(esp.id), '{id}')}`)).toEqual([
      `POST ${ENROLLMENT}`,
      `POST ${ENROLLMENT}/{id}/setPriority`,
      `POST ${ENROLLMENT}/{id}/assign`,
    ]);
    expect(espWrites[0]!.body).not.toHaveProperty('priority');

    // The default is updated in place, never created, never assigned.
    expect(writes().filter((w) => w.path.includes(`${TARGET.id}_DefaultLimit`))).toEqual([
      { method: 'PATCH', path: `${ENROLLMENT}/${TARGET.id}_DefaultLimit`, body: expect.objectContaining({ limit: 10 }) },
    ]);

    // The Autopilot profile: PATCH, then the pilot group added and the old group removed, one request each.
    expect(writes().filter((w) => w.path.startsWith(AUTOPILOT)).map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH ${AUTOPILOT}/t-ap`,
      `POST ${AUTOPILOT}/t-ap/assignments`,
      `DELETE ${AUTOPILOT}/t-ap/assignments/t-ap_t-grp-old`,
    ]);
    expect(suite.world.graph.object(TARGET.id, AUTOPILOT, 't-ap')!.assignments).toEqual([expect.objectContaining({ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 't-grp-pilot' } })]);

    expect(created(PATHS.scopeTags, 'Munich').assignments).toEqual([expect.objectContaining({ target: expect.objectContaining({ groupId: 't-grp-pilot' }) })]);
    expect(writes().filter((w) => w.path.startsWith(STRENGTHS))).toEqual([
      { method: 'PATCH', path: `${STRENGTHS}/t-as`, body: { '@odata.type': '#microsoft.graph.authenticationStrengthPolicy', displayName: 'Admins', description: 'Phishing-resistant' } },
      { method: 'POST', path: `${STRENGTHS}/t-as/updateAllowedCombinations`, body: { allowedCombinations: ['fido2', 'windowsHelloForBusiness'] } },
    ]);

    // Nothing of the co-management configuration (not governed) nor of the Default and Berlin tags (in sync) was read as a change.
    const { plan } = await currentPlan(suite.world.graph, true);
    expect(plan.items).toEqual([]);
  });

  it('blocks a status page tracking apps by id and a priority another page holds in the target, and writes neither', async () => {
    suite.world.graph
      .seed(SOURCE.id, ENROLLMENT, statusPage('s-esp-apps', 2, { displayName: 'Kiosk ESP', selectedMobileAppIds: ['app-1'] }))
      .seed(TARGET.id, ENROLLMENT, statusPage('t-esp-legacy', 1, { displayName: 'Legacy ESP' }));
    const { preflight } = await currentPlan(suite.world.graph, true);
    const blocked = Object.fromEntries(preflight.items.filter((i) => i.outcome === 'blocked').map((i) => [i.displayName, [i.blockedReason, i.blockedDetail]]));
    expect(blocked).toEqual({
      'Kiosk ESP': ['subject_not_promotable', expect.stringContaining('It tracks 1 app by id (selectedMobileAppIds)')],
      'Autopilot ESP': ['subject_not_promotable', expect.stringContaining('Priority 1 is held in the target by "Legacy ESP"')],
    });
    await runToEnd();
    expect(writes().filter((w) => w.path.startsWith(ENROLLMENT) && !w.path.includes('_Default'))).toEqual([]);
  });

  const ASSIGNMENT_POST = (spec: GraphRequestSpec) => spec.method === 'POST' && spec.path === `${AUTOPILOT}/t-ap/assignments`;
  const fates: [LostWriteFate, string][] = [
    [{ applied: 'before' }, 'applied before the answer was lost'],
    [{ applied: 'later', afterMs: 150 }, 'applied only after the client gave up on it'],
  ];
  for (const [fate, how] of fates) {
    it(`adds an Autopilot group exactly once when the answer to its POST is lost and the write was ${how}`, async () => {
      const graph = unreliableGraph(suite.world.graph, { which: ASSIGNMENT_POST, fate });
      const { run } = await runToEnd(graph);
      await Promise.all(graph.pending);
      expect(graph.sent.filter(ASSIGNMENT_POST)).toHaveLength(1);
      expect(run.summary).toMatchObject({ succeeded: 5, failed: 0 });
      const groups = (suite.world.graph.object(TARGET.id, AUTOPILOT, 't-ap')!.assignments as GraphJson[]).map((a) => (a.target as GraphJson).groupId);
      expect(groups).toEqual(['t-grp-pilot']);
    });
  }

  it('leaves the Autopilot item "outcome unknown" when a lost assignment never shows, and sends it only once', async () => {
    const graph = unreliableGraph(suite.world.graph, { which: ASSIGNMENT_POST, fate: { applied: 'never' } });
    const { run, items } = await runToEnd(graph);
    expect(graph.sent.filter(ASSIGNMENT_POST)).toHaveLength(1);
    const item = items.find((i) => i.displayName === 'User driven')!;
    expect(item).toMatchObject({ outcome: 'failed', outcomeUnknown: true });
    expect(item.reason).toContain('did not confirm the assignment');
    expect(run.summary).toMatchObject({ succeeded: 4, failed: 1 });
    // The removal after it was not sent either: nothing of the item is written past the unconfirmed request.
    expect(graph.sent.some((s) => s.method === 'DELETE')).toBe(false);
  });

  it('a create whose setPriority answer is lost is settled by watching the new object, never resent', async () => {
    const SET_PRIORITY = (spec: GraphRequestSpec) => spec.path.endsWith('/setPriority');
    const graph = unreliableGraph(suite.world.graph, { which: SET_PRIORITY, fate: { applied: 'before' } });
    const { run } = await runToEnd(graph);
    expect(graph.sent.filter(SET_PRIORITY)).toHaveLength(1);
    expect(run.summary).toMatchObject({ succeeded: 5, failed: 0 });
    expect(run.verified).toBe(5);
  });

  const KILLS: [string, (spec: GraphRequestSpec) => boolean][] = [
    ['right after an Autopilot group was added', (spec) => spec.method === 'POST' && spec.path === `${AUTOPILOT}/t-ap/assignments`],
    ['right after an Autopilot group was removed', (spec) => spec.method === 'DELETE'],
    ['right after a new status page got its priority', (spec) => spec.path.endsWith('/setPriority')],
  ];
  for (const [when, graphWrite] of KILLS) {
    it(`resumes on another worker without sending anything twice when killed ${when}`, async () => {
      const queued = await queueRun(suite.world);
      suite.world.graph.clearRequests();
      const { deps, death } = dyingWorker(suite.world.deps, { graphWrite });
      void executeRun(deps, queued.id);
      await vi.waitFor(() => expect(death.dead).toBe(true), { timeout: 5_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expireLeases(suite.db);
      await executeRun(suite.world.deps, queued.id);

      const sent = writes().map((w) => JSON.stringify(w));
      expect(new Set(sent).size).toBe(sent.length);
      const groups = (suite.world.graph.object(TARGET.id, AUTOPILOT, 't-ap')!.assignments as GraphJson[]).map((a) => (a.target as GraphJson).groupId);
      expect(groups).toEqual(['t-grp-pilot']);
      // Items run side by side: the dead worker may have journalled the status page's create without sending it.
      expect(suite.world.graph.objects(TARGET.id, ENROLLMENT).filter((o) => o.displayName === 'Autopilot ESP').length).toBeLessThanOrEqual(1);
      for (const item of (await suite.world.runs.items(queued.id)).items) {
        expect(item.outcome === 'succeeded' || item.outcomeUnknown === true, `${item.displayName}: ${item.reason}`).toBe(true);
      }
    });
  }

  /** A worker dies where `killAt` says (by default with a status page's setPriority in hand); a second worker takes the run over. */
  async function diesBeforeSetPriorityThenResumed(killAt: Parameters<typeof dyingWorker>[1] = { beforeGraphWrite: (spec) => spec.path.endsWith('/setPriority') }) {
    const queued = await queueRun(suite.world);
    suite.world.graph.clearRequests();
    const { deps, death } = dyingWorker(suite.world.deps, killAt);
    void executeRun(deps, queued.id);
    await vi.waitFor(() => expect(death.dead).toBe(true), { timeout: 5_000 });
    await expireLeases(suite.db);
    await executeRun(suite.world.deps, queued.id);
    return queued;
  }

  it('a new status page whose worker died before setting its priority gets it from the next worker, and is created once', async () => {
    const queued = await diesBeforeSetPriorityThenResumed();

    const esp = created(ENROLLMENT, 'Autopilot ESP');
    expect(suite.world.graph.objects(TARGET.id, ENROLLMENT).filter((o) => o.displayName === 'Autopilot ESP')).toHaveLength(1);
    expect(esp).toMatchObject({ priority: 1 });
    const espWrites = writes().filter((w) => w.path.startsWith(ENROLLMENT) && !w.path.includes('_Default'));
    expect(espWrites.map((w) => `${w.method} ${w.path.replace(String(esp.id), '{id}')}`)).toEqual([
      `POST ${ENROLLMENT}`,
      `POST ${ENROLLMENT}/{id}/setPriority`,
      `POST ${ENROLLMENT}/{id}/assign`,
    ]);
    const item = (await suite.world.runs.items(queued.id)).items.find((i) => i.displayName === 'Autopilot ESP');
    expect(item).toMatchObject({ outcome: 'succeeded', targetId: esp.id });
    expect((await suite.world.runs.get(WORKSPACE, queued.id))!.verified).toBe(5);
  });

  it('a status page whose worker died as its POST reached Graph, before learning its id, is adopted and given its priority once', async () => {
    const queued = await diesBeforeSetPriorityThenResumed({ graphWrite: (spec) => spec.method === 'POST' && spec.path === ENROLLMENT });
    const pages = suite.world.graph.objects(TARGET.id, ENROLLMENT).filter((o) => o.displayName === 'Autopilot ESP');
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ priority: 1 });
    const espWrites = writes().filter((w) => w.path.startsWith(ENROLLMENT) && !w.path.includes('_Default'));
    expect(espWrites.map((w) => `${w.method} ${w.path.replace(String(pages[0]!.id), '{id}')}`)).toEqual([
      `POST ${ENROLLMENT}`,
      `POST ${ENROLLMENT}/{id}/setPriority`,
      `POST ${ENROLLMENT}/{id}/assign`,
    ]);
    const item = (await suite.world.runs.items(queued.id)).items.find((i) => i.displayName === 'Autopilot ESP');
    expect(item).toMatchObject({ outcome: 'succeeded', targetId: pages[0]!.id, reason: 'created by an earlier attempt of this run; not created again' });
  });

  it('a status page updated by a worker that died before setting its priority gets it from the next worker, patched once', async () => {
    suite.world.graph.seed(TARGET.id, ENROLLMENT, statusPage('t-esp', 2, { installProgressTimeoutInMinutes: 60 }));
    const queued = await diesBeforeSetPriorityThenResumed();

    expect(suite.world.graph.object(TARGET.id, ENROLLMENT, 't-esp')).toMatchObject({ priority: 1, installProgressTimeoutInMinutes: 90 });
    expect(writes().filter((w) => w.path.startsWith(`${ENROLLMENT}/t-esp`)).map((w) => `${w.method} ${w.path.slice(ENROLLMENT.length)}`)).toEqual([
      'PATCH /t-esp',
      'POST /t-esp/setPriority',
      'POST /t-esp/assign',
    ]);
    const item = (await suite.world.runs.items(queued.id)).items.find((i) => i.displayName === 'Autopilot ESP');
    expect(item).toMatchObject({ outcome: 'succeeded', targetId: 't-esp', reason: 'updated by an earlier attempt of this run; what follows the update was completed now' });
    // The before-image is the page as it was: an undo can still put priority 2 and 60 minutes back.
    expect(item!.priorState).toMatchObject({ priority: 2, installProgressTimeoutInMinutes: 60 });
    expect((await suite.world.runs.get(WORKSPACE, queued.id))!.verified).toBe(5);
  });

  it('an undo puts the Autopilot groups back one request each, the priority-set status page deleted, the default limit restored', async () => {
    const { queued } = await runToEnd();
    const promoted = (await suite.world.runs.get(WORKSPACE, queued.id))!;
    const decided = await decideItems(suite.world.deps, promoted, TARGET);
    expect(decided.blocked).toEqual([]);
    const undo = undoRunOf({ id: RunId(randomUUID()), undone: promoted, decided, initiatorId: INITIATOR, approverId: APPROVER, now: RUN_CLOCK, fingerprint: 'f'.repeat(64) });
    expect((await suite.world.runs.acquireLock(TARGET.id, undo.id, `undo:${promoted.id}`, RUN_CLOCK)).kind).toBe('acquired');
    await suite.world.runs.insert(undo);
    suite.world.graph.clearRequests();

    expect(await executeRun(suite.world.deps, undo.id)).toEqual({ kind: 'finished', status: 'succeeded' });
    expect((await suite.world.runs.get(WORKSPACE, undo.id))!.verified).toBe(5);
    expect(writes().filter((w) => w.path.startsWith(`${AUTOPILOT}/t-ap/assignments`)).map((w) => w.method)).toEqual(['POST', 'DELETE']);
    const groups = (suite.world.graph.object(TARGET.id, AUTOPILOT, 't-ap')!.assignments as GraphJson[]).map((a) => (a.target as GraphJson).groupId);
    expect(groups).toEqual(['t-grp-old']);
    expect(suite.world.graph.object(TARGET.id, AUTOPILOT, 't-ap')).toMatchObject({ deviceNameTemplate: 'CONTOSO-%RAND:4%' });
    expect(suite.world.graph.objects(TARGET.id, ENROLLMENT).map((o) => o.displayName)).toEqual(['All users and all devices']);
    expect(suite.world.graph.object(TARGET.id, ENROLLMENT, `${TARGET.id}_DefaultLimit`)).toMatchObject({ limit: 5 });
  });

  it('a Conditional Access policy requiring a custom authentication strength is written with the target strength\'s id', async () => {
    const requiringAdmins = (id: string, group: string, location: string, strengthId: string) => ({
      ...caPolicy(id, 'Admins sign in strongly', group, location, []),
      grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: strengthId, displayName: 'Admins', policyType: 'custom' } },
    });
    suite.world.graph.seed(SOURCE.id, PATHS.conditionalAccessPolicy, requiringAdmins('s-ca-admins', 's-grp-pilot', 's-loc-office', 's-as'));
    const { queued, run } = await runToEnd();
    const item = queued.plan.items.find((i) => i.type === 'conditionalAccessPolicy')!;
    expect(item.referenceMap).toMatchObject({ 's-as': 't-as' });
    expect(run.summary).toMatchObject({ total: 6, succeeded: 6, failed: 0 });
    expect(run.verified).toBe(6);
    const written = suite.world.graph.objects(TARGET.id, PATHS.conditionalAccessPolicy).find((p) => p.displayName === 'Admins sign in strongly')!;
    expect((written.grantControls as GraphJson).authenticationStrength).toEqual({ id: 't-as' });
  });

  it('a policy requiring a strength the target lacks is ready when that strength is, and one run creates the strength first and writes the policy with its new id', async () => {
    const graph = suite.world.graph;
    graph.seed(SOURCE.id, STRENGTHS, { ...strength('s-as-break', ['fido2']), displayName: 'Break glass' });
    graph.seed(SOURCE.id, PATHS.conditionalAccessPolicy, {
      ...caPolicy('s-ca-break', 'Break glass strong', 's-grp-pilot', 's-loc-office', []),
      displayName: 'Break glass strong',
      grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: 's-as-break' } },
    });
    const { preflight } = await currentPlan(graph, true);
    const policy = preflight.items.find((i) => i.displayName === 'Break glass strong')!;
    expect(policy.outcome).toBe('ready');
    expect(policy.dependsOn).toEqual([expect.objectContaining({ kind: 'authenticationStrength', sourceName: 'Break glass' })]);
    expect(preflight.items.find((i) => i.displayName === 'Break glass')).toMatchObject({ outcome: 'ready', action: 'create' });

    const { run } = await runToEnd();
    expect(run.status).toBe('succeeded');
    const createdStrength = created(STRENGTHS, 'Break glass');
    const written = created(PATHS.conditionalAccessPolicy, 'Break glass strong');
    expect((written.grantControls as GraphJson).authenticationStrength).toEqual({ id: createdStrength.id });
    const order = writes().filter((w) => w.method === 'POST' && (w.path === STRENGTHS || w.path === PATHS.conditionalAccessPolicy)).map((w) => w.path);
    expect(order.indexOf(STRENGTHS)).toBeLessThan(order.indexOf(PATHS.conditionalAccessPolicy));
  });
});
