import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * Starts mongo-java-server (in-memory backend) on 127.0.0.1 for the Node process that spawned it.
 *
 * Usage: java -cp ... MongoLauncher [port]   (port 0 or omitted = any free port)
 *
 * Protocol with the parent: exactly one line "LISTENING <port>" on stdout once the socket is bound.
 * The server exits when stdin reaches EOF (the parent closed it or died) or on SIGTERM,
 * so it can never outlive the process that started it.
 */
public final class MongoLauncher {

    /**
     * The Node driver 7 rejects servers below wire version 9 (MongoDB 4.4), and the
     * built-in ServerVersion enum tops out at wire version 8, so we announce 4.4 ourselves.
     */
    enum Mongo44 implements MongoVersion {
        INSTANCE;

        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 4, 0);
        }

        @Override
        public int getWireVersion() {
            return 9;
        }
    }

    /** mongo-java-server only knows the legacy "isMaster"; answer "hello" the same way. */
    static final class Backend extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            if (command.equalsIgnoreCase("hello")) {
                Document response = super.handleCommand(channel, databaseName, "isMaster", query);
                response.put("isWritablePrimary", Boolean.TRUE);
                return response;
            }
            return super.handleCommand(channel, databaseName, command, query);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        // Keep stdout exclusively for the LISTENING line; anything else (library output) goes to stderr.
        PrintStream protocol = System.out;
        System.setOut(System.err);

        Backend backend = new Backend();
        backend.version(Mongo44.INSTANCE);
        MongoServer server = new MongoServer(backend);
        // One boss + ONE worker thread: every command then runs on a single event-loop thread,
        // so findAndModify is atomic across connections (Agenda's job locking depends on it).
        server.bind(new InetSocketAddress("127.0.0.1", port), 1, 1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-launcher-shutdown"));

        protocol.println("LISTENING " + server.getLocalAddress().getPort());
        protocol.flush();

        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) != -1) {
            // the parent never writes; we only wait for EOF
        }
        System.exit(0); // runs the shutdown hook
    }
}
