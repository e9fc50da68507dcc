package com.executionledger.query.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.executionledger.infra.TestDatabaseAndBroker;
import com.executionledger.query.QuerySideApplication;
import com.executionledger.query.auth.ApiTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 64 sockets trickle bodies (a byte a second after headers that promise 100,000) and 16 trickle
 * their headers, with the API's 8 request threads, while a client lists for 20 s: every listing is
 * answered within a second, nearly all at once. Headers are read without a thread, and a body the
 * endpoint does not read is not waited for: the connection is closed after the answer.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QuerySideApplication.CONFIG_NAME)
class SlowClientsIntegrationTest {

    private static final TestDatabaseAndBroker INFRA = TestDatabaseAndBroker.fresh("slow_clients");
    private static final int TRICKLING_BODIES = 64;
    private static final int TRICKLING_HEADERS = 16;
    private static final Duration LISTING = Duration.ofSeconds(20);

    @Autowired
    ApiTokens tokens;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.databaseProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void tricklingClientsCannotStarveTheOthers() throws Exception {
        String token = tokens.create("org_slow", "slow clients").token();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 200; i++) { // a warm service: the first requests of a JVM are slow whatever else happens
            list(client, token);
        }
        List<Socket> tricklers = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < TRICKLING_BODIES; i++) {
                tricklers.add(open("GET /v1/executions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Length: 100000\r\n\r\n"));
            }
            for (int i = 0; i < TRICKLING_HEADERS; i++) {
                tricklers.add(open("GET /v1/executions HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
            }
            trickle.scheduleAtFixedRate(() -> tricklers.forEach(SlowClientsIntegrationTest::oneMoreByte), 1, 1, TimeUnit.SECONDS);

            List<Long> millis = new ArrayList<>();
            long deadline = System.nanoTime() + LISTING.toNanos();
            while (System.nanoTime() < deadline) {
                long started = System.nanoTime();
                assertThat(list(client, token).statusCode()).isEqualTo(200);
                millis.add((System.nanoTime() - started) / 1_000_000);
                Thread.sleep(100); // a client's pace
            }

            System.out.printf("Slow clients: %d trickling bodies, %d trickling headers; %d listings, slowest %d ms%n",
                    TRICKLING_BODIES, TRICKLING_HEADERS, millis.size(), millis.stream().mapToLong(Long::longValue).max().orElse(0));
            assertThat(millis).hasSizeGreaterThan(50).allSatisfy(each -> assertThat(each).isLessThan(1_000L));
            assertThat(millis.stream().sorted().toList().get(millis.size() / 2)).as("median ms").isLessThan(100L);
        } finally {
            trickle.shutdownNow();
            for (Socket socket : tricklers) {
                socket.close();
            }
        }
    }

    private HttpResponse<String> list(HttpClient client, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/executions"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Socket open(String start) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void oneMoreByte(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write('x');
            out.flush();
        } catch (IOException closedByTheService) {
            // the service dropped it: what it should do with a client this slow
        }
    }
}
