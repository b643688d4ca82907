package dev.firelane.coordinator.status;

import dev.firelane.protocol.CommandPlacement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the records the window chose, so that one bad record never fails the others: a record the apply code
 * refuses ({@link UnappliableEventException}, which names it) is set aside for the dlq and the rest applied again;
 * a batch the database refuses for its data is split in halves, applied half by half, down to the one record it
 * refuses. Any other failure (the database is down, a row changed under the batch, a fault in the code) is
 * thrown: the caller retries the records later, and never dead-letters them.
 */
final class BatchRunner {
    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    private final StatusApplier applier;

    BatchRunner(StatusApplier applier) {
        this.applier = applier;
    }

    /** What applying a list of records did. */
    static final class Result {
        final List<Publication> publications = new ArrayList<>();
        final List<InputRecord> applied = new ArrayList<>();
        final List<Rejection> rejected = new ArrayList<>();
        /** Where the committed commands were applied, by command id. */
        final Map<String, CommandPlacement> places = new HashMap<>();
        int transactions;
    }

    /** A record for the dlq, and why. */
    record Rejection(InputRecord record, String reason) {
    }

    /**
     * Applies {@code records} in order. Records committed before a retryable failure are listed in the result
     * handed to {@code progress}; the failure is then thrown.
     */
    Result apply(List<InputRecord> records, Result result) {
        return apply(records, Map.of(), result);
    }

    /** {@link #apply(List, Result)}, recording with each new command where it is applied ({@code proposed}). */
    Result apply(List<InputRecord> records, Map<String, CommandPlacement> proposed, Result result) {
        List<InputRecord> good = new ArrayList<>();
        for (InputRecord record : records) {
            if (record.isRefused()) {
                result.rejected.add(new Rejection(record, record.refusal()));
            } else {
                good.add(record);
            }
        }
        applyRange(good, proposed, result);
        return result;
    }

    private void applyRange(List<InputRecord> records, Map<String, CommandPlacement> proposed, Result result) {
        List<InputRecord> left = new ArrayList<>(records);
        while (!left.isEmpty()) {
            try {
                result.transactions++;
                StatusApplier.Applied applied = applier.apply(events(left), proposed);
                result.publications.addAll(applied.publications());
                result.places.putAll(applied.places());
                result.applied.addAll(left);
                return;
            } catch (UnappliableEventException e) {
                if (e.index() < 0 || e.index() >= left.size()) {
                    throw e;
                }
                InputRecord bad = left.remove(e.index());
                log.warn("{} refused: {}", bad, e.getMessage());
                result.rejected.add(new Rejection(bad, e.getMessage()));
            } catch (RuntimeException e) {
                if (ApplyFailures.classify(e) != ApplyFailures.Verdict.REJECT) {
                    throw e;
                }
                if (left.size() == 1) {
                    String reason = "cannot be applied: " + ApplyFailures.describe(e);
                    log.warn("{} refused by the database: {}", left.get(0), reason);
                    result.rejected.add(new Rejection(left.get(0), reason));
                    return;
                }
                int half = left.size() / 2;
                log.info("a batch of {} records refused by the database ({}); applying it in halves to find the record",
                        left.size(), ApplyFailures.describe(e));
                applyRange(left.subList(0, half), proposed, result);
                applyRange(left.subList(half, left.size()), proposed, result);
                return;
            }
        }
    }

    private static List<Object> events(List<InputRecord> records) {
        List<Object> events = new ArrayList<>(records.size());
        for (InputRecord record : records) {
            events.add(record.event());
        }
        return events;
    }
}
