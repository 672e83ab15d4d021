import type { Activity } from 'botbuilder';
import { ActorId } from '../core/ids';

/** The demo member anyone unknown acts as in demo mode, so the Emulator and Agents Playground work out of the box. */
export const DEMO_FALLBACK_ACTOR = 'demo-operator';

/** Known demo members: in demo mode a request naming one of them acts as that member. */
const DEMO_MEMBERS = new Set(['demo-operator', 'demo-viewer', 'demo-approver', 'demo-admin', 'demo-fabrikam']);

/**
 * The Entra object id of the person behind an activity. Teams always sends `from.aadObjectId`;
 * in demo mode, anyone who is not a demo member acts as the demo operator.
 */
export function actorIdOf(activity: Partial<Activity>, demoMode: boolean): ActorId | undefined {
  const aadObjectId = activity.from?.aadObjectId;
  if (!demoMode) return aadObjectId ? ActorId(aadObjectId) : undefined;
  return ActorId(aadObjectId && DEMO_MEMBERS.has(aadObjectId) ? aadObjectId : DEMO_FALLBACK_ACTOR);
}
