import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NOT_FOUND_TEXT } from '../../bot/answers';
import { CARD_INPUT_IDS } from '../../cards/verbs';
import { TenantId, WorkspaceId, ActorId } from '../../core/ids';
import { actionByTitle, actionsByVerb, cardText, expectValidCard, factValue } from '../support/cards';
import { cardOf, useDemoChat } from '../support/chat';
import { DEMO_REFERENCES, FOREIGN_TENANT_ID, MAP_FINANCE_LAPTOPS, PRODUCTION_ID, STAGING_ID } from '../support/mapping-fixtures';
import { waitForRun } from '../support/running-bot';
import { DEMO_STAGING_TO_PRODUCTION } from '../support/sandbox-fixtures';

const { financeLaptops, retailStores } = DEMO_REFERENCES.staging;
const { allCorporateDevices, pilotDevices } = DEMO_REFERENCES.production;
const readyBefore = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === 'ready').length;
const manualBefore = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === 'manual_mapping_required').length;
const MAPPED_TEXT = `Group "${financeLaptops.displayName}" → "${allCorporateDevices.displayName}"`;

const choiceSet = (card: any) => (card.body as any[]).find((e) => e.type === 'Input.ChoiceSet');

describe('managed mappings from chat (demo tenants over the Bot Framework protocol)', () => {
  const demo = useDemoChat({ PROGRESS_UPDATE_INTERVAL_MS: '0' });
  const mappings = () => demo.bot.system.db.collection('mappings');
  const audits = (action: string) => demo.bot.system.db.collection('auditEvents').find({ action }).toArray();


  async function preflightCard(who = 'demo-operator') {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production', who);
    return cardOf(await demo.chat.press(actionsByVerb(compare, 'preflight.generate')[0]!, who));
  }

  const mapActionFor = (preflight: any, sourceId: string) => actionsByVerb(preflight, 'mapping.open').find((a) => (a.data as any).sourceId === sourceId);

  it('the viewer cannot map: the command and a forced Save mapping are refused, audited, and nothing is stored', async () => {
    const refused = await demo.chat.card(MAP_FINANCE_LAPTOPS, 'demo-viewer');
    expect(cardText(refused)).toContain('needs the permission to manage promotions in this workspace');

    const gap = mapActionFor(await preflightCard(), financeLaptops.id)!;
    const forced = await demo.chat.click('mapping.save', { ...(gap.data as object), [CARD_INPUT_IDS.mappingTarget]: allCorporateDevices.id }, 'demo-viewer');
    expect(forced).toMatchObject({ kind: 'error', statusCode: 403 });
    const forcedOpen = await demo.chat.press(gap, 'demo-viewer');
    expect(forcedOpen).toMatchObject({ kind: 'error', statusCode: 403 });

    expect(await mappings().countDocuments()).toBe(0);
    const forbidden = (await audits('action.forbidden')).filter((e) => e.actorId === 'demo-viewer').map((e) => e.metadata.attempted);
    expect(forbidden.sort()).toEqual(['mapping.open', 'mapping.save', 'mapping.save']);
  });

  it('a mapping to an unknown target name gets a clear answer and stores nothing', async () => {
    const card = await demo.chat.card('map group "Finance Laptops" to "Intune - Finance Devices" for Contoso Staging to Contoso Production');
    expect(cardText(card)).toContain('No group named "Intune - Finance Devices" is in the inventory of Contoso Production');
    const unknownSource = await demo.chat.card('map group "Finance Desktops" to "Intune - All Corporate Devices" for Contoso Staging to Contoso Production');
    expect(cardText(unknownSource)).toContain('No group named "Finance Desktops" is in the inventory of Contoso Staging');
    expect(await mappings().countDocuments()).toBe(0);
    expect(await audits('mapping.saved')).toHaveLength(0);
  });

  it('a forged Save mapping naming another workspace\'s tenant reads exactly like an unknown tenant', async () => {
    const gap = mapActionFor(await preflightCard(), financeLaptops.id)!;
    const forge = (tenants: { sourceTenantId?: string; targetTenantId?: string }) =>
      demo.chat.click('mapping.save', {
        ...(gap.data as object),
        selection: { ...(gap.data as any).selection, ...tenants },
        [CARD_INPUT_IDS.mappingTarget]: allCorporateDevices.id,
      });
    const unknown = await forge({ sourceTenantId: randomUUID() });
    expect(unknown).toEqual({ kind: 'error', statusCode: 404, message: NOT_FOUND_TEXT });
    expect(await forge({ sourceTenantId: FOREIGN_TENANT_ID })).toEqual(unknown);
    expect(await forge({ targetTenantId: FOREIGN_TENANT_ID })).toEqual(unknown);
    expect(await forge({ sourceTenantId: STAGING_ID, targetTenantId: FOREIGN_TENANT_ID })).toEqual(await forge({ targetTenantId: randomUUID() }));
    expect(await demo.chat.click('mapping.save', { ...(gap.data as object), [CARD_INPUT_IDS.mappingTarget]: allCorporateDevices.id }, 'demo-fabrikam')).toEqual(unknown);
    const injected = await demo.chat.click('mapping.save', { ...(gap.data as object), [CARD_INPUT_IDS.mappingTarget]: { $gt: '' } });
    expect(injected).toMatchObject({ kind: 'error', statusCode: 400 });
    expect(await mappings().countDocuments()).toBe(0);
  });

  it('Map on the gap offers the target groups; saving answers the regenerated preflight with the subject ready and the mapping it used', async () => {
    const before = await preflightCard();
    expect(factValue(before, 'Manual mapping')).toBe(String(manualBefore));
    const map = mapActionFor(before, financeLaptops.id)!;
    expect(map.isEnabled).not.toBe(false);

    const mappingCard = cardOf(await demo.chat.press(map));
    expectValidCard(mappingCard);
    const text = cardText(mappingCard);
    expect(text).toContain('Map group "Finance Laptops"');
    expect(text).toContain('Group "Finance Laptops" does not exist in the target tenant.');
    expect(text).toContain('Used by Win - Compliance Finance');
    const choices = choiceSet(mappingCard);
    expect(choices).toMatchObject({ id: CARD_INPUT_IDS.mappingTarget, style: 'filtered', isRequired: true });
    expect(choices.choices).toContainEqual({ title: allCorporateDevices.displayName, value: allCorporateDevices.id });
    expect(choices.choices.map((c: any) => c.value)).not.toContain(financeLaptops.id);

    const save = actionByTitle(mappingCard, 'Save mapping');
    const after = cardOf(await demo.chat.click('mapping.save', { ...(save.data as object), [CARD_INPUT_IDS.mappingTarget]: allCorporateDevices.id }));
    expectValidCard(after);
    expect(factValue(after, 'Ready')).toBe(String(readyBefore + 1));
    expect(factValue(after, 'Manual mapping')).toBe(String(manualBefore - 1));
    const afterText = cardText(after);
    expect(afterText).toContain('Mappings used');
    expect(afterText).toContain(MAPPED_TEXT);
    expect(afterText).toContain('Used by Win - Compliance Finance');
    expect(afterText).not.toContain('Group "Finance Laptops" does not exist');
    expect(afterText).toContain('Kiosk Devices');

    const stored = await mappings().find().toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ sourceTenantId: STAGING_ID, targetTenantId: PRODUCTION_ID, kind: 'group', sourceId: financeLaptops.id, targetId: allCorporateDevices.id, createdBy: 'demo-operator' });
    const [saved] = await audits('mapping.saved');
    expect(saved?.metadata).toMatchObject({ source: STAGING_ID, target: PRODUCTION_ID, kind: 'group', sourceId: financeLaptops.id, targetId: allCorporateDevices.id });
  });

  it('a mapping changed after the preflight makes the confirm answer "Preflight is stale" and starts nothing', async () => {
    const confirmCard = cardOf(await demo.chat.press(actionsByVerb(await preflightCard(), 'preflight.execute')[0]!));
    const confirm = actionsByVerb(confirmCard, 'promotion.confirm')[0]!;
    expect(cardText(await demo.chat.card(MAP_FINANCE_LAPTOPS.replace(allCorporateDevices.displayName, pilotDevices.displayName)))).toContain('Mapping saved');
    const answer = cardOf(await demo.chat.press(confirm));
    expect(cardText(answer)).toContain('Preflight is stale');
    expect(await demo.bot.system.db.collection('runs').countDocuments()).toBe(0);
    expect(cardText(await demo.chat.card(MAP_FINANCE_LAPTOPS))).toContain(`replaces the mapping to "${pilotDevices.displayName}"`);
  });

  it('execute + confirm promotes the mapped subject: the compliance policy in Production is assigned to the mapped group', async () => {
    const confirmCard = cardOf(await demo.chat.press(actionsByVerb(await preflightCard(), 'preflight.execute')[0]!));
    expect(factValue(confirmCard, 'Ready to promote')).toBe(String(readyBefore + 1));
    const queued = cardOf(await demo.chat.press(actionsByVerb(confirmCard, 'promotion.confirm')[0]!));
    expect(cardText(queued)).toContain('Queued');
    const runId = String((await demo.bot.system.db.collection('runs').findOne({}))!._id);

    const run = await waitForRun(demo.bot, runId);
    expect(run.status).toBe('succeeded');
    expect(run.summary).toMatchObject({ total: readyBefore + 1, succeeded: readyBefore + 1, failed: 0 });

    const created = demo.bot.system.sandbox!.store.list(PRODUCTION_ID, 'deviceManagement/deviceCompliancePolicies', ['assignments']).find((p) => p.displayName === 'Win - Compliance Finance');
    expect(created).toBeDefined();
    const groupIds = (created!.assignments as any[]).map((a) => a.target.groupId);
    expect(groupIds).toEqual([allCorporateDevices.id]);

    // The next compare judges the assignment through the mapping: In sync, and nothing is offered again.
    expect(run.verified).toBe(readyBefore + 1);
    await demo.chat.card('sync Contoso Production');
    const compareAgain = await demo.chat.card('compare Contoso Staging to Contoso Production');
    expectValidCard(compareAgain);
    const compareText = cardText(compareAgain);
    expect(compareText).toContain('1 subject is in sync through managed mappings');
    expect(compareText).not.toContain('Win - Compliance Finance');
    const preflightAgain = cardOf(await demo.chat.press(actionsByVerb(compareAgain, 'preflight.generate')[0]!));
    // Nothing is offered again: Win - Kiosk Restrictions was promoted in the same run as its filter and scope tag.
    expect(factValue(preflightAgain, 'Ready')).toBe('0');
    expect(cardText(preflightAgain)).not.toContain('Win - Compliance Finance');
  });

  it('mappings lists the pair\'s mappings with who mapped them, and flags a target that no longer exists', async () => {
    await demo.bot.system.deps.mappings.save({
      workspaceId: WorkspaceId('contoso-msp'),
      sourceTenantId: TenantId(STAGING_ID),
      targetTenantId: TenantId(PRODUCTION_ID),
      kind: 'scopeTag',
      sourceId: retailStores.id,
      sourceName: retailStores.displayName,
      targetId: '99',
      targetName: 'Retail (deleted)',
      createdBy: ActorId('demo-approver'),
      createdAt: new Date(),
    });
    const card = await demo.chat.card('mappings Contoso Staging to Contoso Production');
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain('Contoso Staging → Contoso Production');
    expect(text).toContain(`Group: "${financeLaptops.displayName}" → "${allCorporateDevices.displayName}"`);
    expect(text).toContain('Mapped by Demo Operator');
    expect(text).toContain('Scope tag: "Retail Stores" → "Retail (deleted)"');
    expect(text).toContain('Mapped by Demo Approver');
    expect(text).toContain('"Retail (deleted)" no longer exists in Contoso Production');
    expect(text.match(/no longer exists/g)).toHaveLength(1);

    const preflight = await preflightCard();
    expect(cardText(preflight)).toContain('Scope tag "Retail Stores" is mapped to a target object that no longer exists.');
    expect(cardText(await demo.chat.card('unmap tag "Retail Stores" for Contoso Staging to Contoso Production'))).toContain('Mapping removed');
  });

  it('unmap removes the mapping (audited), and the command form maps the group again', async () => {
    const removed = await demo.chat.card('unmap group "Finance Laptops" for Contoso Staging to Contoso Production');
    expect(cardText(removed)).toContain('Group "Finance Laptops" in Contoso Staging no longer maps to "Intune - All Corporate Devices"');
    expect(await mappings().countDocuments()).toBe(0);
    expect((await audits('mapping.removed')).map((e) => e.metadata.sourceId).sort()).toEqual([retailStores.id, financeLaptops.id].sort());
    const empty = await demo.chat.card('mappings Contoso Staging to Contoso Production');
    expect(cardText(empty)).toContain('No mappings yet');
    const again = await demo.chat.card('unmap group "Finance Laptops" for Contoso Staging to Contoso Production');
    expect(cardText(again)).toContain('There is no group mapping for "Finance Laptops" from Contoso Staging to Contoso Production');

    const saved = await demo.chat.card(MAP_FINANCE_LAPTOPS);
    expectValidCard(saved);
    expect(cardText(saved)).toContain('Group "Finance Laptops" in Contoso Staging now maps to "Intune - All Corporate Devices" in Contoso Production.');
    expect(await mappings().findOne({})).toMatchObject({ kind: 'group', sourceId: financeLaptops.id, targetId: allCorporateDevices.id });
    expect(cardText(await demo.chat.card('mappings Contoso Staging to Contoso Production'))).toContain(MAPPED_TEXT.replace('Group ', 'Group: '));
  });

  it('help lists map, mappings and unmap', async () => {
    const help = JSON.stringify((await demo.chat.say('help')).attachments?.[0]?.content);
    for (const usage of ['map «kind»', 'mappings «source» to «target»', 'unmap «kind»']) expect(help).toContain(usage);
  });
});
