package dev.firelane.bench.anchors;

import java.util.ArrayList;
import java.util.List;

/** Splits a plain DDL script (no procedures, no ';' inside literals) into statements for JDBC. */
final class SqlScript {
    private SqlScript() {
    }

    /** The statements of {@code script}, without comment lines and without {@code commit} (JDBC auto-commits DDL). */
    static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("#") && !trimmed.startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            String sql = statement.trim();
            if (!sql.isEmpty() && !sql.equalsIgnoreCase("commit")) {
                statements.add(sql);
            }
        }
        return statements;
    }
}
