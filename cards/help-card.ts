import { execute, type ExecuteItem } from './actions';
import { renderCard, type CardAttachment } from './render';
import template from './templates/help.json';
import { clip } from './text';

/** One command as the help card lists it. */
export interface HelpCommandView {
  /** e.g. `compare «source» to «target» [types «type, …»] [without assignments]`. */
  usage: string;
  /** One line saying what the command does. */
  description: string;
  /** One complete command to copy, e.g. `compare Contoso Staging to Contoso Production`. */
  example?: string;
}

/** What the help card shows: the commands the bot understands. */
export interface HelpCardView {
  commands: HelpCommandView[];
}

const MAX_COMMANDS = 25;

/** The help card's buttons: the commands an operator starts with, runnable without typing. */
export const HELP_ACTIONS: ExecuteItem[] = [
  execute('Compare tenants', { verb: 'tenants.page', data: { filter: '', page: 1 } }, 'positive'),
  execute('Recent runs', { verb: 'runs.page', data: { page: 1 } }),
];

/** The "TenantAtlas" help card: every command with its usage, what it does and an example to copy. */
export function helpCard(view: HelpCardView): CardAttachment {
  return renderCard(template, {
    title: 'TenantAtlas',
    intro: 'Compare Intune configuration between tenants and promote what is ready. Type a command, or start with a button below. Words in «» are yours to fill in; [ ] marks optional parts.',
    commands: view.commands.slice(0, MAX_COMMANDS).map((c) => ({
      usage: clip(c.usage, 200),
      description: clip(c.description, 300),
      example: c.example ? `Example: ${clip(c.example, 200)}` : '',
    })),
    actions: HELP_ACTIONS,
  });
}
