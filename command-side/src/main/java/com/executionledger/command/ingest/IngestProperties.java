package com.executionledger.command.ingest;

import com.executionledger.command.CommandSideApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where events come from and where rejected ones go.
 *
 * @param topic             the topic upstream systems publish to (record key = executionId)
 * @param partitions        partitions created for it when missing: the unit of consumer scale-out
 * @param replicationFactor replicas of the topics created when missing
 */
@ConfigurationProperties("ledger.ingest")
record IngestProperties(
        @DefaultValue(CommandSideApplication.DEFAULT_TOPIC) String topic,
        @DefaultValue("4") int partitions,
        @DefaultValue("1") short replicationFactor) {

    String deadLetterTopic() {
        return topic + ".DLT";
    }
}
