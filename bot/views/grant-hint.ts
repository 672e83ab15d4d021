import type { BotRequest } from '../turn';

const MAX_NAMED_ADMINS = 3;

/**
 * Who can grant a missing permission: the workspace's admins by name when the directory knows them
 * ("Ask a workspace admin (Megan Bowen or Alex Wilber) to grant it."), else the role alone.
 */
export async function grantHint(req: BotRequest): Promise<string> {
  const members = await req.deps.directory.listMembers(req.ctx.workspace.id);
  const admins = members
    .filter((m) => m.workspaceCapabilities.includes('WORKSPACE_ADMIN') && m.actorId !== req.ctx.actor.id)
    .map((m) => m.displayName)
    .slice(0, MAX_NAMED_ADMINS);
  return admins.length > 0 ? `Ask a workspace admin (${admins.join(' or ')}) to grant it.` : 'Ask a workspace admin to grant it.';
}
