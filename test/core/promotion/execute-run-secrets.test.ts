import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../core/promotion/execute-run';
import type { GraphJson, GraphRequestSpec } from '../../../core/subjects/subject-type';
import { currentPlan, PATHS, queueRun, SOURCE, TARGET, usePromotionWorld, WORKSPACE, type PromotionWorld } from '../../support/promotion-fixtures';

const PLAIN_PROFILE_XML = '<VPNProfile><NativeProfile><Servers>vpn.contoso.com</Servers><Authentication><MachineMethod>PSK:S3cr3t-Shared-Key</MachineMethod></Authentication></NativeProfile></VPNProfile>';
const PROFILE_XML_URI = './Device/Vendor/MSFT/VPNv2/ContosoDeviceTunnel/ProfileXML';

/** A custom (OMA-URI) profile as Graph returns it: the profile XML encrypted, with the reference to read it in clear. */
const vpnProfile: GraphJson = {
  '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
  id: 's-dc-vpn',
  displayName: 'Win - VPN Pre-Shared Key (OMA-URI)',
  description: 'Always On VPN device tunnel with a pre-shared key',
  version: 2,
  roleScopeTagIds: ['0'],
  omaSettings: [
    { '@odata.type': '#microsoft.graph.omaSettingString', displayName: 'VPN profile XML', description: null, omaUri: PROFILE_XML_URI, secretReferenceValueId: 'b7ede59c-99ff-5475-8878-8b731ebfbf57', isEncrypted: true, isReadOnly: false, value: 'MIIBvQYJKoZIhvcNAQcDoIIBrjCCAaoCAQAxggFl' },
    { '@odata.type': '#microsoft.graph.omaSettingInteger', displayName: 'Always On', description: null, omaUri: './Device/Vendor/MSFT/VPNv2/ContosoDeviceTunnel/AlwaysOn', secretReferenceValueId: null, isEncrypted: false, isReadOnly: false, value: 1 },
  ],
  assignments: [],
};

function seedVpn(world: PromotionWorld): void {
  world.graph.seed(SOURCE.id, PATHS.deviceConfiguration, vpnProfile).seedSecret(SOURCE.id, 'b7ede59c-99ff-5475-8878-8b731ebfbf57', PLAIN_PROFILE_XML);
}

const suite = usePromotionWorld('execute-run-secrets', seedVpn);

const isPlainTextRead = (tenantId: string, spec: GraphRequestSpec) => tenantId === SOURCE.id && spec.path.includes('/getOmaSettingPlainTextValue(');
const refusePlainText = () =>
  suite.world.graph.failWhen(isPlainTextRead, { status: 403, code: 'Forbidden', message: 'Application is not authorized to perform this operation.' });
const RECREATE_BY_HAND = `recreate by hand in the target: the OMA-URI setting "VPN profile XML" (${PROFILE_XML_URI})`;

describe('promotion of an OMA-URI value Graph keeps encrypted', () => {
  it('is ready when Graph returns the value in clear (getOmaSettingPlainTextValue), and the snapshot keeps it redacted', async () => {
    const { preflight } = await currentPlan(suite.world.graph, true);
    expect(preflight.items).toEqual([expect.objectContaining({ displayName: 'Win - VPN Pre-Shared Key (OMA-URI)', outcome: 'ready', action: 'create' })]);
    expect(JSON.stringify(preflight)).not.toContain('S3cr3t');
  });

  it('writes the real value to the target, verifies it In sync, and keeps the value out of the journal, the run and the logs', async () => {
    const run = await queueRun(suite.world);
    const outcome = await executeRun(suite.world.deps, run.id);

    expect(outcome).toEqual({ kind: 'finished', status: 'succeeded' });
    const create = suite.world.graph.writes(TARGET.id).find((w) => w.method === 'POST' && w.path === PATHS.deviceConfiguration)!;
    const sent = (create.body as { omaSettings: GraphJson[] }).omaSettings;
    expect(sent[0]).toMatchObject({ omaUri: PROFILE_XML_URI, value: PLAIN_PROFILE_XML });
    expect(sent[0]).not.toHaveProperty('secretReferenceValueId');
    expect(sent[1]).toMatchObject({ value: 1 });
    expect(suite.world.graph.writes(SOURCE.id)).toEqual([]);

    const items = (await suite.world.runs.items(run.id)).items;
    expect(items.map((i) => [i.outcome, i.verification?.inSync])).toEqual([['succeeded', true]]);
    const kept = JSON.stringify({
      journal: await suite.world.deps.journal.entries(run.id),
      items,
      run: await suite.world.runs.get(WORKSPACE, run.id),
      logs: (suite.world.deps.logger as unknown as { lines: unknown[] }).lines,
      audit: await suite.world.audit.list(WORKSPACE, { offset: 0, limit: 50 }),
    });
    expect(kept).not.toContain('S3cr3t');
    expect(kept).not.toContain('VPNProfile');
  });

  it('stays blocked, saying what to recreate by hand, when Graph refuses to return the value', async () => {
    refusePlainText();
    const { preflight } = await currentPlan(suite.world.graph, true);
    expect(preflight.items[0]).toMatchObject({ outcome: 'blocked', blockedReason: 'secret_bearing_payload' });
    expect(preflight.items[0]!.blockedDetail).toContain(RECREATE_BY_HAND);
  });

  it('fails without writing anything, saying what to recreate by hand, when the value cannot be read as the run writes it', async () => {
    const run = await queueRun(suite.world);
    refusePlainText();
    await executeRun(suite.world.deps, run.id);

    const [item] = (await suite.world.runs.items(run.id)).items;
    expect(item).toMatchObject({ outcome: 'failed' });
    expect(item!.reason).toBe(
      `Nothing was written. Microsoft Graph did not return the plain value from Contoso Staging (reading it needs DeviceManagementConfiguration.ReadWrite.All there). Microsoft Graph returns this value only encrypted, so ${RECREATE_BY_HAND}.`,
    );
    expect(suite.world.graph.writes(TARGET.id)).toEqual([]);
  });
});
