// Offline fallback: mongo-java-server started through the small Java launcher in test/mongo-server/,
// with its in-memory backend (tests) or its H2 MVStore backend (demo data kept in a file across restarts).
// Built on first use with Maven (dependency jars) + javac.
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface JavaServer {
  uri: string;
  /** The Java process (a fault scenario pauses it with SIGSTOP to make the store unreachable). */
  pid: number;
  stop(): Promise<void>;
}

// The cache directory is named after a hash of pom.xml + launcher source, so editing either
// triggers a rebuild, and a half-finished build (built in a temp dir, renamed last) is never used.
async function ensureBuilt(root: string, log: (msg: string) => void): Promise<string> {
  const projectDir = path.join(root, 'test', 'mongo-server');
  const pom = path.join(projectDir, 'pom.xml');
  const source = path.join(projectDir, 'src', 'main', 'java', 'MongoLauncher.java');
  const hash = createHash('sha256')
    .update(await fs.readFile(pom))
    .update(await fs.readFile(source))
    .digest('hex')
    .slice(0, 16);
  const cacheRoot = path.join(root, '.cache', 'mongo-server');
  const buildDir = path.join(cacheRoot, hash);
  if (await exists(path.join(buildDir, 'stamp'))) return buildDir;

  log('building the offline MongoDB server (mongo-java-server via Maven + javac), once...');
  const started = Date.now();
  await fs.mkdir(cacheRoot, { recursive: true });
  const tmp = await fs.mkdtemp(path.join(cacheRoot, 'tmp-'));
  try {
    await run(
      'mvn',
      ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${path.join(tmp, 'lib')}`, '-DincludeScope=runtime'],
      { cwd: projectDir, timeout: 300_000, maxBuffer: 16 << 20 },
    );
    await run('javac', ['--release', '17', '-cp', path.join(tmp, 'lib', '*'), '-d', path.join(tmp, 'classes'), source], {
      timeout: 120_000,
    });
    await fs.writeFile(path.join(tmp, 'stamp'), `${hash}\n`);
    // Another process may have finished the same build first; theirs is just as good.
    await fs.rename(tmp, buildDir).catch(async (err) => {
      if (!(await exists(path.join(buildDir, 'stamp')))) throw err;
    });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`building mongo-java-server failed: ${(e.stderr || e.stdout || e.message).trim().slice(-2000)}`);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  log(`built the offline MongoDB server in ${((Date.now() - started) / 1000).toFixed(1)} s (cached in ${path.relative(root, buildDir)})`);
  return buildDir;
}

export async function startMongoJavaServer(opts: {
  root: string;
  log: (msg: string) => void;
  port?: number;
  /** An H2 MVStore file to keep the data in (created when missing); omitted = in-memory, lost on exit. */
  h2File?: string;
}): Promise<JavaServer> {
  const buildDir = await ensureBuilt(opts.root, opts.log);
  const classpath = [path.join(buildDir, 'classes'), path.join(buildDir, 'lib', '*')].join(path.delimiter);
  const child = spawn(
    'java',
    [
      // Startup time matters more than peak throughput for a test/demo database.
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      '-Xss1m',
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      '-cp',
      classpath,
      'MongoLauncher',
      String(opts.port ?? 0),
      ...(opts.h2File ? ['h2', opts.h2File] : ['memory']),
    ],
    // stdin stays open as a lifeline: when this process dies the pipe closes and the server exits.
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderrTail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('mongo-java-server did not report LISTENING within 30 s')), 30_000);
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^LISTENING (\d+)$/.exec(line.trim());
      if (m) {
        clearTimeout(timer);
        lines.close();
        resolve(Number(m[1]));
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`mongo-java-server exited with code ${code} before listening: ${stderrTail.trim()}`));
    });
  }).catch((err: Error) => {
    child.kill('SIGKILL');
    throw err;
  });

  // Never keep the Node event loop alive just because the database is running.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void }).unref?.();

  return {
    uri: `mongodb://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}
