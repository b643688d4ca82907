package dev.firelane.coordinator.replay;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A progress line for long reads: at most one per {@link #INTERVAL}, with the records read so far and the rate
 * since the line before (a closing line gives the average).
 * Time counts from the first record (not from connecting), and nothing is printed for a read that ends within
 * the first interval.
 */
public final class Progress {
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Consumer<String> out;
    private final LongSupplier nanoTime;
    private final String what;
    private long start;
    private long lastLine;
    private long lastCount;
    private long count;
    private boolean printed;

    /**
     * @param out      where lines go (stderr)
     * @param nanoTime a monotonic clock ({@code System::nanoTime}; tests drive one by hand)
     * @param what     what is being read, the start of every line
     */
    public Progress(Consumer<String> out, LongSupplier nanoTime, String what) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.what = what;
    }

    /** A progress that prints nothing. */
    public static Progress silent() {
        return new Progress(line -> { }, () -> 0L, "");
    }

    /** Counts {@code records} more records read. */
    public void add(long records) {
        if (records <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (count == 0) {
            start = now;
            lastLine = now;
        }
        count += records;
        if (now - lastLine >= INTERVAL.toNanos()) {
            long recent = Math.round((count - lastCount) * 1e9 / (now - lastLine));
            lastLine = now;
            lastCount = count;
            printed = true;
            out.accept(String.format(Locale.ROOT, "%s: %,d records read (%,d/s)", what, count, recent));
        }
    }

    /** Records read so far. */
    public long count() {
        return count;
    }

    /** A closing line, if progress lines were printed. */
    public void finish() {
        if (printed) {
            long now = nanoTime.getAsLong();
            out.accept(String.format(Locale.ROOT, "%s: %,d records read in %.1f s (%,d/s)", what, count,
                    (now - start) / 1e9, rate(now)));
        }
    }

    private long rate(long now) {
        long elapsed = Math.max(1, now - start);
        return Math.round(count * 1e9 / elapsed);
    }
}
