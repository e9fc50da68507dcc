package com.executionledger.command.ingest;

import com.executionledger.events.ContractSchemas;
import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.KnownParameters;
import com.executionledger.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/schemas}: the contract as JSON Schema, for producers to validate what they
 * publish before the ledger does: the envelope, and each version of each type's data. Built from
 * the types the ingest reads with, and tested to agree with it (events/EVOLUTION.md).
 */
@RestController
class SchemasController {

    private final Map<String, Object> schemas = ContractSchemas.all();

    @KnownParameters({})
    @GetMapping("/v1/schemas")
    ApiEnvelope<Map<String, Object>> schemas(HttpServletRequest request) {
        return ApiEnvelope.success(schemas, RequestIds.of(request));
    }
}
