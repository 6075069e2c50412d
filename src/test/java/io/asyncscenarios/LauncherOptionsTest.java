package io.asyncscenarios;

import io.asyncscenarios.param.ConfigException;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LauncherOptionsTest {

  @TempDir
  Path dir;

  private static String refusal(String value) {
    return assertThrows(ConfigException.class, () -> LauncherOptions.vertxOptions(value)).getMessage();
  }

  @Test
  void acceptsInlineJsonAndAFileAndGivesWhatVertxWillUse() throws Exception {
    assertEquals(new JsonObject().put("eventLoopPoolSize", 2), LauncherOptions.vertxOptions(" {\"eventLoopPoolSize\": 2} "));
    Path file = dir.resolve("vertx.json");
    Files.writeString(file, "{\"workerPoolSize\":8,\"blockedThreadCheckIntervalUnit\":\"SECONDS\",\"eventBusOptions\":{\"port\":5000}}");
    JsonObject json = LauncherOptions.vertxOptions(file.toString());
    assertEquals(8, new VertxOptions(json).getWorkerPoolSize());
    assertEquals(5000, new VertxOptions(json).getEventBusOptions().getPort());
    // 4.0 is the whole number 4, as Vert.x reads it.
    LauncherOptions.vertxOptions("{\"eventLoopPoolSize\":4.0}");
  }

  @Test
  void refusesPoolSizesVertxWouldDieOnOrCannotCreate() {
    for (String key : new String[] {"eventLoopPoolSize", "workerPoolSize", "internalBlockingPoolSize"}) {
      assertEquals("option '-options': " + key + ": expected a whole number >= 1 and <= " + (key.equals("eventLoopPoolSize") ? 1024 : Integer.MAX_VALUE)
        + ", got 0", refusal("{\"" + key + "\":0}"));
    }
    assertEquals("option '-options': eventLoopPoolSize: expected a whole number >= 1 and <= 1024, got -1", refusal("{\"eventLoopPoolSize\":-1}"));
    // Netty opens every event loop's selector at once: 20,000 run out of file descriptors.
    assertEquals("option '-options': eventLoopPoolSize: expected a whole number >= 1 and <= 1024, got 100000",
      refusal("{\"eventLoopPoolSize\":100000}"));
    // Vert.x would take 1.5 as 1, 4294967297 as 1 and ignore "4".
    assertEquals("option '-options': eventLoopPoolSize: expected a whole number >= 1 and <= 1024, got 1.5", refusal("{\"eventLoopPoolSize\":1.5}"));
    assertEquals("option '-options': workerPoolSize: expected a whole number >= 1 and <= 2147483647, got 4294967297",
      refusal("{\"workerPoolSize\":4294967297}"));
    assertEquals("option '-options': eventLoopPoolSize: expected a whole number >= 1 and <= 1024, got \"4\"", refusal("{\"eventLoopPoolSize\":\"4\"}"));
    assertEquals("option '-options': blockedThreadCheckInterval: expected a whole number >= 1, got 0", refusal("{\"blockedThreadCheckInterval\":0}"));
  }

  @Test
  void refusesWhatVertxWouldSilentlyIgnore() {
    assertEquals("option '-options': Vert.x ignores the key 'eventLoopPoolSIze' (did you mean 'eventLoopPoolSize'?): it is unknown, or its value"
      + " has the wrong type", refusal("{\"eventLoopPoolSIze\":4}"));
    assertEquals("option '-options': Vert.x ignores the key 'eventBusOptions.prot' (did you mean 'port'?): it is unknown, or its value has the"
      + " wrong type", refusal("{\"eventBusOptions\":{\"prot\":5000}}"));
    assertEquals("option '-options': haEnabled: expected true or false, got \"yes\"; Vert.x would use false instead", refusal("{\"haEnabled\":\"yes\"}"));
  }

  @Test
  void refusesValuesVertxRefusesNamingTheKey() {
    assertEquals("option '-options': maxEventLoopExecuteTimeUnit: Vert.x refuses \"seconds\": No enum constant java.util.concurrent.TimeUnit.seconds",
      refusal("{\"maxEventLoopExecuteTimeUnit\":\"seconds\"}"));
    assertEquals("option '-options': eventBusOptions: Vert.x refuses {\"port\":70000}: clusterPort p must be in range 0 <= p <= 65535",
      refusal("{\"eventBusOptions\":{\"port\":70000}}"));
  }

  @Test
  void refusesWhatIsNotAJsonObjectOrARegularFileOfAtMostOneMebibyte() throws Exception {
    assertEquals("option '-options': invalid JSON (Unexpected character ('b' (code 98)): was expecting double-quote to start field name)",
      refusal("{bad"));
    assertEquals("option '-options': expected a JSON object, got [1]", refusal("[1]"));
    assertEquals("option '-options': expected a JSON file or inline JSON, got an empty value", refusal(" "));
    assertEquals("option '-options' file '/nonexistent' does not exist; check the path or pass inline JSON", refusal("/nonexistent"));
    assertEquals("option '-options' file '" + dir + "' is a folder; give a JSON file", refusal(dir.toString()));
    // A device is read only up to the limit: /dev/zero never ends.
    assertEquals("option '-options' file '/dev/zero' is over the limit of 1 MiB (it is not a regular file, and gave more than that); "
      + "give a smaller JSON file", refusal("/dev/zero"));
    Path big = Files.writeString(dir.resolve("big.json"), "{\"a\":\"" + "x".repeat(LauncherOptions.MAX_FILE_BYTES) + "\"}");
    assertEquals("option '-options' file '" + big + "' is over the limit of 1 MiB (it holds " + String.format("%,d", Files.size(big))
      + " bytes); give a smaller JSON file", refusal(big.toString()));
    Path text = Files.writeString(dir.resolve("text.json"), "eventLoopPoolSize=2");
    assertEquals("option '-options' file '" + text + "': invalid JSON (Unrecognized token 'eventLoopPoolSize': was expecting"
      + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))", refusal(text.toString()));
  }

  @Test
  void refusesAClusterAddressItCannotListenOn() throws Exception {
    LauncherOptions.checkClusterBinding("127.0.0.1", 0);
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertEquals("option '-cluster-port': port " + busy.getLocalPort() + " on 127.0.0.1 is already in use; give a free one, or 0 for any",
        assertThrows(ConfigException.class, () -> LauncherOptions.checkClusterBinding("127.0.0.1", busy.getLocalPort())).getMessage());
    }
    // TEST-NET-1: an address no machine of ours has.
    assertEquals("option '-cluster-host': cannot listen on '192.0.2.1' (Cannot assign requested address); give an address of this"
      + " machine, such as 127.0.0.1", assertThrows(ConfigException.class, () -> LauncherOptions.checkClusterBinding("192.0.2.1", 0)).getMessage());
  }
}
