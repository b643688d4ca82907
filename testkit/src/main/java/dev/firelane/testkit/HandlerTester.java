package dev.firelane.testkit;

import dev.firelane.protocol.Fire;
import dev.firelane.worker.WorkerConfig;
import dev.firelane.worker.spi.JobHandler;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs a {@link JobHandler} against fires built in the test, without a broker, a coordinator or a worker, and
 * reports each run as a worker would: the {@code RunOutcome} for what the handler returned or threw, a deadline
 * passed, a cancel. The way db-scheduler's {@code ManualScheduler} lets users test tasks.
 *
 * <pre>{@code
 * HandlerTester tester = HandlerTester.of(new ReportHandler());
 *
 * RunReport report = tester.run(FireBuilder.aFire().payload("{\"day\":\"2030-01-01\"}").build());
 * assertThat(report.outcome()).isEqualTo(RunOutcome.OK);
 *
 * ManualRun run = tester.start(FireBuilder.aFire().timeout(Duration.ofSeconds(30)).build());
 * tester.clock().advance(Duration.ofSeconds(31));            // past the deadline: interrupted, timed out
 * assertThat(run.awaitOutcome().outcome()).isEqualTo(RunOutcome.TIMEOUT);
 * }</pre>
 *
 * <p>Each run gets a thread of its own, so that the test can cancel it or move the clock while the handler runs;
 * the handler's thread has {@code jobId} and {@code fireId} in the SLF4J MDC, and its {@code RunContext.clock()}
 * is {@link #clock()}. What a worker alone decides is not simulated: a fire of a paused job ({@code skipped}),
 * a worker gone silent ({@code abandoned}), redelivery. Built with {@link #builder(JobHandler)}; thread-safe, and
 * one tester may run many fires, at once too.
 */
public final class HandlerTester {
    /** How long a cancelled run may go on before it is interrupted: the worker's default. */
    public static final Duration DEFAULT_CANCEL_GRACE = WorkerConfig.DEFAULT_CANCEL_GRACE;
    /** How long an interrupted run may go on before it is given up on: the worker's default. */
    public static final Duration DEFAULT_INTERRUPT_GRACE = WorkerConfig.DEFAULT_INTERRUPT_GRACE;
    /** How long {@link ManualRun#awaitOutcome()} and {@link #run(Fire)} wait for an outcome, in real time. */
    public static final Duration DEFAULT_AWAIT_TIMEOUT = Duration.ofSeconds(30);
    /** The worker id in the reported run events. */
    public static final String DEFAULT_WORKER_ID = "test-worker";

    private final JobHandler handler;
    private final SettableClock clock;
    private final Settings settings;

    private HandlerTester(Builder b) {
        this.handler = b.handler;
        this.clock = b.clock != null ? b.clock : new SettableClock();
        this.settings = new Settings(b.cancelGrace, b.interruptGrace, b.awaitTimeout, b.workerId);
    }

    /**
     * A tester of {@code handler} with every default: a new {@link SettableClock} at
     * {@link SettableClock#DEFAULT_START}, the worker's graces.
     *
     * @param handler the handler under test
     * @return a tester
     */
    public static HandlerTester of(JobHandler handler) {
        return builder(handler).build();
    }

    /**
     * A builder of a tester of {@code handler}.
     *
     * @param handler the handler under test
     * @return a builder with every default
     */
    public static Builder builder(JobHandler handler) {
        return new Builder(handler);
    }

    /**
     * The clock the handler sees; move it to pass deadlines.
     *
     * @return the tester's clock
     */
    public SettableClock clock() {
        return clock;
    }

    /**
     * Starts the handler on {@code fire} on a thread of its own and returns at once. A fire whose deadline has
     * passed by {@link #clock()} is settled {@code timeout} without calling the handler, as a worker does. The
     * tester runs its handler whatever handler name the fire carries.
     *
     * @param fire the fire, e.g. from {@link FireBuilder}
     * @return the run, to cancel it and await its outcome
     */
    public ManualRun start(Fire fire) {
        return new ManualRun(Objects.requireNonNull(fire, "fire"), handler, clock, settings).start();
    }

    /**
     * Runs the handler on {@code fire} and waits for its outcome (at most the await timeout).
     *
     * @param fire the fire, e.g. from {@link FireBuilder}
     * @return the outcome as a worker would report it
     * @throws AssertionError if the handler has not finished within the await timeout
     */
    public RunReport run(Fire fire) {
        return start(fire).awaitOutcome();
    }

    @Override
    public String toString() {
        return "HandlerTester[" + handler.name() + ", " + clock + "]";
    }

    /** The graces and limits every run of a tester shares. */
    record Settings(Duration cancelGrace, Duration interruptGrace, Duration awaitTimeout, String workerId) {
    }

    /** Configures a {@link HandlerTester}; every setting has a {@code DEFAULT_*}. */
    public static final class Builder {
        private final JobHandler handler;
        private SettableClock clock;
        private Duration cancelGrace = DEFAULT_CANCEL_GRACE;
        private Duration interruptGrace = DEFAULT_INTERRUPT_GRACE;
        private Duration awaitTimeout = DEFAULT_AWAIT_TIMEOUT;
        private String workerId = DEFAULT_WORKER_ID;

        private Builder(JobHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /**
         * The clock the handler sees, to share one clock with other objects of the test.
         *
         * @param clock the clock; by default a new {@link SettableClock}
         * @return this builder
         */
        public Builder clock(SettableClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a cancelled run may go on before its thread is interrupted (the worker's
         * {@code worker.cancel.grace}). Real time.
         *
         * @param cancelGrace zero or more; zero interrupts at once
         * @return this builder
         */
        public Builder cancelGrace(Duration cancelGrace) {
            this.cancelGrace = notNegative(cancelGrace, "cancelGrace");
            return this;
        }

        /**
         * How long an interrupted run may go on before it is given up on and reported without its result (the
         * worker's interrupt grace). Real time.
         *
         * @param interruptGrace zero or more
         * @return this builder
         */
        public Builder interruptGrace(Duration interruptGrace) {
            this.interruptGrace = notNegative(interruptGrace, "interruptGrace");
            return this;
        }

        /**
         * How long {@link HandlerTester#run(Fire)} and {@link ManualRun#awaitOutcome()} wait before failing the test.
         *
         * @param awaitTimeout a positive duration, real time
         * @return this builder
         */
        public Builder awaitTimeout(Duration awaitTimeout) {
            if (awaitTimeout == null || awaitTimeout.isZero() || awaitTimeout.isNegative()) {
                throw new IllegalArgumentException("awaitTimeout must be positive, got " + awaitTimeout);
            }
            this.awaitTimeout = awaitTimeout;
            return this;
        }

        /**
         * The worker id the reported run events carry.
         *
         * @param workerId not blank
         * @return this builder
         */
        public Builder workerId(String workerId) {
            if (workerId == null || workerId.isBlank()) {
                throw new IllegalArgumentException("workerId must not be blank");
            }
            this.workerId = workerId;
            return this;
        }

        /**
         * The tester.
         *
         * @return a tester of the handler
         */
        public HandlerTester build() {
            return new HandlerTester(this);
        }

        private static Duration notNegative(Duration value, String name) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be zero or more, got " + value);
            }
            return value;
        }
    }
}
