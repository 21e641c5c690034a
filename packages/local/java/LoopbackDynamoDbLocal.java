// DynamoDB Local bound to 127.0.0.1 only (its own launcher binds every interface and has no option for it), on the
// port asked for or, with port 0, one the system picks. Prints the port it listens on, so the platform talks to
// this process and no other that may answer elsewhere.
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    // DynamoDB Local's own parser wants a real port; the connector's is replaced below.
    String[] runnerArgs = new String[rest.length + 2];
    runnerArgs[0] = "-port";
    runnerArgs[1] = "8000";
    System.arraycopy(rest, 0, runnerArgs, 2, rest.length);
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(runnerArgs);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    for (Connector connector : jetty.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
      ((ServerConnector) connector).setPort(port);
    }
    proxy.start();
    for (Connector connector : jetty.getConnectors()) {
      System.out.println("NRM-DYNAMODB-LISTENING " + ((ServerConnector) connector).getLocalPort());
    }
    System.out.flush();
    proxy.join();
  }
}
