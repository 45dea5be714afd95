package dev.promptgate.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}) running as its own process on free
 * loopback ports (HTTP and management), against a given database: what a replica in production is. Shared by the tests that need
 * several replicas or a database that goes away.
 */
public final class ServerProcess implements AutoCloseable {

    public static final String BOOTSTRAP_TOKEN = "pg_bt_replica-test-bootstrap-token-0123456789";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final int managementPort;

    private ServerProcess(String name, Process process, int port, int managementPort) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts a replica against this database and waits until it is ready. */
    public static ServerProcess start(String name, String jdbcUrl, Map<String, String> extraEnv) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: these tests run after the package phase");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        // A replica here lives for seconds: compiling with C1 alone starts it on about half the CPU time.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("PROMPTGATE_BOOTSTRAP_TOKEN", BOOTSTRAP_TOKEN);
        env.putAll(extraEnv);
        Path log = Path.of("target/replica-logs/" + name + ".log");
        try {
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            ServerProcess server = new ServerProcess(name, builder.start(), port, managementPort);
            server.awaitReady(Duration.ofSeconds(90));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ServerProcess start(String name, String jdbcUrl) {
        return start(name, jdbcUrl, Map.of());
    }

    /** Everything the process wrote to standard output and error so far. */
    public String log() {
        try {
            return Files.readString(Path.of("target/replica-logs/" + name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: health, metrics and the OpenAPI document, on a port of their own. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** The status of a GET on the HTTP port, or -1 when nothing answers. */
    public int status(String path) {
        return statusOf(url() + path);
    }

    /** The status of a GET on the management port, or -1 when nothing answers. */
    public int managementStatus(String path) {
        return statusOf(managementUrl() + path);
    }

    private static int statusOf(String url) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void awaitReady(Duration timeout) {
        try {
            await(name + " is ready")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    name + " exited with " + process.exitValue() + "; see target/replica-logs/");
                        }
                        return managementStatus("/q/health/ready") == 200;
                    });
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(
                    name + " was not ready within " + timeout + "; see target/replica-logs/", e);
        }
    }

    /** Kills the process with SIGKILL, as the kernel's OOM killer or a node failure would: no shutdown of any kind. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
