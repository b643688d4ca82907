package dev.firelane.coordinator.status;

import dev.firelane.protocol.FirelaneException;

/**
 * A statement of a batch matched no row although the batch's reading said it would: another writer changed
 * the row meanwhile (a status stream instance that lost its partitions and had not noticed yet). The batch is
 * rolled back and applied again from a fresh read; nothing is skipped.
 */
final class StaleBatchException extends FirelaneException {
    StaleBatchException(String message) {
        super(message);
    }
}
