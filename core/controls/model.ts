import type { ActorId, WorkspaceId } from '../ids';

/** Operations an admin can pause. */
export type ControlledOperation = 'promotion.execute';

/** The state of an operational control; absent means running. */
export interface OperationalControl {
  workspaceId: WorkspaceId;
  operation: ControlledOperation;
  paused: boolean;
  reason: string;
  changedBy: ActorId;
  changedAt: Date;
}

/** Operational controls per workspace. */
export interface ControlStore {
  /** The control, or undefined when never set (operation allowed). */
  get(workspaceId: WorkspaceId, operation: ControlledOperation): Promise<OperationalControl | undefined>;
  set(control: OperationalControl): Promise<void>;
}
