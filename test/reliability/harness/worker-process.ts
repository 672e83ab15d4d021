// A `ROLE=worker` TenantAtlas in a child process (bot/main.ts, as `npm start` runs it), so a scenario can SIGKILL it.
import { RoleProcess } from '../../support/role-process';

/** One worker process; its stdout and stderr lines go to `logs`. */
export const WorkerProcess = {
  start: (env: Record<string, string>, logs: string[] = []): RoleProcess => RoleProcess.start('worker', env, logs),
};
export type WorkerProcess = RoleProcess;
