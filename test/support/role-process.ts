// A TenantAtlas process (bot/main.ts, as `npm start` runs it) in a given ROLE, so harnesses can run several instances
// side by side on one MongoDB and SIGKILL or SIGTERM exactly one of them.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Only what Node and tsx need from the parent: no configuration leaks in from the developer's shell. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot'];

export type Role = 'all' | 'web' | 'worker' | 'sandbox';

/** One process; its stdout and stderr lines go to `logs` (prefixed with `label` when given) and to `lines`. */
export class RoleProcess {
  readonly lines: string[] = [];
  private readonly exited: Promise<number | null>;
  private readonly waiters: (() => void)[] = [];

  private constructor(
    readonly role: Role,
    private readonly child: ChildProcess,
    logs: string[],
    label?: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const collect = (chunk: Buffer) => {
      const lines = chunk.toString('utf8').split('\n').filter(Boolean);
      this.lines.push(...lines);
      logs.push(...(label ? lines.map((l) => `[${label}] ${l}`) : lines));
      this.waiters.splice(0).forEach((w) => w());
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
  }

  /** Starts `bot/main.ts` with ROLE=`role` and exactly `env` (plus PATH and friends); PORT defaults to any free one. */
  static start(role: Role, env: Record<string, string>, logs: string[] = [], label?: string): RoleProcess {
    const inherited = Object.fromEntries(INHERITED.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...inherited, PORT: '0', ...env, ROLE: role },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new RoleProcess(role, child, logs, label);
  }

  /** The process id (to kill exactly this process and nothing else). */
  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** False once the process exited or was killed. */
  get alive(): boolean {
    return this.running;
  }

  /** Resolves once a worker says it processes jobs (a cold tsx start on a busy machine takes seconds). */
  async ready(timeoutMs = 60_000): Promise<void> {
    await this.waitForLine(/"event":"worker\.started"/, timeoutMs);
  }

  /** Waits for a log line matching `pattern` (already logged or to come) and returns its match. */
  async waitForLine(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.lines) {
        const match = pattern.exec(line);
        if (match) return match;
      }
      if (!this.running) throw new Error(`${this.role} process exited before logging ${pattern}: ${this.lines.slice(-10).join('\n')}`);
      if (Date.now() > deadline)
        throw new Error(`${this.role} process did not log ${pattern} within ${timeoutMs} ms: ${this.lines.slice(-10).join('\n')}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  /** SIGKILL: no shutdown hook runs, the Agenda lock stays behind as after a crash. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the process drains and exits; SIGKILL after `graceMs`. Resolves when it has exited. */
  async stop(graceMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
