package com.executionledger.command.ingest;

import com.executionledger.store.OperatorAct;

/**
 * One envelope as delivered, before validation.
 *
 * @param payload     the original bytes, kept as they came for dead letters
 * @param source      who delivered it, for the operator (a Kafka coordinate, an HTTP source)
 * @param deliveryKey identifies this very delivery, so a redelivery is dead-lettered once; null when none
 * @param operatorAct what an operator did to deliver it (a re-drive), recorded with what becomes of it; null when none
 */
record IncomingEvent(byte[] payload, String source, String deliveryKey, OperatorAct operatorAct) {

    IncomingEvent(byte[] payload, String source, String deliveryKey) {
        this(payload, source, deliveryKey, null);
    }
}
