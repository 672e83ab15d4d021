import { renderCard, type CardAttachment } from './render';
import template from './templates/help.json';
import { clip } from './text';

/** One command as the help card lists it. */
export interface HelpCommandView {
  /** e.g. `compare <source> to <target> [types <type,...>] [without assignments]`. */
  usage: string;
  /** One line saying what the command does. */
  description: string;
}

/** What the help card shows: the commands the bot understands. */
export interface HelpCardView {
  commands: HelpCommandView[];
}

const MAX_COMMANDS = 25;

/** The "TenantAtlas" help card: every command with its usage and a one-line description. */
export function helpCard(view: HelpCardView): CardAttachment {
  return renderCard(template, {
    title: 'TenantAtlas',
    intro: 'Compare Intune configuration between tenants and promote what is ready. Commands:',
    commands: view.commands.slice(0, MAX_COMMANDS).map((c) => ({ usage: clip(c.usage, 200), description: clip(c.description, 300) })),
  });
}
