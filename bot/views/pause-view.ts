import type { PauseView } from '../../cards/pause-banner';
import type { OperationalControl } from '../../core/controls/model';
import { promotionControl } from '../../core/workflows/operational-controls';
import { memberNames } from '../handlers/admin';
import type { BotRequest } from '../turn';

/** The pause as cards show it, with the admin's display name; undefined when promotions run. */
export async function pauseView(req: BotRequest, known?: OperationalControl): Promise<PauseView | undefined> {
  const control = known ?? (await promotionControl(req.deps, req.ctx));
  if (!control?.paused) return undefined;
  const name = await memberNames(req);
  return { byName: name(control.changedBy), reason: control.reason, since: control.changedAt };
}
