import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * Starts mongo-java-server on 127.0.0.1 for the Node process that spawned it.
 *
 * Usage: java -cp ... MongoLauncher [port] [memory | h2 <file>]
 *   port 0 or omitted = any free port; backend "memory" (default) keeps nothing, "h2" keeps the data in an
 *   H2 MVStore file (created with its folder when missing) so it survives restarts.
 *
 * Protocol with the parent: exactly one line "LISTENING <port>" on stdout once the socket is bound.
 * The server exits when stdin reaches EOF (the parent closed it or died) or on SIGTERM,
 * so it can never outlive the process that started it. The shutdown hook closes the backend, which
 * commits the H2 file.
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

    /** mongo-java-server only knows the legacy "isMaster"; both backends answer "hello" the same way. */
    interface HelloCommand {
        Document handle(Channel channel, String databaseName, String command, Document query);

        static Document answer(HelloCommand backend, Channel channel, String databaseName, String command, Document query) {
            if (command.equalsIgnoreCase("hello")) {
                Document response = backend.handle(channel, databaseName, "isMaster", query);
                response.put("isWritablePrimary", Boolean.TRUE);
                return response;
            }
            return backend.handle(channel, databaseName, command, query);
        }
    }

    static final class Memory extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            return HelloCommand.answer(super::handleCommand, channel, databaseName, command, query);
        }
    }

    static final class H2 extends H2Backend {
        H2(String file) {
            super(file);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            return HelloCommand.answer(super::handleCommand, channel, databaseName, command, query);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        String kind = args.length > 1 ? args[1] : "memory";
        // Keep stdout exclusively for the LISTENING line; anything else (library output) goes to stderr.
        PrintStream protocol = System.out;
        System.setOut(System.err);

        AbstractMongoBackend backend;
        if (kind.equals("h2")) {
            if (args.length < 3) throw new IllegalArgumentException("the h2 backend needs a data file: MongoLauncher <port> h2 <file>");
            Path file = Path.of(args[2]).toAbsolutePath();
            Files.createDirectories(file.getParent());
            backend = new H2(file.toString());
        } else if (kind.equals("memory")) {
            backend = new Memory();
        } else {
            throw new IllegalArgumentException("unknown backend " + kind + " (memory or h2)");
        }
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
