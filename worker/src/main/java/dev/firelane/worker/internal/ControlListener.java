package dev.firelane.worker.internal;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Topics;
import dev.firelane.protocol.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code control} (see {@link TopicTail}) so that a {@code Cancel} reaches whichever worker runs the
 * fire. Other commands, and records it cannot read, are skipped: they are the status stream's business (it
 * audits cancels and dead-letters bad records).
 */
public final class ControlListener extends TopicTail {
    private static final Logger log = LoggerFactory.getLogger(ControlListener.class);

    private final Cancels cancels;

    /** Where cancels go: the poll loop. */
    public interface Cancels {
        boolean cancel(String jobId, String fireId);
    }

    public ControlListener(Consumer<byte[], byte[]> consumer, String topicPrefix, String workerId, Cancels cancels) {
        super(consumer, Topics.CONTROL.name(topicPrefix), workerId, "cancels");
        this.cancels = cancels;
    }

    @Override
    void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        String type = VersionedJsonSerde.writtenType(record.value());
        if (type != null && !type.equals("Cancel")) {
            return; // most commands are not cancels (100,000 jobs created are 100,000 commands): skipped unparsed
        }
        ControlCommand command;
        try {
            command = Topics.CONTROL.valueSerde().deserializer().deserialize(topic(), record.value());
        } catch (SerializationException e) {
            return; // the status stream dead-letters it
        }
        if (command instanceof ControlCommand.Cancel cancel) {
            boolean here = cancels.cancel(cancel.jobId(), cancel.fireId());
            log.info("{} {} cancel {} by {} {}", cancel.jobId(), cancel.fireId(), cancel.commandId(), cancel.requestedBy(),
                    here ? "reached its run on worker " + workerId() : "noted (not running on worker " + workerId() + ")");
        }
    }
}
