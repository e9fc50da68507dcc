package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One service's checked-in OpenAPI document, and a client whose every answer is validated against
 * it: the answer's status must be documented for the operation, and its body must match the
 * schema documented for that status. It remembers which operations answered.
 */
final class DocumentedApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String METHODS = "get put post delete patch";

    private final String uri;
    private final JsonNode document;
    private final SchemaRegistry schemas;
    private final int port;
    private final Set<String> answered = new TreeSet<>();

    DocumentedApi(String resource, int port) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("the checked-in document " + resource).isNotNull();
            this.document = new YAMLMapper().readTree(in);
        }
        this.uri = "https://ledger.test/" + resource.replace(".yaml", ".json");
        String text = JSON.writeValueAsString(document);
        this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                registry -> registry.schemas(Map.of(uri, text)));
        this.port = port;
    }

    JsonNode document() {
        return document;
    }

    /** Sends a request and checks its answer against the document: {@code template} names the documented path. */
    JsonNode call(String method, String template, String path, String token, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return check(method, template, response);
    }

    JsonNode call(String method, String template, String path, String token) throws Exception {
        return call(method, template, path, token, Map.of(), null);
    }

    /** The answer's JSON, once it is found to be what the document says of that operation and status. */
    JsonNode check(String method, String template, HttpResponse<String> response) throws Exception {
        String operation = method.toUpperCase() + " " + template;
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(operation + " " + response.statusCode())
                .startsWith("application/json");
        JsonNode answer = JSON.readTree(response.body());
        assertThat(errors(method, template, response.statusCode(), answer))
                .as(operation + " " + response.statusCode() + " differs from its document; the answer: " + response.body())
                .isEmpty();
        answered.add(operation);
        return answer;
    }

    /** Where an answer differs from what the document says of that operation and status. */
    List<Error> errors(String method, String template, int status, JsonNode answer) {
        String operation = method.toUpperCase() + " " + template;
        String responsePointer = "/paths/" + escape(template) + "/" + method.toLowerCase() + "/responses/" + status;
        JsonNode documented = document.at(responsePointer);
        assertThat(documented.isMissingNode()).as(operation + " answered " + status + ", which its document does not list: "
                + answer).isFalse();
        if (documented.has("$ref")) {
            responsePointer = documented.get("$ref").asText().substring(1);
        }
        Schema schema = schemas.getSchema(SchemaLocation.of(uri + "#" + responsePointer + "/content/application~1json/schema"));
        return schema.validate(answer);
    }

    /** Every operation the document lists, as "METHOD /path". */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    Set<String> operationsAnswered() {
        return answered;
    }

    private static String escape(String template) {
        return template.replace("~", "~0").replace("/", "~1");
    }
}
