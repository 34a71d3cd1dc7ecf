import com.almworks.sqlite4java.SQLiteConnection;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local bound to 127.0.0.1 only, alone on its data folder, with its database
 * recovered before it accepts a request.
 *
 * Loopback: the project's rule is that nothing listens beyond loopback, but DynamoDB Local has no
 * host option (its Jetty server is built with {@code new Server(port)}, i.e. every interface). So
 * we build the server exactly as its own main does (ServerRunner, same arguments), reach the
 * private Jetty server by reflection and set each connector's host before it starts.
 *
 * Alone on its folder: DynamoDB Local opens its SQLite database lazily, on the first request, with
 * no busy timeout, and if that first open fails it never tries again: its SQLiteDBAccess records
 * the file as open before opening it and does not forget it when the open throws, so every later
 * request fails with "Database specified by path already in use" (an InternalFailure, "The
 * request processing has failed because of an unknown error"). One SQLITE_BUSY on the first
 * request is enough, and another DynamoDB Local still running on the same folder gives one: the
 * JVM of a platform killed with SIGKILL lives on until its stdin watchdog (below) halts it,
 * and longer if something else still holds its stdin (`npm start` killed while its shell lives).
 * So with -dbPath this launcher first takes an exclusive lock on dynamodb-local.lock in the
 * folder (released by the kernel whenever this process ends, however it ends), waits for the
 * previous holder, and if that holder has been orphaned (its parent gone) and does not halt by
 * itself, kills it. Then it opens each database in the folder once with a busy timeout (which
 * rolls back a hot journal left by a halt mid-write) before Jetty listens, so DynamoDB Local's own
 * first open finds a recovered file nobody else holds.
 *
 * Usage: java -cp "DynamoDBLocal.jar:DynamoDBLocal_lib/*" -Djava.library.path=DynamoDBLocal_lib
 *        LoopbackDynamoDbLocal[.java] <DynamoDB Local arguments, e.g. -port 8000 -inMemory>
 * Prints "WAITING ..." while another process holds the folder, and "LISTENING 127.0.0.1:<port>"
 * once it accepts connections. infra/local/dynamodb-local.ts compiles it once into
 * node_modules/.cache/ (the source launcher costs ~1.3 s a start).
 */
public class LoopbackDynamoDbLocal {
    static final String LOCK_FILE = "dynamodb-local.lock";
    /** How long a holder whose parent is gone may take to halt by itself before it is killed. */
    static final long ORPHAN_GRACE_MS = 5_000;
    /** How long the recovery open waits for a lock some other process (a sqlite3 shell, say) holds. */
    static final int BUSY_TIMEOUT_MS = 20_000;

    /** Held for the life of the process: the kernel releases it when the process ends, even by SIGKILL. */
    static FileChannel folderLockChannel;
    static FileLock folderLock;

    public static void main(String[] args) throws Exception {
        // The parent holds our stdin open; when it dies, even by SIGKILL, stdin ends and so do we.
        // Started first, so a parent that dies while we wait for the folder takes us with it.
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) { }
            } catch (Exception ignored) { }
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        // Never phone home, whatever the caller passed.
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        if (!arguments.contains("-disableTelemetry")) arguments.add("-disableTelemetry");

        // Builds the server (class loading, Jetty) but opens no database yet: DynamoDB Local opens
        // it on the first request, so this may run while an earlier instance still has the folder.
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(arguments.toArray(new String[0]));
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);

        List<ServerConnector> connectors = new ArrayList<>();
        for (Connector connector : jetty.getConnectors()) {
            if (!(connector instanceof ServerConnector serverConnector)) {
                throw new IllegalStateException("Unexpected Jetty connector, refusing to start: " + connector);
            }
            serverConnector.setHost("127.0.0.1");
            connectors.add(serverConnector);
        }
        if (connectors.isEmpty()) throw new IllegalStateException("No Jetty connector found, refusing to start");

        int dbPathAt = arguments.indexOf("-dbPath");
        if (dbPathAt >= 0 && dbPathAt + 1 < arguments.size()) {
            Path folder = Path.of(arguments.get(dbPathAt + 1)).toAbsolutePath();
            lockFolder(folder);
            recoverDatabases(folder);
        }

        proxy.start();
        System.out.println("LISTENING 127.0.0.1:" + connectors.get(0).getLocalPort());
        System.out.flush();
        proxy.join();
    }

    /**
     * Takes the folder's lock, waiting while another process holds it. The holder wrote "pid ppid"
     * into the file; a holder whose parent has gone is a platform's JVM that outlived its platform
     * (it should halt within a second or two): after ORPHAN_GRACE_MS it is killed.
     */
    static void lockFolder(Path folder) throws Exception {
        folder.toFile().mkdirs();
        Path file = folder.resolve(LOCK_FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        long orphanSince = -1;
        String reported = null;
        while (lock == null) {
            String holder = new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            if (!holder.equals(reported)) {
                System.out.println("WAITING for the DynamoDB Local that still has " + folder + " open (pid " + (holder.isEmpty() ? "unknown" : holder.split("\\s+")[0]) + ")");
                System.out.flush();
                reported = holder;
                orphanSince = -1;
            }
            Optional<ProcessHandle> orphan = orphanedHolder(holder, folder);
            if (orphan.isEmpty()) {
                orphanSince = -1;
            } else if (orphanSince < 0) {
                orphanSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - orphanSince > ORPHAN_GRACE_MS) {
                System.out.println("KILLING pid " + orphan.get().pid() + ": its parent is gone and it still holds " + folder);
                System.out.flush();
                orphan.get().destroyForcibly();
                orphanSince = System.currentTimeMillis();
            }
            Thread.sleep(100);
            lock = channel.tryLock();
        }
        String me = ProcessHandle.current().pid() + " " + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        folderLockChannel = channel;
        folderLock = lock;
    }

    /**
     * The holder named in the lock file, if it is one of these launchers on this folder whose
     * parent (as it recorded at start) is no longer alive. Anything else is left alone.
     */
    static Optional<ProcessHandle> orphanedHolder(String holder, Path folder) {
        String[] ids = holder.split("\\s+");
        if (ids.length != 2) return Optional.empty();
        try {
            long pid = Long.parseLong(ids[0]);
            long parent = Long.parseLong(ids[1]);
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) return Optional.empty();
            if (ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) return Optional.empty();
            String command = String.join(" ", handle.get().info().arguments().orElse(new String[0]));
            if (!command.contains(LoopbackDynamoDbLocal.class.getSimpleName()) || !command.contains(folder.toString())) return Optional.empty();
            return handle;
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Opens each database in the folder once, as DynamoDB Local will, but waiting out a lock: the
     * first read rolls back a hot journal a halt mid-transaction left. Exits with the error if a
     * database cannot be opened, rather than let DynamoDB Local fail on it for good.
     */
    static void recoverDatabases(Path folder) throws Exception {
        File[] databases = folder.toFile().listFiles((dir, name) -> name.endsWith(".db"));
        if (databases == null || databases.length == 0) return;
        // Loads the SQLite native library the way DynamoDB Local does, before sqlite4java is used.
        Class.forName("software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteDBAccess", true, LoopbackDynamoDbLocal.class.getClassLoader());
        java.util.logging.Logger.getLogger("com.almworks.sqlite4java").setLevel(java.util.logging.Level.WARNING);
        for (File database : databases) {
            SQLiteConnection connection = new SQLiteConnection(database);
            try {
                connection.open(false);
                connection.setBusyTimeout(BUSY_TIMEOUT_MS);
                connection.exec("SELECT count(*) FROM sqlite_master");
            } catch (Exception e) {
                System.err.println("DynamoDB Local cannot open " + database + ": " + e);
                System.err.flush();
                System.exit(1);
            } finally {
                connection.dispose();
            }
        }
    }
}
