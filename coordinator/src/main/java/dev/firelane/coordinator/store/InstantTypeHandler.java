package dev.firelane.coordinator.store;

import dev.firelane.protocol.Instants;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * Stores instants as UTC {@code DATETIME(3)}, so a row reads back the instant that was written whatever the
 * JVM's or the session's time zone. Writes go as text {@code yyyy-MM-dd HH:mm:ss.SSS}: Connector/J drops the
 * milliseconds of a {@code LocalDateTime}/{@code Timestamp} parameter on MariaDB, which announces itself as
 * {@code 5.5.5-10.x} (a version the driver believes has no fractional seconds). Reads go through
 * {@link LocalDateTime}, which neither driver shifts.
 */
public final class InstantTypeHandler extends BaseTypeHandler<Instant> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant parameter, JdbcType jdbcType) throws SQLException {
        ps.setString(i, Instants.sqlMillis(parameter));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return toInstant(rs.getObject(columnName, LocalDateTime.class));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return toInstant(rs.getObject(columnIndex, LocalDateTime.class));
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return toInstant(cs.getObject(columnIndex, LocalDateTime.class));
    }

    private static Instant toInstant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
