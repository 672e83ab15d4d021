import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphRequestFailed } from '../../../core/graph/graph-errors';
import type { GraphJson } from '../../../core/subjects/subject-type';
import { demoTenant, startDemoSandbox } from '../../support/sandbox-fixtures';

const IOS_MAM = '/beta/deviceAppManagement/iosManagedAppProtections';
const TEMPLATES = '/beta/deviceManagement/notificationMessageTemplates';
const DEVICE_APP_CONFIGS = '/beta/deviceAppManagement/mobileAppConfigurations';
const production = demoTenant('contosoProduction');

let demo: Awaited<ReturnType<typeof startDemoSandbox>>;
beforeEach(async () => {
  demo = await startDemoSandbox();
});
afterEach(async () => {
  await demo?.sandbox.close();
});

const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
  (await demo.client.request(production, { method, path, ...(body !== undefined ? { body } : {}) })).body as GraphJson;

describe('the sandbox answers managed app policies and notification templates as Graph does', () => {
  it('does not take apps inline on create; targetApps sets them and the public-apps group, served through $expand=apps', async () => {
    const created = await send('POST', IOS_MAM, { '@odata.type': '#microsoft.graph.iosManagedAppProtection', displayName: 'iOS - MAM', pinRequired: true, apps: [{ mobileAppIdentifier: { bundleId: 'x' } }] });
    const id = String(created.id);
    expect((await send('GET', `${IOS_MAM}/${id}?$expand=apps`)).apps).toEqual([]);
    const apps = [{ '@odata.type': '#microsoft.graph.managedMobileApp', mobileAppIdentifier: { '@odata.type': '#microsoft.graph.iosMobileAppIdentifier', bundleId: 'com.microsoft.Office.Outlook' } }];
    const answer = await demo.client.request(production, { method: 'POST', path: `${IOS_MAM}/${id}/targetApps`, body: { apps, appGroupType: 'selectedPublicApps' } });
    expect(answer.status).toBe(204);
    const read = await send('GET', `${IOS_MAM}/${id}?$expand=apps,assignments`);
    expect(read).toMatchObject({ appGroupType: 'selectedPublicApps', apps: [{ mobileAppIdentifier: { bundleId: 'com.microsoft.Office.Outlook' } }], assignments: [] });
    await expect(send('PATCH', `${IOS_MAM}/${id}`, { apps })).rejects.toThrow(GraphRequestFailed);
  });

  it('keys a template\'s messages by template and lower-case locale, refuses a second message for a locale, and patches and deletes one', async () => {
    const id = String((await send('POST', TEMPLATES, { displayName: 'Notice', defaultLocale: 'en-us', brandingOptions: 'none' })).id);
    const message = await send('POST', `${TEMPLATES}/${id}/localizedNotificationMessages`, { locale: 'en-US', subject: 'Hi', messageTemplate: 'Body', isDefault: true });
    expect(message).toMatchObject({ id: `${id}_en-us`, locale: 'en-us' });
    await expect(send('POST', `${TEMPLATES}/${id}/localizedNotificationMessages`, { locale: 'en-us', subject: 'Again' })).rejects.toMatchObject({ status: 409 });
    await send('PATCH', `${TEMPLATES}/${id}/localizedNotificationMessages/${id}_en-us`, { subject: 'Hello' });
    expect((await demo.client.listAll(production, `${TEMPLATES}/${id}/localizedNotificationMessages`)).map((m) => m.subject)).toEqual(['Hello']);
    await send('DELETE', `${TEMPLATES}/${id}/localizedNotificationMessages/${id}_en-us`);
    expect(await demo.client.listAll(production, `${TEMPLATES}/${id}/localizedNotificationMessages`)).toEqual([]);
    await expect(send('DELETE', `${TEMPLATES}/${id}/localizedNotificationMessages/${id}_en-us`)).rejects.toMatchObject({ status: 404 });
  });

  it('keeps an iOS app configuration\'s settings as its own member, not a navigation property', async () => {
    const settings = [{ appConfigKey: 'IntuneMAMAllowedAccountsOnly', appConfigKeyType: 'stringType', appConfigKeyValue: 'Enabled' }];
    const id = String((await send('POST', DEVICE_APP_CONFIGS, { '@odata.type': '#microsoft.graph.iosMobileAppConfiguration', displayName: 'Outlook', targetedMobileApps: ['app-1'], settings })).id);
    const [listed] = await demo.client.listAll(production, `${DEVICE_APP_CONFIGS}?$expand=assignments`);
    expect(listed).toMatchObject({ id, settings });
  });
});
