package dev.firelane.coordinator.status;

import dev.firelane.protocol.CommandPlacement;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.RunEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rows one batch of events touches, read once at its start (three {@code IN} lookups, the job rows
 * locked; on MySQL and MariaDB the ids go as one JSON array, so each lookup is one static statement with one
 * parameter), then changed in memory event by event. Rows are kept under their own ids: an id longer than its
 * column, cut to the column's width by {@code JSON_TABLE}, may fetch the row of its prefix, which then stays
 * what it is, another row, and the long id is new (and refused when written). Which fire ids and command ids are new is decided here,
 * once per batch, not by a round trip per event.
 */
final class Batch {
    /** Ids per {@code IN} lookup. */
    static final int LOOKUP_CHUNK = 1_000;

    private final Map<String, JobModel> jobs = new LinkedHashMap<>();
    private final Map<String, RunModel> runs = new HashMap<>();
    private final Map<String, CommandRow> commands = new HashMap<>();
    private final List<CommandRow> newCommands = new ArrayList<>();
    private final List<Publication> publications = new ArrayList<>();
    private final ApplyTally tally = new ApplyTally();
    /** Where the status stream applies each command now, by command id (none when replay applies). */
    private Map<String, CommandPlacement> proposedPlaces = Map.of();
    /** Where each command of the batch was applied, as the database records it, by command id. */
    private final Map<String, CommandPlacement> places = new HashMap<>();

    private Batch() {
    }

    /** Reads what {@code events} touch: job rows (locked for this transaction), run rows, audit rows. */
    static Batch read(List<?> events, Mappers m) {
        Set<String> jobIds = new LinkedHashSet<>();
        Set<String> fireIds = new LinkedHashSet<>();
        Set<String> commandIds = new LinkedHashSet<>();
        for (Object event : events) {
            if (event instanceof ControlCommand c) {
                jobIds.add(c.jobId());
                commandIds.add(c.commandId());
                if (c instanceof ControlCommand.Cancel cancel) {
                    fireIds.add(cancel.fireId());
                }
            } else if (event instanceof Fire f) {
                jobIds.add(f.jobId());
                fireIds.add(f.fireId());
            } else if (event instanceof RunEvent r && !(r instanceof RunEvent.Heartbeat)) {
                jobIds.add(r.jobId());
                fireIds.add(r.fireId());
            }
        }
        Batch batch = new Batch();
        Map<String, JobRow> rows = new HashMap<>();
        // sorted: two writers that ever overlap lock rows in the same order and cannot deadlock
        for (JobRow row : chunked(jobIds.stream().sorted().toList(), m.json()
                ? ids -> m.jobs().findAllForUpdateJson(JsonRows.strings(ids)) : m.jobs()::findAllForUpdate)) {
            rows.put(row.id(), row);
        }
        jobIds.forEach(id -> batch.jobs.put(id, new JobModel(id, rows.get(id))));
        for (RunRow row : chunked(List.copyOf(fireIds), m.json()
                ? ids -> m.runs().findAllJson(JsonRows.strings(ids)) : m.runs()::findAll)) {
            batch.runs.put(row.fireId(), new RunModel(row));
        }
        for (CommandRow row : chunked(List.copyOf(commandIds), m.json()
                ? ids -> m.commands().findAllJson(JsonRows.strings(ids)) : m.commands()::findAll)) {
            batch.commands.put(row.commandId(), row);
        }
        return batch;
    }

    private static <T> List<T> chunked(List<String> ids, Function<Collection<String>, List<T>> lookup) {
        List<T> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            found.addAll(lookup.apply(ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK))));
        }
        return found;
    }

    JobModel job(String id) {
        return jobs.computeIfAbsent(id, k -> new JobModel(k, null));
    }

    RunModel run(String fireId) {
        return runs.computeIfAbsent(fireId, k -> new RunModel(null));
    }

    /** The audit row of a command applied before (read, or earlier in this batch); null if it is new. */
    CommandRow recorded(String commandId) {
        return commands.get(commandId);
    }

    void record(CommandRow row) {
        commands.put(row.commandId(), row);
        newCommands.add(row);
    }

    void proposePlaces(Map<String, CommandPlacement> proposed) {
        this.proposedPlaces = proposed;
    }

    /** Where {@code commandId} is applied if it is applied now; null when not known. */
    CommandPlacement proposedPlace(String commandId) {
        return proposedPlaces.get(commandId);
    }

    void placed(CommandPlacement placement) {
        places.putIfAbsent(placement.commandId(), placement);
    }

    Map<String, CommandPlacement> places() {
        return places;
    }

    void publish(Publication publication) {
        publications.add(publication);
    }

    ApplyTally tally() {
        return tally;
    }

    Collection<JobModel> jobs() {
        return jobs.values();
    }

    Collection<RunModel> runs() {
        return runs.values();
    }

    List<CommandRow> newCommands() {
        return newCommands;
    }

    List<Publication> publications() {
        return publications;
    }
}
