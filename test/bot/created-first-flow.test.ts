import { describe, expect, it } from 'vitest';
import { actionsByVerb, cardText, expectValidCard, factValue } from '../support/cards';
import { cardOf, useDemoChat } from '../support/chat';
import { DEMO_REFERENCES, PRODUCTION_ID } from '../support/mapping-fixtures';
import { waitForRun } from '../support/running-bot';
import { DEMO_STAGING_TO_PRODUCTION } from '../support/sandbox-fixtures';

const readyBefore = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === 'ready').length;
const inSyncBefore = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.compare === 'in_sync').length;
const { retailStores } = DEMO_REFERENCES.staging;
const KIOSK_ROW = `Create · Device configuration · Win - Kiosk Restrictions — uses assignment filter "Kiosk Devices" and scope tag "${DEMO_REFERENCES.staging.retailStores.displayName}", created first in this run`;

describe('a filter and a scope tag missing in the target promoted in the same run as the policy that uses them (demo tenants over the Bot Framework protocol)', () => {
  const demo = useDemoChat({ PROGRESS_UPDATE_INTERVAL_MS: '0' });
  const production = () => demo.bot.system.sandbox!.store;

  async function preflightCard() {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production');
    return cardOf(await demo.chat.press(actionsByVerb(compare, 'preflight.generate')[0]!));
  }

  it('the preflight offers the policy as ready, naming the filter and scope tag the same run creates first; one run creates them, then the policy through them; compare again shows all In sync', async () => {
    const preflight = await preflightCard();
    expectValidCard(preflight);
    expect(factValue(preflight, 'Ready')).toBe(String(readyBefore));
    expect(cardText(preflight)).toContain(KIOSK_ROW);

    const confirmCard = cardOf(await demo.chat.press(actionsByVerb(preflight, 'preflight.execute')[0]!));
    expectValidCard(confirmCard);
    expect(factValue(confirmCard, 'Ready to promote')).toBe(String(readyBefore));
    expect(cardText(confirmCard)).toContain(KIOSK_ROW);
    const queued = cardOf(await demo.chat.press(actionsByVerb(confirmCard, 'promotion.confirm')[0]!));
    expect(cardText(queued)).toContain('Queued');
    const runId = String((await demo.bot.system.db.collection('runs').findOne({}))!._id);

    const run = await waitForRun(demo.bot, runId);
    expect(run.status).toBe('succeeded');
    expect(run.summary).toMatchObject({ total: readyBefore, succeeded: readyBefore, failed: 0, skipped: 0 });
    expect(run.verified).toBe(readyBefore);
    const order = run.plan.items.map((i: { displayName: string }) => i.displayName);
    expect(order.indexOf('Kiosk Devices')).toBeLessThan(order.indexOf('Win - Kiosk Restrictions'));
    expect(order.indexOf(retailStores.displayName)).toBeLessThan(order.indexOf('Win - Kiosk Restrictions'));

    const filter = production().list(PRODUCTION_ID, 'deviceManagement/assignmentFilters', []).find((f) => f.displayName === 'Kiosk Devices');
    const policy = production().list(PRODUCTION_ID, 'deviceManagement/deviceConfigurations', ['assignments']).find((p) => p.displayName === 'Win - Kiosk Restrictions');
    expect(filter).toBeDefined();
    expect((policy!.assignments as any[]).map((a) => a.target.deviceAndAppManagementAssignmentFilterId)).toEqual([filter!.id]);
    const tag = production().list(PRODUCTION_ID, 'deviceManagement/roleScopeTags', []).find((t) => t.displayName === retailStores.displayName);
    expect(tag).toBeDefined();
    expect(policy!.roleScopeTagIds).toEqual([tag!.id]);

    await demo.chat.card('sync Contoso Production');
    const compareAgain = await demo.chat.card('compare Contoso Staging to Contoso Production');
    expectValidCard(compareAgain);
    expect(factValue(compareAgain, 'In sync')).toBe(String(inSyncBefore + readyBefore));
    const compareText = cardText(compareAgain);
    expect(compareText).not.toContain('Kiosk Devices');
    expect(compareText).not.toContain('Win - Kiosk Restrictions');
    const selection = (actionsByVerb(compareAgain, 'preflight.generate')[0]!.data as any).selection;
    for (const subject of [{ type: 'assignmentFilter', displayName: 'Kiosk Devices' }, { type: 'deviceConfiguration', displayName: 'Win - Kiosk Restrictions' }]) {
      const details = cardOf(await demo.chat.click('compare.details', { selection, subject, page: 1 }));
      expectValidCard(details);
      expect(cardText(details), subject.displayName).toContain('In sync');
    }
    const preflightAgain = cardOf(await demo.chat.press(actionsByVerb(compareAgain, 'preflight.generate')[0]!));
    expect(factValue(preflightAgain, 'Ready')).toBe('0');
    expect(cardText(preflightAgain)).not.toContain('Kiosk');
  });
});
