package dev.firelane.coordinator.api;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

/**
 * Counts the queries MyBatis runs, by mapper method name (e.g. {@code findJobs}): a spy on the API's read side,
 * for tests that check how many round trips a request costs.
 */
@Intercepts(@Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
final class StatementCounter implements Interceptor {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        String id = ((MappedStatement) invocation.getArgs()[0]).getId();
        counts.merge(id.substring(id.lastIndexOf('.') + 1), 1, Integer::sum);
        return invocation.proceed();
    }

    @Override
    public void setProperties(Properties properties) {
    }

    /** Queries run through {@code statement} (a mapper method name) so far. */
    int count(String statement) {
        return counts.getOrDefault(statement, 0);
    }

    /** Every query so far, by statement. */
    Map<String, Integer> all() {
        return Map.copyOf(counts);
    }

    void reset() {
        counts.clear();
    }
}
