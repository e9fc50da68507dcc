package com.executionledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's OpenAPI document, the one checked into the repository (a classpath resource named
 * by {@code ledger.web.api-document}), served as it is: written by hand and kept true by a test
 * that validates real answers against it, rather than generated from the code it describes.
 */
@RestController
@ConditionalOnProperty("ledger.web.api-document")
class ApiDocumentController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final byte[] yaml;
    private final byte[] json;

    ApiDocumentController(@Value("${ledger.web.api-document}") String location) {
        try (InputStream in = new ClassPathResource(location).getInputStream()) {
            this.yaml = in.readAllBytes();
            this.json = new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document " + location + " cannot be read", e);
        }
    }

    @GetMapping("/v3/api-docs")
    ResponseEntity<byte[]> asJson() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    @GetMapping("/v3/api-docs.yaml")
    ResponseEntity<byte[]> asYaml() {
        return ResponseEntity.ok().contentType(YAML).body(yaml);
    }
}
