import { describe, expect, it } from 'vitest';
import { actionsByVerb, cardText, expectValidCard, factValue } from '../support/cards';
import { cardOf, useDemoChat } from '../support/chat';
import { DEMO_REFERENCES, PRODUCTION_ID } from '../support/mapping-fixtures';
import { waitForRun } from '../support/running-bot';
import { DEMO_STAGING_TO_PRODUCTION } from '../support/sandbox-fixtures';

const readyBefore = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === 'ready').length;
const inSyncBefore = DEMO_STAGING_TO_PRODUCTION.filter((e) => e.compare === 'in_sync').length;
const { retailStores } = DEMO_REFERENCES.staging;
const KIOSK_ROW = 'Create · Device configuration · Win - Kiosk Restrictions — uses assignment filter "Kiosk Devices", created first in this run';

describe('a filter missing in the target promoted in the same run as the policy that uses it (demo tenants over the Bot Framework protocol)', () => {
  const demo = useDemoChat({ PROGRESS_UPDATE_INTERVAL_MS: '0' });
  const production = () => demo.bot.system.sandbox!.store;

  async function preflightCard() {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production');
    return cardOf(await demo.chat.press(actionsByVerb(compare, 'preflight.generate')[0]!));
  }

  it('before the scope tag is mapped, the policy needs mapping and reads that the filter is created first once the rest is mapped', async () => {
    const preflight = await preflightCard();
    expectValidCard(preflight);
    expect(factValue(preflight, 'Ready')).toBe(String(readyBefore));
    const text = cardText(preflight);
    expect(text).toContain('Assignment filter "Kiosk Devices" is not in the target tenant yet, but it is ready in this preflight: once the other references are mapped, the same run creates it first.');
    expect(text).toContain(`Scope tag "${retailStores.displayName}" does not exist in the target tenant.`);
    expect(text).not.toContain('created first in this run');
  });

  it('with the scope tag mapped, the preflight offers the policy as ready, depending on the filter; one run creates the filter first and then the policy through it; compare again shows both In sync', async () => {
    const mapped = await demo.chat.card(`map scope tag "${retailStores.displayName}" to "Manufacturing" for Contoso Staging to Contoso Production`);
    expect(cardText(mapped)).toContain('Manufacturing');

    const preflight = await preflightCard();
    expectValidCard(preflight);
    expect(factValue(preflight, 'Ready')).toBe(String(readyBefore + 1));
    expect(cardText(preflight)).toContain(KIOSK_ROW);

    const confirmCard = cardOf(await demo.chat.press(actionsByVerb(preflight, 'preflight.execute')[0]!));
    expectValidCard(confirmCard);
    expect(factValue(confirmCard, 'Ready to promote')).toBe(String(readyBefore + 1));
    expect(cardText(confirmCard)).toContain(KIOSK_ROW);
    const queued = cardOf(await demo.chat.press(actionsByVerb(confirmCard, 'promotion.confirm')[0]!));
    expect(cardText(queued)).toContain('Queued');
    const runId = String((await demo.bot.system.db.collection('runs').findOne({}))!._id);

    const run = await waitForRun(demo.bot, runId);
    expect(run.status).toBe('succeeded');
    expect(run.summary).toMatchObject({ total: readyBefore + 1, succeeded: readyBefore + 1, failed: 0, skipped: 0 });
    expect(run.verified).toBe(readyBefore + 1);
    const order = run.plan.items.map((i: { displayName: string }) => i.displayName);
    expect(order.indexOf('Kiosk Devices')).toBeLessThan(order.indexOf('Win - Kiosk Restrictions'));

    const filter = production().list(PRODUCTION_ID, 'deviceManagement/assignmentFilters', []).find((f) => f.displayName === 'Kiosk Devices');
    const policy = production().list(PRODUCTION_ID, 'deviceManagement/deviceConfigurations', ['assignments']).find((p) => p.displayName === 'Win - Kiosk Restrictions');
    expect(filter).toBeDefined();
    expect((policy!.assignments as any[]).map((a) => a.target.deviceAndAppManagementAssignmentFilterId)).toEqual([filter!.id]);
    expect(policy!.roleScopeTagIds).toEqual(['5']);

    await demo.chat.card('sync Contoso Production');
    const compareAgain = await demo.chat.card('compare Contoso Staging to Contoso Production');
    expectValidCard(compareAgain);
    expect(factValue(compareAgain, 'In sync')).toBe(String(inSyncBefore + readyBefore + 1));
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
