// A loopback TCP relay that can cut a process off from its MongoDB: every open connection is reset and new ones are
// refused until `restore`. Gives one worker a store connection that fails while the others' keep working.
import net, { type Socket } from 'node:net';

export interface TcpCut {
  /** `mongodb://127.0.0.1:<port>`: the relay, to put in that worker's MONGODB_URI. */
  uri: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpCut(upstreamUri: string): Promise<TcpCut> {
  const m = /^mongodb:\/\/([^/:?]+):(\d+)/.exec(upstreamUri);
  if (!m) throw new Error(`the relay needs a mongodb://host:port uri, not ${upstreamUri}`);
  const [, host, port] = m;
  const open = new Set<Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) return void client.resetAndDestroy();
    const upstream = net.connect(Number(port), host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    uri: `mongodb://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut() {
      cut = true;
      for (const socket of open) socket.resetAndDestroy();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
