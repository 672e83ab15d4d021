// The Microsoft 365 Agents Playground (the `agentsplayground` CLI) as a child process on a free loopback port.
// It serves its chat UI and a mocked Bot Framework connector; it needs no credentials and no network.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The playground context (users, chats, team) that makes the person chatting the demo operator. */
export const PLAYGROUND_CONFIG = fileURLToPath(new URL('./m365agentsplayground.yml', import.meta.url));

/** A running playground: the page to open, everything it printed, and how to stop it. */
export interface RunningPlayground {
  url: string;
  output: string[];
  stop(): Promise<void>;
}

/** How to start it: the bot's messaging endpoint and where the playground writes its own log. */
export interface PlaygroundOptions {
  botEndpoint: string;
  logFile: string;
  startTimeoutMs?: number;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function cliPath(): string {
  const manifest = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json');
  return path.join(path.dirname(manifest), 'cli.js');
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

/**
 * Starts the playground in the msteams channel against `botEndpoint` and resolves once it listens.
 * TEAMSAPPTESTER_BROWSER=none keeps it from opening a browser; telemetry is off, so it sends nothing out.
 */
export async function startPlayground(opts: PlaygroundOptions): Promise<RunningPlayground> {
  mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const requested = await freePort();
  const child = spawn(
    process.execPath,
    [cliPath(), '-e', opts.botEndpoint, '-c', 'msteams', '-p', String(requested), '--disable-telemetry'],
    {
      // Its own working directory: it would otherwise look there for a config file and create devTools/.
      cwd: tmpdir(),
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
        M365_AGENTS_PLAYGROUND_LOGFILE: opts.logFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  // Should the test process die first, the playground must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
  };
  try {
    // It falls back to a random port when the requested one was taken meanwhile, so read the one it reports.
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Agents Playground did not start within ${opts.startTimeoutMs ?? 30_000} ms:\n${output.join('')}`)),
        opts.startTimeoutMs ?? 30_000,
      );
      const onData = (chunk: Buffer) => {
        output.push(chunk.toString());
        const match = /Listening on (\d+)/.exec(output.join(''));
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Agents Playground exited with ${code}:\n${output.join('')}`));
      });
    });
    return { url: `http://127.0.0.1:${port}/`, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
