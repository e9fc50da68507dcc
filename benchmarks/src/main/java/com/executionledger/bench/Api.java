package com.executionledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The query side's HTTP API, as a client sees it. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Api(int port, String adminToken) {
        this.port = port;
        this.adminToken = adminToken;
    }

    /** Keep-alive clients that load the API as {@code wrk} would: see {@link HttpLoad}. */
    HttpLoad load(List<String> tokens) {
        return new HttpLoad(port, tokens);
    }

    HttpRequest get(String token, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    JsonNode admin(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    String tokenFor(String organization) throws Exception {
        return admin("POST", "/admin/tokens", "{\"organizationId\":\"" + organization + "\",\"name\":\"bench\"}")
                .at("/data/token").asText();
    }
}
