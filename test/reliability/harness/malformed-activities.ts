// Activities no Teams client sends: wrong types, missing parts, objects where text belongs, invokes the bot does not
// offer. Each is a patch applied to a well-formed message or card action.

/** Activities that are not what Teams sends: wrong types, missing parts, invokes without an action. */
export const MALFORMED_ACTIVITIES: readonly {
  label: string;
  base: 'message' | 'invoke';
  patch: (a: Record<string, any>) => Record<string, any>;
}[] = [
  { label: 'invoke without value', base: 'invoke', patch: ({ value: _v, ...a }) => a },
  { label: 'invoke without action', base: 'invoke', patch: (a) => ({ ...a, value: { trigger: 'manual' } }) },
  { label: 'invoke value is a string', base: 'invoke', patch: (a) => ({ ...a, value: 'promotion.confirm' }) },
  {
    label: 'invoke action is Action.Submit',
    base: 'invoke',
    patch: (a) => ({ ...a, value: { action: { ...a.value.action, type: 'Action.Submit' } } }),
  },
  {
    label: 'invoke action without verb',
    base: 'invoke',
    patch: (a) => ({ ...a, value: { action: { type: 'Action.Execute', data: a.value.action.data } } }),
  },
  { label: 'invoke of another name', base: 'invoke', patch: (a) => ({ ...a, name: 'task/fetch' }) },
  { label: 'invoke of no name', base: 'invoke', patch: ({ name: _n, ...a }) => a },
  { label: 'message edit invoke', base: 'invoke', patch: (a) => ({ ...a, name: 'composeExtension/query', value: { commandId: '$gt' } }) },
  { label: 'message without text', base: 'message', patch: ({ text: _t, ...a }) => a },
  { label: 'message text is a number', base: 'message', patch: (a) => ({ ...a, text: 42 }) },
  { label: 'message text is an object', base: 'message', patch: (a) => ({ ...a, text: { $gt: '' } }) },
  { label: 'message without from', base: 'message', patch: ({ from: _f, ...a }) => a },
  { label: 'message from an operator object', base: 'message', patch: (a) => ({ ...a, from: { id: '29:x', aadObjectId: { $gt: '' } } }) },
  { label: 'message without conversation', base: 'message', patch: ({ conversation: _c, ...a }) => a },
  { label: 'message conversation id is an object', base: 'message', patch: (a) => ({ ...a, conversation: { id: { $gt: '' } } }) },
  { label: 'message of an unknown type', base: 'message', patch: (a) => ({ ...a, type: 'surprise' }) },
  { label: 'activity without type', base: 'message', patch: ({ type: _t, ...a }) => a },
  { label: 'conversation update', base: 'message', patch: (a) => ({ ...a, type: 'conversationUpdate', membersAdded: [{ id: '$gt' }] }) },
  { label: 'message reaction', base: 'message', patch: (a) => ({ ...a, type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }) },
  {
    label: 'message with attachments of junk',
    base: 'message',
    patch: (a) => ({ ...a, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { $where: '1' } }] }),
  },
  {
    label: 'message with entities of junk',
    base: 'message',
    patch: (a) => ({ ...a, entities: [{ type: 'mention', mentioned: { id: { $gt: '' } }, text: 42 }] }),
  },
  { label: 'message with a huge text', base: 'message', patch: (a) => ({ ...a, text: 'compare '.repeat(40_000) }) },
];
