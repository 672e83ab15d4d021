// A `ROLE=worker` TenantAtlas in a child process (bot/main.ts, as `npm start` runs it), so a scenario can SIGKILL it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Only what Node and tsx need from the parent: no configuration leaks in from the developer's shell. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot'];

/** One worker process; its stdout and stderr lines go to `logs`. */
export class WorkerProcess {
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly logs: string[],
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const collect = (chunk: Buffer) => logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
  }

  /** Starts `bot/main.ts` with ROLE=worker and exactly `env` (plus PATH and friends). */
  static start(env: Record<string, string>, logs: string[] = []): WorkerProcess {
    const inherited = Object.fromEntries(INHERITED.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...inherited, ...env, ROLE: 'worker', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new WorkerProcess(child, logs);
  }

  /** Resolves once the worker says it processes jobs (a cold tsx start on a busy machine takes seconds). */
  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.logs.some((line) => line.includes(`-${this.pid} is processing jobs`))) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`worker ${this.pid} exited before it was ready`);
      if (Date.now() > deadline) throw new Error(`worker ${this.pid} not ready within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** False once the process exited or was killed. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The process id (to kill exactly this process and nothing else). */
  get pid(): number {
    return this.child.pid!;
  }

  /** SIGKILL: no shutdown hook runs, the Agenda lock stays behind as after a crash. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the worker drains and exits; SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
