// Second choice: a real mongod through mongodb-memory-server. The binary is downloaded once
// (cached under node_modules/.cache or ~/.cache); without internet that download would retry
// for minutes, so when no binary is cached we first send one HEAD request for the archive it
// would fetch, with a short timeout, and give up immediately unless that answers 2xx/3xx.
import { promises as fs } from 'node:fs';
import net from 'node:net';
import https from 'node:https';

export interface MemoryServer {
  uri: string;
  stop(): Promise<void>;
}

export type MemoryServerAttempt = { ok: true; server: MemoryServer } | { ok: false; reason: string };

const PROBE_TIMEOUT_MS = 2_500;

export async function tryMemoryServer(opts: { dataDir?: string; log: (msg: string) => void }): Promise<MemoryServerAttempt> {
  let mms: typeof import('mongodb-memory-server');
  try {
    // Dev dependency: absent in a production install, which simply skips this option.
    mms = await import('mongodb-memory-server');
  } catch {
    return { ok: false, reason: 'mongodb-memory-server is not installed' };
  }
  const { MongoMemoryServer, DryMongoBinary } = mms;

  try {
    const binaryOpts = await DryMongoBinary.generateOptions();
    const cached = await DryMongoBinary.locateBinary(binaryOpts);
    if (!cached) {
      const started = Date.now();
      const unreachable = await probeDownload(await downloadUrl(binaryOpts));
      const ms = Date.now() - started;
      if (unreachable) {
        return { ok: false, reason: `no cached mongod ${binaryOpts.version} and it cannot be downloaded (${unreachable}, ${ms} ms)` };
      }
      opts.log(`downloading mongod ${binaryOpts.version} for mongodb-memory-server (once)...`);
    }

    if (opts.dataDir) await fs.mkdir(opts.dataDir, { recursive: true });
    const server = await MongoMemoryServer.create({
      instance: {
        ip: '127.0.0.1',
        // wiredTiger (not the in-memory engine) so a dataDir really survives restarts.
        storageEngine: 'wiredTiger',
        ...(opts.dataDir ? { dbPath: opts.dataDir } : {}),
      },
    });
    return {
      ok: true,
      server: {
        uri: server.getUri(),
        async stop() {
          // doCleanup only removes a temp dbPath; a caller-provided dataDir is kept (force: false).
          await server.stop({ doCleanup: true, force: false });
        },
      },
    };
  } catch (err) {
    return { ok: false, reason: `mongodb-memory-server failed: ${(err as Error).message.split('\n')[0]}` };
  }
}

type BinaryOpts = Awaited<ReturnType<(typeof import('mongodb-memory-server'))['DryMongoBinary']['generateOptions']>>;

/** The archive mongodb-memory-server would fetch; falls back to the mirror root if that helper moves. */
async function downloadUrl(opts: BinaryOpts): Promise<URL> {
  try {
    const { MongoBinaryDownloadUrl } = await import('mongodb-memory-server-core/lib/util/MongoBinaryDownloadUrl.js');
    return new URL(await new MongoBinaryDownloadUrl(opts).getDownloadUrl());
  } catch {
    return new URL(process.env.MONGOMS_DOWNLOAD_URL || process.env.MONGOMS_DOWNLOAD_MIRROR || 'https://fastdl.mongodb.org/');
  }
}

/** Resolves to undefined when the archive (or the configured proxy) answers, else to why not. */
async function probeDownload(target: URL): Promise<string | undefined> {
  const proxy =
    process.env.https_proxy || process.env.HTTPS_PROXY || process.env.http_proxy || process.env.HTTP_PROXY || process.env.npm_config_proxy;
  if (proxy) {
    // The download goes through the proxy; a TCP connect is the cheapest honest check.
    const u = new URL(proxy);
    return tcpProbe(u.hostname, Number(u.port) || (u.protocol === 'https:' ? 443 : 80));
  }
  return new Promise((resolve) => {
    const done = (reason: string | undefined) => {
      clearTimeout(timer);
      resolve(reason);
    };
    // rejectUnauthorized mirrors mongodb-memory-server, which only verifies TLS under npm strict-ssl.
    const req = https.request(target, { method: 'HEAD', rejectUnauthorized: process.env.npm_config_strict_ssl === 'true' }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      done(status < 400 ? undefined : `${target.host}: HTTP ${status} for ${target.pathname}`);
    });
    // One deadline for DNS + connect + TLS + headers (a socket idle timeout can fire per phase).
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    req.on('error', (err: NodeJS.ErrnoException) => done(`${target.host}: ${err.code ?? err.message}`));
    req.end();
  });
}

function tcpProbe(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: PROBE_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(`proxy ${host}:${port}: timeout`);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(`proxy ${host}:${port}: ${err.code ?? err.message}`));
  });
}
