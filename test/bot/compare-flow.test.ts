import { describe, expect, it } from 'vitest';
import { NOT_FOUND_TEXT } from '../../bot/answers';
import { actionsByVerb, cardText, expectValidCard, factValue, texts } from '../support/cards';
import { cardOf, useDemoChat } from '../support/chat';
import { DEMO_STAGING_TO_PRODUCTION } from '../support/sandbox-fixtures';

const count = (state: string) => DEMO_STAGING_TO_PRODUCTION.filter((e) => e.compare === state).length;
const outcome = (o: string) => DEMO_STAGING_TO_PRODUCTION.filter((e) => e.preflight === o).length;

describe('compare and preflight in chat (demo tenants over the Bot Framework protocol)', () => {
  const demo = useDemoChat();

  it('operator compares Staging to Production and sees the counts per compare state', async () => {
    const card = await demo.chat.card('compare Contoso Staging to Contoso Production');
    expectValidCard(card);
    expect(factValue(card, 'In sync')).toBe(String(count('in_sync')));
    expect(factValue(card, 'Different')).toBe(String(count('different')));
    expect(factValue(card, 'Missing in target')).toBe(String(count('missing_in_target')));
    expect(factValue(card, 'Only in target')).toBe(String(count('only_in_target')));
    expect(factValue(card, 'Ambiguous')).toBe(String(count('ambiguous')));
    expect(actionsByVerb(card, 'preflight.generate')[0]?.isEnabled).not.toBe(false);
  });

  it('the same selection over the same snapshots gives the same card data', async () => {
    const strip = (card: any) => JSON.stringify(card).replace(/\/exports\?token=[^"]+/g, '/exports?token=…');
    const first = await demo.chat.card('compare Contoso Staging to Contoso Production');
    const second = await demo.chat.card('compare "contoso staging" to "CONTOSO PRODUCTION"');
    expect(strip(second)).toBe(strip(first));
  });

  it('refuses the same tenant on both sides before loading anything', async () => {
    const card = await demo.chat.card('compare Contoso Production to Contoso Production');
    expect(cardText(card)).toContain('Source and target must be different tenants');
  });

  it('answers a tenant of another workspace exactly like a name that exists nowhere', async () => {
    const foreign = await demo.chat.card('compare Fabrikam to Contoso Production');
    const missing = await demo.chat.card('compare Northwind Traders to Contoso Production');
    expect(cardText(foreign)).toContain(NOT_FOUND_TEXT);
    expect(cardText(foreign)).toBe(cardText(missing));
  });

  it('suggests the visible tenant for a typo', async () => {
    const card = await demo.chat.card('compare Contoso Stagin to Contoso Production');
    expect(cardText(card)).toContain('Did you mean "Contoso Staging"?');
  });

  it('operator generates the preflight: ready, blocked, manual mapping and in sync', async () => {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production');
    const preflight = cardOf(await demo.chat.press(actionsByVerb(compare, 'preflight.generate')[0]!));
    expectValidCard(preflight);
    expect(factValue(preflight, 'Ready')).toBe(String(outcome('ready')));
    expect(factValue(preflight, 'Blocked')).toBe(String(outcome('blocked')));
    expect(factValue(preflight, 'Manual mapping')).toBe(String(outcome('manual_mapping_required')));
    expect(factValue(preflight, 'In sync')).toBe(String(count('in_sync')));
    const text = cardText(preflight);
    expect(text).toContain('Finance Laptops');
    expect(text).toContain('Kiosk Devices');
    expect(actionsByVerb(preflight, 'preflight.execute')[0]?.isEnabled).not.toBe(false);
  });

  it('viewer sees preflight disabled with the reason and a forced request is refused and audited', async () => {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production', 'demo-viewer');
    const action = actionsByVerb(compare, 'preflight.generate')[0]!;
    expect(action.isEnabled).toBe(false);
    expect(cardText(compare)).toContain('preparing or starting a promotion needs the permission to manage promotions in this workspace. Ask a workspace admin (Demo Admin) to grant it.');
    const forced = await demo.chat.press(action, 'demo-viewer');
    expect(forced).toMatchObject({ kind: 'error', statusCode: 403 });
    const audit = await demo.bot.system.db.collection('auditEvents').find({ action: 'action.forbidden', actorId: 'demo-viewer' }).toArray();
    expect(audit).toHaveLength(1);
    expect(await demo.bot.system.db.collection('auditEvents').countDocuments({ action: 'promotion.preflight.generated', actorId: 'demo-viewer' })).toBe(0);
  });

  it('tenant registry opens a compare with the row as target and returns to the same filter', async () => {
    const tenants = await demo.chat.card('tenants contoso');
    expectValidCard(tenants);
    const production = actionsByVerb(tenants, 'tenants.compare').find((a) => JSON.stringify(a.data).length > 0)!;
    const staging = demo.bot.system.deps;
    const all = await staging.directory.listTenants('contoso-msp' as never);
    const source = all.find((t) => t.displayName === 'Contoso Staging')!;
    const target = all.find((t) => t.displayName === 'Contoso Production')!;
    const compare = cardOf(await demo.chat.click("tenants.compare", { ...(production.data as object), targetTenantId: target.id, sourceTenantId: source.id }));
    expect(cardText(compare)).toContain('Contoso Staging → Contoso Production');
    const back = actionsByVerb(compare, 'tenants.back')[0]!;
    expect(back.data).toEqual({ filter: 'contoso', page: 1 });
    const again = cardOf(await demo.chat.press(back));
    expect(cardText(again)).toContain('matching "contoso"');
  });

  it('export link returns the compare as CSV and is refused once tampered with', async () => {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production');
    const url = JSON.stringify(compare).match(/http:\/\/localhost:\d+\/exports\?token=[^"]+/)![0];
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain('Win - Device Restrictions');
    const tampered = await fetch(url.slice(0, -3) + 'AAA');
    expect(tampered.status).toBe(404);
  });

  it('a compare against a tenant that was never read names it and why, shows no counts and no preflight, and offers Sync and try again', async () => {
    const synced = await demo.chat.card('sync Contoso Lab');
    expect(cardText(synced)).toContain('Microsoft Graph was unavailable for this tenant (HTTP 503)');
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Lab');
    expectValidCard(compare);
    expect(cardText(compare)).toContain('Contoso Lab could not be read');
    expect(cardText(compare)).toContain('Target: Contoso Lab');
    expect(cardText(compare)).toContain('Microsoft Graph was unavailable for this tenant (HTTP 503) on every attempt.');
    expect(factValue(compare, 'Missing in target')).toBeUndefined();
    expect(factValue(compare, 'In sync')).toBeUndefined();
    expect(actionsByVerb(compare, 'preflight.generate')).toEqual([]);
    const retry = cardOf(await demo.chat.press(actionsByVerb(compare, 'compare.refresh')[0]!));
    expect(cardText(retry)).toContain('Contoso Lab could not be read');
  });

  /** Compares Staging to Production and presses Details on the subject's row, on whichever page it is. */
  async function detailsOf(displayName: string) {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production');
    const next = actionsByVerb(compare, 'compare.page').find((a) => (a.data as any).page === 2);
    const pages = next ? [compare, cardOf(await demo.chat.press(next))] : [compare];
    const details = pages.flatMap((p) => actionsByVerb(p, 'compare.details')).find((a) => (a.data as any).subject.displayName === displayName)!;
    const card = cardOf(await demo.chat.press(details));
    expectValidCard(card);
    return card;
  }

  it('Details shows the setting-level differences with both values, never raw JSON', async () => {
    const card = await detailsOf('Win - Device Restrictions');
    const text = cardText(card);
    expect(text).toMatch(/passwordMinimumLength/);
    expect(text).toContain('12');
    expect(text).toContain('8');
    expect(text).not.toContain('{"');
  });

  it('Details of a subject missing in the target lists each setting it would create once, and its assignments by name', async () => {
    const card = await detailsOf('Win - Defender Antivirus');
    const text = cardText(card);
    expect(text).toMatch(/Missing in target · \d+ settings would be created · assignments differ/);
    // The seven Defender settings, one row each, without the vendor prefix or any of their plumbing.
    expect(texts(card).filter((t) => t.startsWith('defender_'))).toHaveLength(7);
    expect(text).toContain('defender_allowrealtimemonitoring');
    expect(text).toContain('include group Intune - Pilot Devices');
    expect(text).not.toMatch(/@odata\.type|settingValueTemplateReference|children|device_vendor_msft/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  });

  it('Conditional Access details name the groups and locations the policy points at', async () => {
    const text = cardText(await detailsOf('CA - Block access outside Contoso HQ'));
    expect(text).toContain('CA - Break Glass Accounts');
    expect(text).toContain('Contoso HQ');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  });

  it('the CSV export has one row per differing setting', async () => {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production');
    const url = JSON.stringify(compare).match(/http:\/\/localhost:\d+\/exports\?token=[^"]+/)![0];
    const csv = await (await fetch(url)).text();
    expect(csv.split('\r\n')[0]).toBe('type,name,compareState,outcome,reason,gaps,setting,sourceValue,targetValue');
    expect(csv).toContain('deviceConfiguration,Win - Device Restrictions,different,,,,passwordMinimumLength,12,8');
  });

  it('differences beyond one page are reached with Next', async () => {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production');
    expect(cardText(compare)).toContain('Page 1 of 2');
    const next = actionsByVerb(compare, 'compare.page').find((a) => (a.data as any).page === 2)!;
    const second = cardOf(await demo.chat.press(next));
    expect(cardText(second)).toContain('Page 2 of 2');
  });

  it('a typo or the arrow the cards use gets an answer, not the whole help card', async () => {
    const typo = await demo.chat.card('comapre Contoso Staging to Contoso Production');
    expectValidCard(typo);
    expect(cardText(typo)).toContain('Did you mean "compare"?');
    expect(cardText(typo)).toContain('Example: compare Contoso Staging to Contoso Production');
    expect(actionsByVerb(typo, 'help.show')).toHaveLength(1);
    const arrow = await demo.chat.card('compare Contoso Staging → Contoso Production');
    expect(cardText(arrow)).toContain('Compare preview');
    const emoji = await demo.chat.card('🙂');
    expect(cardText(emoji)).toContain('I did not understand that');
    expect(cardText(emoji)).not.toContain('«source»');
    const help = cardOf(await demo.chat.press(actionsByVerb(emoji, 'help.show')[0]!));
    expect(cardText(help)).toContain('compare «source» to «target»');
  });

  it('a misused command answers with its usage and an example, in words', async () => {
    const card = await demo.chat.card('runs status exploded');
    expect(cardText(card)).toContain('"exploded" is not a run status');
    expect(cardText(card)).toContain('Usage: runs [for «tenant»] [status «status»] [page «n»]');
    expect(cardText(card)).not.toMatch(/Invalid enum|Expected '/);
  });
});
