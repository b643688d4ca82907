package dev.firelane.coordinator.replay;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads rows of one table as column → text, the same text on H2 and MySQL/MariaDB for the same value: numbers
 * without trailing zeros, date-times as ISO local date-times (the schema stores UTC), everything else as text.
 */
final class TableRows {
    private final Connection connection;
    private final String table;
    private final String key;

    TableRows(Connection connection, String table, String key) {
        this.connection = connection;
        this.table = table;
        this.key = key;
    }

    /** Calls {@code each} with every row's key and values, in no particular order. */
    void forEach(BiConsumer<String, Map<String, String>> each) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            List<String> columns = columns(rs.getMetaData());
            while (rs.next()) {
                Map<String, String> row = row(rs, columns);
                each.accept(row.get(key), row);
            }
        }
    }

    /** The row with key {@code value}, or null. */
    Map<String, String> find(String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM " + table + " WHERE " + key + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs, columns(rs.getMetaData())) : null;
            }
        }
    }

    /** The table's column names, lower case, in table order. */
    List<String> columns() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            return columns(rs.getMetaData());
        }
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            out.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static Map<String, String> row(ResultSet rs, List<String> columns) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns.size(); i++) {
            row.put(columns.get(i - 1), text(rs, i, meta.getColumnType(i)));
        }
        return row;
    }

    private static String text(ResultSet rs, int column, int type) throws SQLException {
        switch (type) {
            case Types.TIMESTAMP -> {
                LocalDateTime value = rs.getObject(column, LocalDateTime.class);
                return value == null ? null : value.toString();
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
                    Types.FLOAT, Types.DOUBLE -> {
                BigDecimal value = rs.getBigDecimal(column);
                return value == null ? null : value.stripTrailingZeros().toPlainString();
            }
            case Types.BIT, Types.BOOLEAN -> {
                boolean value = rs.getBoolean(column);
                return rs.wasNull() ? null : Boolean.toString(value);
            }
            default -> {
                return rs.getString(column);
            }
        }
    }
}
