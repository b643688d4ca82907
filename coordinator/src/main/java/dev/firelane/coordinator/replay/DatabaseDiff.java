package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.store.DatabaseConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code firelane replay diff}: every row of {@code jobs}, {@code job_runs} and {@code job_commands} that is not
 * the same, column by column, in a live and a rebuilt database. Both are only read. Memory holds one digest per
 * rebuilt row, not the rows: the rebuilt side is hashed, the live side streamed against it, and only rows that
 * differ are read again in full (the first {@value #ROWS_SHOWN} per table by key; the rest are counted).
 *
 * <p>{@code job_commands.applied_at} is not compared: live it is the moment the status stream applied the
 * command, an observation of that process (how long a command waited), not a consequence of the history; a
 * rebuild stamps the record's timestamp. Nor are {@code fires_offset} and {@code runs_offset}: where the live
 * stream had read when it applied the command, which replay follows (from {@code applied}) but does not record.
 * Every other column of the three tables is.
 */
public final class DatabaseDiff {
    /** A compared table: its primary key and the columns left out, with why. */
    public record Table(String name, String key, Map<String, String> ignored) {
    }

    /** Differing rows of a table shown column by column; the rest are counted. */
    public static final int ROWS_SHOWN = 1_000;

    public static final List<Table> TABLES = List.of(
            new Table("jobs", "id", Map.of()),
            new Table("job_runs", "fire_id", Map.of()),
            new Table("job_commands", "command_id", Map.of("applied_at",
                    "the moment the live stream applied the command, not part of the history",
                    "fires_offset", place("fires"), "runs_offset", place("runs"))));

    private DatabaseDiff() {
    }

    private static String place(String topic) {
        return "how far the live stream had read " + topic + " when it applied the command; replay follows it, from"
                + " the applied topic";
    }

    public static DiffReport compare(DatabaseConfig live, DatabaseConfig rebuilt) {
        try (Connection l = Jdbc.readOnly(live, "live"); Connection r = Jdbc.readOnly(rebuilt, "rebuilt")) {
            List<TableDiff> tables = new ArrayList<>();
            for (Table table : TABLES) {
                tables.add(compare(table, new TableRows(l, table.name(), table.key()), new TableRows(r, table.name(), table.key())));
            }
            return new DiffReport(live.jdbcUrl(), rebuilt.jdbcUrl(), tables);
        } catch (SQLException e) {
            throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "cannot read the databases: " + e.getMessage(), e);
        }
    }

    static TableDiff compare(Table table, TableRows live, TableRows rebuilt) throws SQLException {
        List<String> liveColumns = live.columns();
        List<String> rebuiltColumns = rebuilt.columns();
        List<String> notes = new ArrayList<>();
        Set<String> compared = new LinkedHashSet<>();
        for (String column : liveColumns) {
            if (!rebuiltColumns.contains(column)) {
                notes.add("column " + column + " only in the live database");
            } else if (!table.ignored().containsKey(column)) {
                compared.add(column);
            }
        }
        rebuiltColumns.stream().filter(c -> !liveColumns.contains(c)).forEach(c -> notes.add("column " + c + " only in the rebuilt database"));

        Map<String, Digest> digests = new HashMap<>();
        long[] rebuiltRows = {0};
        rebuilt.forEach((key, row) -> {
            rebuiltRows[0]++;
            digests.put(key, digest(row, compared));
        });
        // keys only: the rows are read again for the first ROWS_SHOWN of them
        TreeMap<String, RowDiff.Kind> differing = new TreeMap<>();
        long[] liveRows = {0};
        live.forEach((key, row) -> {
            liveRows[0]++;
            Digest other = digests.remove(key);
            if (other == null) {
                differing.put(key, RowDiff.Kind.ONLY_LIVE);
            } else if (!other.equals(digest(row, compared))) {
                differing.put(key, RowDiff.Kind.CHANGED);
            }
        });
        digests.keySet().forEach(key -> differing.put(key, RowDiff.Kind.ONLY_REBUILT));
        List<RowDiff> shown = new ArrayList<>();
        for (Map.Entry<String, RowDiff.Kind> entry : differing.entrySet()) {
            if (shown.size() == ROWS_SHOWN) {
                break;
            }
            String key = entry.getKey();
            shown.add(switch (entry.getValue()) {
                case ONLY_LIVE -> oneSided(key, RowDiff.Kind.ONLY_LIVE, live.find(key), compared);
                case ONLY_REBUILT -> oneSided(key, RowDiff.Kind.ONLY_REBUILT, rebuilt.find(key), compared);
                case CHANGED -> changed(key, live.find(key), rebuilt.find(key), compared);
            });
        }
        List<String> ignored = table.ignored().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        return new TableDiff(table.name(), table.key(), liveRows[0], rebuiltRows[0], differing.size(), shown, ignored, notes);
    }

    /** 128 bits of a SHA-256 over the compared values: a row that differs is never taken for an equal one. */
    private record Digest(long high, long low) {
    }

    private static Digest digest(Map<String, String> row, Set<String> columns) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (String column : columns) {
            String value = row.get(column);
            // length-prefixed, -1 for NULL: no two different rows feed the same bytes
            byte[] text = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : text.length).array());
            sha.update(text);
        }
        ByteBuffer bytes = ByteBuffer.wrap(sha.digest());
        return new Digest(bytes.getLong(), bytes.getLong());
    }

    private static RowDiff oneSided(String key, RowDiff.Kind kind, Map<String, String> row, Set<String> columns) {
        List<RowDiff.ColumnDiff> cells = new ArrayList<>();
        for (String column : columns) {
            String value = row == null ? null : row.get(column);
            cells.add(kind == RowDiff.Kind.ONLY_LIVE ? new RowDiff.ColumnDiff(column, value, null)
                    : new RowDiff.ColumnDiff(column, null, value));
        }
        return new RowDiff(key, kind, cells);
    }

    private static RowDiff changed(String key, Map<String, String> live, Map<String, String> rebuilt, Set<String> columns) {
        List<RowDiff.ColumnDiff> cells = new ArrayList<>();
        for (String column : columns) {
            String l = live.get(column);
            String r = rebuilt.get(column);
            if (!Objects.equals(l, r)) {
                cells.add(new RowDiff.ColumnDiff(column, l, r));
            }
        }
        return new RowDiff(key, RowDiff.Kind.CHANGED, cells);
    }
}
