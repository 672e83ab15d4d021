import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../core/promotion/execute-run';
import type { PromotionRun } from '../../../core/runs/model';
import {
  caPolicy,
  catalogPolicy,
  compliance,
  includeGroup,
  PATHS,
  usePromotionWorld,
  queueRun,
  restrictions,
  SOURCE,
  TARGET,
  WORKSPACE,
} from '../../support/promotion-fixtures';

const suite = usePromotionWorld('execute-run');

/** A source that differs from the target in every way the plan knows: creates, updates, blocked and manual subjects. */
function seedMixedTenants() {
  const { graph } = suite.world;
  graph
    .seed(SOURCE.id, PATHS.settingsCatalog, catalogPolicy('s-sc-baseline', 'Baseline', { device_vendor_msft_bitlocker_requiredeviceencryption: '1', device_vendor_msft_policy_config_defender_avgcpuloadfactor: 40 }, { roleScopeTagIds: ['7'], assignments: [includeGroup('s-grp-pilot')] }))
    .seed(SOURCE.id, PATHS.settingsCatalog, catalogPolicy('s-sc-edge', 'Edge hardening', { edge_smartscreenenabled: '1' }, { assignments: [includeGroup('s-grp-pilot')] }))
    .seed(TARGET.id, PATHS.settingsCatalog, catalogPolicy('t-sc-edge', 'Edge hardening', { edge_smartscreenenabled: '0' }))
    .seed(SOURCE.id, PATHS.settingsCatalog, catalogPolicy('s-sc-orphan', 'Staging only pilot', { edge_homepage: '1' }, { assignments: [includeGroup('s-grp-orphan')] }))
    .seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-restr', 'Restrictions', { passwordMinimumLength: 12, passwordRequired: true }))
    .seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-restr', 'Restrictions', { passwordMinimumLength: 8, passwordRequired: true }))
    .seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-same', 'Camera off', { cameraBlocked: true }))
    .seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-same', 'Camera off', { cameraBlocked: true }))
    .seed(SOURCE.id, PATHS.deviceConfiguration, {
      '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
      id: 's-dc-secret',
      displayName: 'VPN secret',
      roleScopeTagIds: ['0'],
      omaSettings: [{ '@odata.type': '#microsoft.graph.omaSettingString', omaUri: './Vendor/MSFT/VPN/Key', isEncrypted: true, secretReferenceValueId: 'ref-1', value: '****' }],
      assignments: [],
    })
    .seed(SOURCE.id, PATHS.compliancePolicy, compliance('s-cp-win', 'Windows compliance', { passwordRequired: true, osMinimumVersion: '10.0.22631' }))
    .seed(TARGET.id, PATHS.compliancePolicy, compliance('t-cp-win', 'Windows compliance', { passwordRequired: false, osMinimumVersion: '10.0.19045' }))
    .seed(SOURCE.id, PATHS.conditionalAccessPolicy, caPolicy('s-ca-mfa', 'Require MFA', 's-grp-pilot', 's-loc-office', ['mfa', 'compliantDevice']))
    .seed(TARGET.id, PATHS.conditionalAccessPolicy, caPolicy('t-ca-mfa', 'Require MFA', 't-grp-pilot', 't-loc-office', ['mfa']))
    .seed(SOURCE.id, PATHS.conditionalAccessPolicy, caPolicy('s-ca-legacy', 'Block legacy auth', 's-grp-pilot', 's-loc-office', ['block']));
}

async function runToEnd(): Promise<{ run: PromotionRun; finished: PromotionRun }> {
  const run = await queueRun(suite.world, { includeAssignments: true });
  await executeRun(suite.world.deps, run.id);
  return { run, finished: (await suite.world.runs.get(WORKSPACE, run.id))! };
}

const requestsTo = (pathPrefix: string) => suite.world.graph.writes(TARGET.id).filter((r) => r.path.startsWith(pathPrefix));

describe('promotion run: what is written', () => {
  it('writes only the ready subjects, to the target only, and leaves blocked, manual and in-sync subjects alone', async () => {
    seedMixedTenants();
    const { run, finished } = await runToEnd();

    expect(run.plan.items.map((i) => i.displayName).sort()).toEqual(
      ['Baseline', 'Block legacy auth', 'Edge hardening', 'Require MFA', 'Restrictions', 'Windows compliance'],
    );
    const written = JSON.stringify(suite.world.graph.writes());
    expect(written).not.toContain('VPN secret');
    expect(written).not.toContain('Staging only pilot');
    expect(written).not.toContain('t-dc-same');
    expect(suite.world.graph.writes().every((r) => r.tenantId === TARGET.id)).toBe(true);
    expect(finished.status).toBe('succeeded');
    expect(finished.summary).toEqual({ total: 6, processed: 6, succeeded: 6, failed: 0, skipped: 0 });
  });

  it('creates a settings catalog policy with POST (scope tags translated, read-only members gone), then assigns it to the target group', async () => {
    seedMixedTenants();
    await runToEnd();

    const [create, assign] = requestsTo(`${PATHS.settingsCatalog}`).filter((r) => !r.path.includes('t-sc-edge'));
    expect(create).toMatchObject({ method: 'POST', path: PATHS.settingsCatalog });
    const body = create!.body as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'Baseline', roleScopeTagIds: ['12'], platforms: 'windows10' });
    expect(body).not.toHaveProperty('id');
    expect(body).not.toHaveProperty('settingCount');
    expect(body).not.toHaveProperty('assignments');
    expect(body.settings).toHaveLength(2);
    const created = suite.world.graph.objects(TARGET.id, PATHS.settingsCatalog).find((o) => o.name === 'Baseline')!;
    expect(assign).toMatchObject({ method: 'POST', path: `${PATHS.settingsCatalog}/${created.id}/assign` });
    expect(assign!.body).toEqual({ assignments: [expect.objectContaining({ target: expect.objectContaining({ groupId: 't-grp-pilot' }) })] });
  });

  it('creates a subject the source assigns to nobody with its POST alone: a new object has no assignments to replace', async () => {
    suite.world.graph.seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-kiosk', 'Kiosk', { cameraBlocked: true }));
    await runToEnd();

    const kiosk = suite.world.graph.objects(TARGET.id, PATHS.deviceConfiguration).find((o) => o.displayName === 'Kiosk')!;
    expect(suite.world.graph.writes(TARGET.id).map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${PATHS.deviceConfiguration}`]);
    expect(kiosk.assignments ?? []).toEqual([]);
  });

  it('updates a settings catalog policy with a full PUT, then assigns it to the groups the source has', async () => {
    seedMixedTenants();
    await runToEnd();

    expect(requestsTo(`${PATHS.settingsCatalog}/t-sc-edge`).map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT ${PATHS.settingsCatalog}/t-sc-edge`,
      `POST ${PATHS.settingsCatalog}/t-sc-edge/assign`,
    ]);
    const put = requestsTo(`${PATHS.settingsCatalog}/t-sc-edge`)[0]!.body as { settings: unknown[] };
    expect(JSON.stringify(put.settings)).toContain('edge_smartscreenenabled_1');
  });

  it('updates a device configuration with PATCH carrying its @odata.type and without read-only members, and no assign when the assignments already agree', async () => {
    seedMixedTenants();
    await runToEnd();

    const [patch, ...rest] = requestsTo(`${PATHS.deviceConfiguration}/t-dc-restr`);
    expect(patch).toMatchObject({ method: 'PATCH', path: `${PATHS.deviceConfiguration}/t-dc-restr` });
    expect(patch!.body).toMatchObject({ '@odata.type': '#microsoft.graph.windows10GeneralConfiguration', passwordMinimumLength: 12 });
    expect(patch!.body).not.toHaveProperty('version');
    expect(rest.map((r) => r.path)).toEqual([]);
  });

  it('updates a compliance policy with PATCH without scheduled actions, then scheduleActionsForRules; its equal assignments are not sent', async () => {
    seedMixedTenants();
    await runToEnd();

    const requests = requestsTo(`${PATHS.compliancePolicy}/t-cp-win`);
    expect(requests.map((r) => `${r.method} ${r.path.slice(PATHS.compliancePolicy.length)}`)).toEqual([
      'PATCH /t-cp-win',
      'POST /t-cp-win/scheduleActionsForRules',
    ]);
    expect(requests[0]!.body).toMatchObject({ passwordRequired: true, osMinimumVersion: '10.0.22631' });
    expect(requests[0]!.body).not.toHaveProperty('scheduledActionsForRule');
    expect(requests[1]!.body).toEqual({
      deviceComplianceScheduledActionForRules: [
        { ruleName: 'PasswordRequired', scheduledActionConfigurations: [{ actionType: 'block', gracePeriodHours: 12, notificationTemplateId: '', notificationMessageCCList: [] }] },
      ],
    });
  });

  it('writes conditional access policies with the target groups and named locations inside the payload and no assign call', async () => {
    seedMixedTenants();
    await runToEnd();

    const requests = requestsTo(PATHS.conditionalAccessPolicy);
    expect(requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([`PATCH ${PATHS.conditionalAccessPolicy}/t-ca-mfa`, `POST ${PATHS.conditionalAccessPolicy}`]);
    for (const request of requests) {
      expect(request.body).toMatchObject({
        conditions: {
          users: { includeGroups: ['t-grp-pilot'] },
          locations: { includeLocations: ['t-loc-office'], excludeLocations: ['AllTrusted'] },
        },
      });
    }
    expect(requests.some((r) => r.path.endsWith('/assign'))).toBe(false);
  });

  it('records each item with its target id, and the overwritten target state for updates', async () => {
    seedMixedTenants();
    const { run } = await runToEnd();

    const { items } = await suite.world.runs.items(run.id);
    expect(items).toHaveLength(6);
    const restr = items.find((i) => i.displayName === 'Restrictions')!;
    expect(restr).toMatchObject({ outcome: 'succeeded', action: 'update', targetId: 't-dc-restr' });
    expect(restr.priorState).toMatchObject({ passwordMinimumLength: 8, assignments: [] });
    const baseline = items.find((i) => i.displayName === 'Baseline')!;
    expect(baseline).toMatchObject({ outcome: 'succeeded', action: 'create' });
    expect(baseline.targetId).toMatch(/^created-/);
    expect(baseline.priorState).toBeUndefined();
  });

  it('reads every promoted subject back and reports them verified in sync', async () => {
    seedMixedTenants();
    const { finished } = await runToEnd();
    expect(finished.verified).toBe(6);
  });

  it('counts a subject the target does not keep as written as not verified', async () => {
    seedMixedTenants();
    // The target silently drops the scope tag of this profile on update: it succeeded, but is not in sync.
    suite.world.graph.seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-restr', 'Restrictions', { passwordMinimumLength: 12, passwordRequired: true }, { roleScopeTagIds: ['7'] }));
    const run = await queueRun(suite.world, { includeAssignments: true });
    const original = suite.world.graph.request.bind(suite.world.graph);
    suite.world.graph.request = async (tenant, spec) => {
      const answer = await original(tenant, spec);
      if (spec.method === 'PATCH' && spec.path.endsWith('/t-dc-restr')) {
        suite.world.graph.seed(TARGET.id, PATHS.deviceConfiguration, { ...suite.world.graph.object(TARGET.id, PATHS.deviceConfiguration, 't-dc-restr')!, roleScopeTagIds: ['0'] });
      }
      return answer;
    };
    await executeRun(suite.world.deps, run.id);

    const finished = (await suite.world.runs.get(WORKSPACE, run.id))!;
    expect(finished.status).toBe('succeeded');
    expect(finished.verified).toBe(5);
  });

  it('audits the completion once with the counts, releases the target and reports progress as it starts and around every item', async () => {
    seedMixedTenants();
    const { run } = await runToEnd();

    const { events } = await suite.world.audit.list(WORKSPACE, { offset: 0, limit: 10 });
    expect(events.filter((e) => e.action === 'promotion.execute.completed')).toEqual([
      expect.objectContaining({
        tenantIds: [SOURCE.id, TARGET.id],
        metadata: { runId: run.id, status: 'succeeded', total: 6, succeeded: 6, failed: 0, skipped: 0, verified: 6 },
      }),
    ]);
    expect(await suite.world.runs.acquireLock(TARGET.id, run.id.replace('run', 'next') as never, 'other', new Date())).toEqual({ kind: 'acquired' });
    expect(suite.world.progress.updates).toHaveLength(1 + 12);
    expect(suite.world.progress.updates[0]).toMatchObject({ status: 'running', summary: { processed: 0 } });
    expect(suite.world.progress.updates.at(-1)).toMatchObject({ summary: { processed: 6, succeeded: 6 } });
    expect(suite.world.progress.completions.map((r) => [r.status, r.summary.succeeded, r.verified])).toEqual([['succeeded', 6, 6]]);
  });
});
