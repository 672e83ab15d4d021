import { describe, expect, it } from 'vitest';
import { isWellFormedActivity } from '../../bot/activity-envelope';
import { actionInvoke, messageActivity, type FakeChannel } from '../support/fake-channel';

const channel = { serviceUrl: 'https://smba.trafficmanager.net/emea/' } as FakeChannel;
const message = () => messageActivity(channel, 'help', { aadObjectId: 'demo-operator' }) as Record<string, any>;

describe('activities the bot accepts at its edge', () => {
  it('accepts messages and card actions as Teams sends them', () => {
    expect(isWellFormedActivity(message())).toBe(true);
    expect(isWellFormedActivity(actionInvoke(channel, 'run.open', { runId: 'x' }, { aadObjectId: 'demo-operator' }))).toBe(true);
    expect(isWellFormedActivity({ ...message(), text: undefined, from: { id: '29:bot' } })).toBe(true);
  });

  it('refuses activities without what every turn relies on, or with objects where Teams sends text', () => {
    const { conversation: _c, ...withoutConversation } = message();
    const { type: _t, ...withoutType } = message();
    for (const bad of [
      withoutConversation,
      withoutType,
      { ...message(), conversation: { id: { $gt: '' } } },
      { ...message(), from: { id: '29:x', aadObjectId: { $gt: '' } } },
      { ...message(), text: { $gt: '' } },
      { ...message(), serviceUrl: 'not a url' },
      'help',
      null,
    ]) {
      expect(isWellFormedActivity(bad)).toBe(false);
    }
  });
});
