import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local bound to 127.0.0.1 only. Its command line has no host option and its
 * Jetty server listens on every interface; the platform's rule is that nothing listens beyond
 * loopback, so the connector's host is set before the server starts.
 * Run with Java's single-file source launcher: no compile step.
 */
public class LoopbackDynamoDbLocal {
    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        int port = 0;
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost("127.0.0.1");
                port = serverConnector.getPort();
            }
        }
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
        System.out.println("LISTENING 127.0.0.1:" + port);
        System.out.flush();
        proxy.join();
    }
}
