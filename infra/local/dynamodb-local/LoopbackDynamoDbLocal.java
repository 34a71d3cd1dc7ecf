import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local bound to 127.0.0.1 only.
 *
 * Why: the project's rule is that nothing listens beyond loopback, but DynamoDB Local has no host
 * option (its Jetty server is built with {@code new Server(port)}, i.e. every interface). So we
 * build the server exactly as its own main does (ServerRunner, same arguments), reach the private
 * Jetty server by reflection and set each connector's host before it starts.
 *
 * Usage: java -cp "DynamoDBLocal.jar:DynamoDBLocal_lib/*" -Djava.library.path=DynamoDBLocal_lib
 *        LoopbackDynamoDbLocal[.java] <DynamoDB Local arguments, e.g. -port 8000 -inMemory>
 * Prints "LISTENING 127.0.0.1:<port>" once it accepts connections. infra/local/dynamodb-local.ts
 * compiles it once into node_modules/.cache/ (the source launcher costs ~1.3 s a start).
 */
public class LoopbackDynamoDbLocal {
    public static void main(String[] args) throws Exception {
        // Never phone home, whatever the caller passed.
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        if (!arguments.contains("-disableTelemetry")) arguments.add("-disableTelemetry");

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

        // The parent holds our stdin open; when it dies, even by SIGKILL, stdin ends and so do we.
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) { }
            } catch (Exception ignored) { }
            Runtime.getRuntime().halt(0);
        });
        watchdog.setDaemon(true);
        watchdog.start();

        proxy.start();
        System.out.println("LISTENING 127.0.0.1:" + connectors.get(0).getLocalPort());
        System.out.flush();
        proxy.join();
    }
}
