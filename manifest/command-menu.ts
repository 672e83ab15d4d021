import { COMMAND_USAGE, type CommandName } from '../bot/commands/grammar';

/** Limits Teams applies to a bot's command menu (stricter than the manifest schema, which allows 12 and 128/4000). */
export const TEAMS_COMMAND_LIMITS = { commands: 10, title: 32, description: 128 } as const;

/** One entry of a bot command list as the manifest declares it. */
export type BotCommand = { title: string; description: string };

/** What the grammar knows about one command: how it is typed and what it does. */
export type CommandHelp = { usage: string; description: string; example?: string };

/**
 * The ten commands offered in the Teams command menu, most used first. Pause and resume are emergency switches for
 * admins; unmap is taught by the mappings card, undo by the run card's button, watches and unwatch by the watch answer;
 * all stay reachable through `help`.
 */
export const MENU_COMMANDS: readonly CommandName[] = [
  'compare', 'tenants', 'sync', 'runs', 'run', 'map', 'mappings', 'watch', 'audit', 'help',
];

/** The menu derived from the grammar's usage table: title is what the user types first, description says the rest. */
export function commandMenu(
  usage: Readonly<Record<string, CommandHelp>> = COMMAND_USAGE,
  menu: readonly string[] = MENU_COMMANDS,
): BotCommand[] {
  return menu.slice(0, TEAMS_COMMAND_LIMITS.commands).map((name) => {
    const help = usage[name];
    if (!help) throw new Error(`The command menu names "${name}", which the grammar does not know.`);
    return { title: fit(commandTitle(help.usage), TEAMS_COMMAND_LIMITS.title), description: describe(help) };
  });
}

/** The literal words of a usage before its first argument: `pause promotions [«reason»]` gives `pause promotions`. */
export function commandTitle(usage: string): string {
  return usage.split(/\s+[<[«]/)[0]!.trim();
}

/** Problems of one command list against the Teams limits; empty when it fits. */
export function commandListProblems(commands: readonly { title: string; description?: string }[]): string[] {
  const problems = commands.length > TEAMS_COMMAND_LIMITS.commands
    ? [`${commands.length} commands (at most ${TEAMS_COMMAND_LIMITS.commands})`]
    : [];
  for (const { title, description = '' } of commands) {
    if (title.length === 0 || title.length > TEAMS_COMMAND_LIMITS.title) problems.push(`title "${title}" is ${title.length} characters (1 to ${TEAMS_COMMAND_LIMITS.title})`);
    if (description.length > TEAMS_COMMAND_LIMITS.description) problems.push(`description of "${title}" is ${description.length} characters (at most ${TEAMS_COMMAND_LIMITS.description})`);
  }
  return problems;
}

/** The usage teaches the arguments, so it leads when both fit; otherwise the description alone. */
function describe({ usage, description }: CommandHelp): string {
  const hasArguments = commandTitle(usage) !== usage.trim();
  const full = hasArguments ? `${usage} — ${description}` : description;
  return fit(full.length <= TEAMS_COMMAND_LIMITS.description ? full : description, TEAMS_COMMAND_LIMITS.description);
}

function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}
