package com.executionledger.command.ingest;

import com.executionledger.events.CloudEventMapping;
import com.executionledger.events.ReadResult;
import com.executionledger.store.OperatorAct;

/**
 * One envelope as delivered, before validation.
 *
 * @param payload     the original bytes, kept as they came for dead letters
 * @param source      who delivered it, for the operator (a Kafka coordinate, an HTTP source)
 * @param deliveryKey identifies this very delivery, so a redelivery is dead-lettered once; null when none
 * @param operatorAct what an operator did to deliver it (a re-drive), recorded with what becomes of it; null when none
 * @param refusal     why it is refused before it is read (a CloudEvent that maps onto no envelope); null when none
 */
record IncomingEvent(byte[] payload, String source, String deliveryKey, OperatorAct operatorAct, ReadResult.Invalid refusal) {

    IncomingEvent(byte[] payload, String source, String deliveryKey, OperatorAct operatorAct) {
        this(payload, source, deliveryKey, operatorAct, null);
    }

    IncomingEvent(byte[] payload, String source, String deliveryKey) {
        this(payload, source, deliveryKey, null, null);
    }

    /** A CloudEvent as the contract's envelope, or as it came with why it cannot be one (then dead-lettered). */
    static IncomingEvent of(CloudEventMapping.Mapped cloudEvent, String source, String deliveryKey) {
        if (cloudEvent instanceof CloudEventMapping.Refused refused) {
            return new IncomingEvent(refused.original(), source, deliveryKey, null, refused.reason());
        }
        return new IncomingEvent(((CloudEventMapping.Envelope) cloudEvent).bytes(), source, deliveryKey);
    }
}
