// Lint: typescript-eslint's recommended rules, plus the dependency direction of the layers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (from, forbidden, message) => ({
  files: [`${from}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', '.cache/**', '.data/**', 'manifest/build/**', 'test/mongo-server/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  layer('core', ['**/bot/**', '**/cards/**', '**/jobs/**', 'botbuilder*', '@microsoft/teams-ai', 'agenda', '@agendajs/*', 'restify'], 'core/ is the domain: it never imports the bot, cards, jobs or their frameworks.'),
  layer('cards', ['**/bot/**', '**/jobs/**', 'botbuilder*', '@microsoft/teams-ai', 'agenda', 'mongodb'], 'cards/ turns view models into card JSON and knows nothing else.'),
  layer('jobs', ['**/bot/**', '**/cards/**', 'botbuilder*', '@microsoft/teams-ai', 'restify'], 'jobs/ wires Agenda to core; the bot is reached through ports.'),
);
