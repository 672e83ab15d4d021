import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../core/promotion/execute-run';
import type { PromotionRun } from '../../../core/runs/model';
import {
  APPROVER,
  INITIATOR,
  PATHS,
  promoter,
  seedBaselineSubjects,
  usePromotionWorld,
  queueRun,
  restrictions,
  RUN_CLOCK,
  SOURCE,
  TARGET,
  WORKSPACE,
} from '../../support/promotion-fixtures';

const suite = usePromotionWorld('execute-run-safety', seedBaselineSubjects);

const stored = async (run: PromotionRun) => (await suite.world.runs.get(WORKSPACE, run.id))!;
const completedAudits = async () =>
  (await suite.world.audit.list(WORKSPACE, { offset: 0, limit: 50 })).events.filter((e) => e.action === 'promotion.execute.completed');
const itemNamed = async (run: PromotionRun, name: string) => (await suite.world.runs.items(run.id)).items.find((i) => i.displayName === name);
const targetIsFree = async () => (await suite.world.runs.acquireLock(TARGET.id, 'probe' as never, 'probe', RUN_CLOCK)).kind === 'acquired';

describe('promotion run: re-authorisation before the first write', () => {
  it('fails a run whose approver lost the permission to change the target, naming it, and writes nothing', async () => {
    const run = await queueRun(suite.world);
    await suite.world.directory.saveMembership(promoter(APPROVER, 'Arno Approver', { tenantCapabilities: { [SOURCE.id]: ['TENANT_VIEW'], [TARGET.id]: ['TENANT_VIEW'] } }));
    await executeRun(suite.world.deps, run.id);

    const failed = await stored(run);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toBe('Nothing was written. The approver Arno Approver no longer has the permission to change the target tenant Contoso Production.');
    expect(suite.world.graph.writes()).toEqual([]);
    expect((await suite.world.runs.items(run.id)).total).toBe(0);
    expect(await completedAudits()).toEqual([
      expect.objectContaining({ metadata: expect.objectContaining({ runId: run.id, status: 'failed', total: 3, succeeded: 0, reason: failed.failureReason }) }),
    ]);
    expect(suite.world.progress.completions.map((r) => r.status)).toEqual(['failed']);
    expect(suite.world.progress.updates).toEqual([]);
    expect(await targetIsFree()).toBe(true);
  });

  it('fails a run whose initiator left the workspace or lost view of the source', async () => {
    const run = await queueRun(suite.world);
    await suite.world.directory.saveMembership(promoter(INITIATOR, 'Ines Initiator', { tenantCapabilities: { [TARGET.id]: ['TENANT_VIEW', 'TENANT_MANAGE'] } }));
    await executeRun(suite.world.deps, run.id);

    expect((await stored(run)).failureReason).toBe('Nothing was written. The initiator Ines Initiator no longer has the permission to see the source tenant Contoso Staging.');
    expect(suite.world.graph.writes()).toEqual([]);
  });

  it('fails a run when the target tenant was removed from the workspace', async () => {
    const run = await queueRun(suite.world);
    await suite.db.collection('tenants').deleteOne({ _id: TARGET.id as never });
    await executeRun(suite.world.deps, run.id);

    expect((await stored(run)).failureReason).toBe(`Nothing was written. The target tenant ${TARGET.id} is no longer registered in this workspace.`);
    expect(suite.world.graph.requests).toEqual([]);
  });

  it('fails a run when promotions were paused by an admin after it was queued', async () => {
    const run = await queueRun(suite.world);
    await suite.world.controls.set({ workspaceId: WORKSPACE, operation: 'promotion.execute', paused: true, reason: 'Change freeze until Monday', changedBy: APPROVER, changedAt: RUN_CLOCK });
    await executeRun(suite.world.deps, run.id);

    const failed = await stored(run);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toBe('Nothing was written. Promotions were paused by an admin: Change freeze until Monday.');
    expect(suite.world.graph.writes()).toEqual([]);
  });
  it('stops a resumed run whose approver was revoked meanwhile, keeping what was recorded', async () => {
    const run = await queueRun(suite.world);
    const index = run.plan.items.findIndex((i) => i.displayName === 'Camera');
    await suite.world.runs.recordItem({ runId: run.id, index, type: 'deviceConfiguration', displayName: 'Camera', action: 'create', outcome: 'succeeded', targetId: 't-new', at: RUN_CLOCK });
    await suite.world.runs.update(run.id, { status: 'running', startedAt: RUN_CLOCK });
    await suite.world.directory.saveMembership(promoter(APPROVER, 'Arno Approver', { workspaceCapabilities: ['WORKSPACE_BASELINES_VIEW'] }));
    await executeRun(suite.world.deps, run.id);

    const stopped = await stored(run);
    expect(stopped.status).toBe('partially_succeeded');
    expect(stopped.failureReason).toBe(
      'Stopped before the remaining subjects were written. The approver Arno Approver no longer has the permission to manage promotions in this workspace.',
    );
    expect(stopped.summary).toEqual({ total: 3, processed: 1, succeeded: 1, failed: 0, skipped: 0 });
    expect(suite.world.graph.writes()).toEqual([]);
  });
});

describe('promotion run: subjects that changed since the preflight', () => {
  it('skips an update whose target changed since the preflight and promotes the rest', async () => {
    const run = await queueRun(suite.world);
    suite.world.graph.seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-restr', 'Restrictions', { passwordMinimumLength: 10 }));
    await executeRun(suite.world.deps, run.id);

    expect(await itemNamed(run, 'Restrictions')).toMatchObject({ outcome: 'skipped', reason: 'changed in the target since the preflight' });
    expect(suite.world.graph.writes().some((r) => r.path.includes('t-dc-restr'))).toBe(false);
    const finished = await stored(run);
    expect(finished.status).toBe('partially_succeeded');
    expect(finished.summary).toEqual({ total: 3, processed: 3, succeeded: 2, failed: 0, skipped: 1 });
  });

  it('skips an update whose target was deleted, and a subject changed in the source', async () => {
    const run = await queueRun(suite.world);
    suite.world.graph.failWhen((tenant, spec) => tenant === TARGET.id && spec.method !== 'GET' && spec.path.includes('t-dc-restr'), { status: 500, code: 'x', message: 'must not be written' });
    // Graph answers 404 for the deleted target; the source camera profile gained a setting.
    suite.world.graph.failWhen((tenant, spec) => tenant === TARGET.id && spec.method === 'GET' && spec.path.includes('t-dc-restr'), { status: 404, code: 'ResourceNotFound', message: 'gone' });
    suite.world.graph.seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-camera', 'Camera', { cameraBlocked: true, bluetoothBlocked: true }));
    await executeRun(suite.world.deps, run.id);

    expect(await itemNamed(run, 'Restrictions')).toMatchObject({ outcome: 'skipped', reason: 'deleted in the target since the preflight' });
    expect(await itemNamed(run, 'Camera')).toMatchObject({ outcome: 'skipped', reason: 'changed in the source tenant since the preflight' });
    expect(suite.world.graph.writes().map((r) => r.path)).toEqual([PATHS.settingsCatalog, expect.stringMatching(/\/assign$/)]);
  });

  it('skips a create when a different subject of that name appeared in the target', async () => {
    const run = await queueRun(suite.world);
    suite.world.graph.seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-camera', ' camera ', { cameraBlocked: false }));
    await executeRun(suite.world.deps, run.id);

    expect(await itemNamed(run, 'Camera')).toMatchObject({ outcome: 'skipped', reason: 'exists in the target; changed since the preflight' });
    expect(suite.world.graph.objects(TARGET.id, PATHS.deviceConfiguration).filter((o) => String(o.displayName).trim().toLowerCase() === 'camera')).toHaveLength(1);
  });

  it('never adopts a namesake someone else made after the preflight, even one holding exactly what the run would write', async () => {
    const run = await queueRun(suite.world);
    const theirs = restrictions('t-dc-camera', 'Camera', { cameraBlocked: true }, { assignments: [{ id: 'a1', target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }] });
    suite.world.graph.seed(TARGET.id, PATHS.deviceConfiguration, theirs);
    await executeRun(suite.world.deps, run.id);

    expect(await itemNamed(run, 'Camera')).toMatchObject({ outcome: 'skipped', reason: 'exists in the target; changed since the preflight' });
    expect(suite.world.graph.writes(TARGET.id).filter((w) => w.path.includes('t-dc-camera'))).toEqual([]);
    expect(suite.world.graph.object(TARGET.id, PATHS.deviceConfiguration, 't-dc-camera')?.assignments).toEqual(theirs.assignments);
  });
});

describe('promotion run: failures', () => {
  it('records a Graph refusal as that item failed with the explanation, promotes the others and ends partially succeeded', async () => {
    const run = await queueRun(suite.world);
    suite.world.graph.failWhen((tenant, spec) => tenant === TARGET.id && spec.method === 'PATCH', { status: 400, code: 'BadRequest', message: 'Property passwordMinimumLength out of range.' });
    await executeRun(suite.world.deps, run.id);

    expect(await itemNamed(run, 'Restrictions')).toMatchObject({
      outcome: 'failed',
      reason: 'Graph refused the update (400 BadRequest: Property passwordMinimumLength out of range.).',
    });
    expect((await itemNamed(run, 'Camera'))?.outcome).toBe('succeeded');
    expect((await itemNamed(run, 'Baseline'))?.outcome).toBe('succeeded');
    const finished = await stored(run);
    expect(finished.status).toBe('partially_succeeded');
    expect(finished.summary).toMatchObject({ succeeded: 2, failed: 1, skipped: 0 });
    expect(finished.verified).toBe(2);
    expect((await completedAudits())[0]?.metadata).toMatchObject({ status: 'partially_succeeded', succeeded: 2, failed: 1, skipped: 0, verified: 2 });
  });

  it('keeps the created object id on an item whose assignment was refused', async () => {
    const run = await queueRun(suite.world);
    suite.world.graph.failWhen((tenant, spec) => tenant === TARGET.id && spec.path.endsWith('/assign') && spec.path.startsWith(PATHS.settingsCatalog), { status: 403, code: 'Forbidden', message: 'no' });
    await executeRun(suite.world.deps, run.id);

    const item = await itemNamed(run, 'Baseline');
    expect(item).toMatchObject({ outcome: 'failed', targetId: expect.stringMatching(/^created-/) });
    expect(item?.reason).toMatch(/^The app lacks permission .* in tenant Contoso Production/);
  });

  it('ends failed when no subject could be promoted', async () => {
    const run = await queueRun(suite.world);
    suite.world.graph.failWhen((tenant, spec) => tenant === TARGET.id && spec.method !== 'GET', { status: 400, code: 'BadRequest', message: 'no' });
    await executeRun(suite.world.deps, run.id);

    const finished = await stored(run);
    expect(finished.status).toBe('failed');
    expect(finished.failureReason).toBe('None of the 3 subjects was promoted (3 failed, 0 skipped).');
  });
});
