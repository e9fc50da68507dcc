package com.executionledger.command.ingest;

import com.executionledger.events.CloudEventMapping;
import com.executionledger.events.EventJson;
import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.ApiException;
import com.executionledger.web.ErrorCodes;
import com.executionledger.web.JsonBodies;
import com.executionledger.web.RequestIds;
import com.executionledger.web.RequestRates;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/events}: one envelope, or a JSON array of them, from a signed webhook source.
 * Same pipeline as Kafka: the answer, per event, comes only once every event is durably appended,
 * recognised as a duplicate, or dead-lettered.
 */
@RestController
class HttpIngestController {

    /**
     * What one event became, as the sender sees it; {@code position}, of an appended event, is its
     * place in the ledger: a read with {@code minPosition} of it sees the event in the read model.
     */
    record EventAnswer(String eventId, String executionId, String outcome, String reason,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Long position) {

        static EventAnswer of(IngestResult result) {
            return new EventAnswer(result.eventId(), result.executionId(), result.outcome().name().toLowerCase(),
                    result.reason(), result.position());
        }
    }

    record BatchAnswer(int appended, int duplicates, int rejected, List<EventAnswer> events) {
    }

    private final EventIngestion ingestion;
    private final WebhookSignature signature;
    private final IngestProperties.Http properties;
    private final RequestRates rates;
    private final IngestMetrics metrics;

    HttpIngestController(EventIngestion ingestion, WebhookSignature signature, IngestProperties properties,
                         RequestRates rates, IngestMetrics metrics) {
        this.rates = rates;
        this.metrics = metrics;
        this.ingestion = ingestion;
        this.signature = signature;
        this.properties = properties.http();
    }

    @PostMapping("/v1/events")
    ResponseEntity<ApiEnvelope<BatchAnswer>> receive(
            @RequestHeader(name = WebhookSignature.SOURCE_HEADER, required = false) String source,
            @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signed,
            HttpServletRequest request) throws IOException {
        String answerId = RequestIds.of(request);
        // the headers and the declared length are judged before a byte of the body is read
        Optional<String> unauthentic = signature.problemWithHeaders(source, timestamp, signed);
        if (unauthentic.isPresent()) {
            return refuse(HttpStatus.UNAUTHORIZED, unauthentic.get(), answerId);
        }
        CloudEvents cloudEvents = CloudEvents.of(request.getContentType());
        if (request.getContentType() != null && cloudEvents == CloudEvents.NONE && !JsonBodies.isJson(request.getContentType())) {
            return refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json (or as CloudEvents: "
                    + CloudEventMapping.STRUCTURED_JSON + ", " + CloudEventMapping.BATCH_JSON + "), not "
                    + request.getContentType(), answerId);
        }
        if (request.getContentLengthLong() > properties.maxBodyBytes()) {
            return refuse(HttpStatus.PAYLOAD_TOO_LARGE, "body of " + request.getContentLengthLong()
                    + " bytes is over the limit of " + properties.maxBodyBytes() + "; split the batch", answerId);
        }
        byte[] raw = request.getInputStream().readNBytes(properties.maxBodyBytes() + 1); // never more than the limit
        if (raw.length > properties.maxBodyBytes()) {
            return refuse(HttpStatus.PAYLOAD_TOO_LARGE, "body is over the limit of " + properties.maxBodyBytes()
                    + " bytes; split the batch", answerId);
        }
        unauthentic = signature.problemWithBody(source, timestamp, signed, raw);
        if (unauthentic.isPresent()) {
            return refuse(HttpStatus.UNAUTHORIZED, unauthentic.get(), answerId);
        }
        long wait = rates.secondsToWait("source " + source);
        if (wait > 0) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, rates.refusal(), wait);
        }
        List<byte[]> envelopes = switch (cloudEvents) {
            case NONE -> split(raw);
            case ONE -> List.of(raw);
            case BATCH -> EventJson.arrayElements(raw).orElse(null);
        };
        if (envelopes == null) {
            return refuse(HttpStatus.BAD_REQUEST, "a batch of CloudEvents (" + CloudEventMapping.BATCH_JSON
                    + ") is a JSON array of them", answerId);
        }
        if (envelopes.isEmpty()) {
            return refuse(HttpStatus.BAD_REQUEST, "the body is an empty array: send one envelope or an array of them", answerId);
        }
        if (envelopes.size() > properties.maxBatch()) {
            return refuse(HttpStatus.PAYLOAD_TOO_LARGE, "batch of " + envelopes.size() + " envelopes is over the limit of "
                    + properties.maxBatch() + "; split the batch", answerId);
        }
        List<IncomingEvent> batch = new ArrayList<>(envelopes.size());
        String from = "http " + source + " request " + answerId;
        for (byte[] envelope : envelopes) {
            batch.add(cloudEvents == CloudEvents.NONE ? new IncomingEvent(envelope, from, null)
                    : IncomingEvent.of(CloudEventMapping.structured(envelope), from + " (CloudEvent)", null));
        }
        List<IngestResult> results = metrics.measured("http", source, () -> ingestion.ingest(batch, true));
        List<EventAnswer> answers = results.stream().map(EventAnswer::of).toList();
        BatchAnswer data = new BatchAnswer(count(results, IngestResult.Outcome.APPENDED),
                count(results, IngestResult.Outcome.DUPLICATE), count(results, IngestResult.Outcome.REJECTED), answers);
        return ResponseEntity.ok(ApiEnvelope.success(data, answerId));
    }

    /** Whether the body is in CloudEvents' structured mode: one event, a batch, or not CloudEvents. */
    private enum CloudEvents {
        NONE, ONE, BATCH;

        static CloudEvents of(String contentType) {
            if (contentType == null) {
                return NONE;
            }
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            return type.equals(CloudEventMapping.STRUCTURED_JSON) ? ONE : type.equals(CloudEventMapping.BATCH_JSON) ? BATCH : NONE;
        }
    }

    /**
     * A JSON array is a batch, each element its own envelope, kept as the bytes that were sent;
     * anything else, even unparseable bytes, is one envelope, which the pipeline then accepts or
     * dead-letters with its reason.
     */
    private static List<byte[]> split(byte[] raw) {
        return EventJson.arrayElements(raw).orElse(List.of(raw));
    }

    private static int count(List<IngestResult> results, IngestResult.Outcome outcome) {
        return (int) results.stream().filter(result -> result.outcome() == outcome).count();
    }

    private static ResponseEntity<ApiEnvelope<BatchAnswer>> refuse(HttpStatus status, String message, String requestId) {
        return ResponseEntity.status(status).body(new ApiEnvelope<>(status.value(), null, message, requestId,
                ErrorCodes.of(status.value()), null));
    }
}
