package dev.firelane.deploy.chaos;

import dev.firelane.deploy.e2e.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operators of the chaos suite: random pauses, resumes, triggers, updates, deletes and re-creates through the
 * REST API, one every {@link #EVERY}, from a seeded {@link Random}. A call the coordinator cannot answer (it is
 * down, or the database is) counts as what it was answered; the topics, not these answers, are what the checker
 * reads.
 */
final class Workload implements AutoCloseable {
    static final Duration EVERY = Duration.ofMillis(100);
    private static final String[] OVERLAP = {"skip", "allow", "queue"};
    private static final String[] MISFIRE = {"once", "all", "skip"};

    private final ApiClient api;
    private final List<String> jobIds;
    private final Random random;
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> answers = new ConcurrentSkipListMap<>();
    private final Map<String, long[]> seen = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-workload");
        t.setDaemon(true);
        return t;
    });

    Workload(ApiClient api, List<String> jobIds, long seed) {
        this.api = api;
        this.jobIds = List.copyOf(jobIds);
        this.random = new Random(seed);
    }

    /**
     * A job of the suite: every second, a {@code sleep} of up to 400 ms with a 5 s timeout; one in ten fails and
     * has a second attempt; the overlap and misfire policies vary.
     */
    static String spec(String id, Random random, boolean withId) {
        boolean fail = random.nextInt(10) == 0;
        return "{" + (withId ? "\"id\":\"" + id + "\"," : "") + "\"scheduleKind\":\"every\",\"schedule\":\""
                + (random.nextInt(8) == 0 ? "2s" : "1s") + "\",\"handler\":\"sleep\",\"payload\":{\"ms\":"
                + random.nextInt(400) + ",\"fail\":" + fail + "},\"timeout\":\"5s\",\"maxAttempts\":" + (fail ? 2 : 1)
                + ",\"overlap\":\"" + OVERLAP[random.nextInt(OVERLAP.length)] + "\",\"misfire\":\""
                + MISFIRE[random.nextInt(MISFIRE.length)] + "\"}";
    }

    void start() {
        scheduler.scheduleAtFixedRate(this::step, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void step() {
        String job = jobIds.get(random.nextInt(jobIds.size()));
        int dice = random.nextInt(100);
        String op;
        ApiClient.Reply reply;
        try {
            if (dice < 15) {
                op = "pause";
                reply = api.post("/api/jobs/" + job + "/pause", "{\"reason\":\"chaos\"}");
            } else if (dice < 50) {
                op = "resume";
                reply = api.post("/api/jobs/" + job + "/resume", "{}");
            } else if (dice < 65) {
                op = "trigger";
                reply = api.post("/api/jobs/" + job + "/trigger", "{}");
            } else if (dice < 82) {
                op = "update";
                reply = api.put("/api/jobs/" + job, spec(job, random, false));
            } else if (dice < 90) {
                op = "delete";
                reply = api.delete("/api/jobs/" + job, "{}");
                if (reply.status() / 100 == 2) {
                    deleted.add(job);
                }
            } else {
                op = "re-create";
                String gone = deleted.stream().findAny().orElse(job);
                reply = api.post("/api/jobs", spec(gone, random, true));
                if (reply.status() / 100 == 2) {
                    deleted.remove(gone);
                }
            }
            count(op + " " + reply.status());
        } catch (RuntimeException e) {
            count(opName(dice) + " unanswered: " + reason(e));
        }
    }

    /** The innermost cause's type and message, short: what an operator's client would have shown. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : " " + root.getMessage();
        String text = root.getClass().getSimpleName() + message;
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static String opName(int dice) {
        return dice < 15 ? "pause" : dice < 50 ? "resume" : dice < 65 ? "trigger" : dice < 82 ? "update"
                : dice < 90 ? "delete" : "re-create";
    }

    private void count(String what) {
        answers.computeIfAbsent(what, k -> new LongAdder()).increment();
        long at = (System.nanoTime() - startNanos) / 1_000_000_000L;
        seen.computeIfAbsent(what, k -> new long[] {at, at})[1] = at;
    }

    /** When each kind of answer was first and last seen, in seconds since the start: "pause 200" → "+3..+95 s". */
    Map<String, String> seen() {
        Map<String, String> out = new TreeMap<>();
        seen.forEach((k, v) -> out.put(k, "+" + v[0] + "..+" + v[1] + " s"));
        return out;
    }

    /** What was sent and how it was answered: "pause 200" → count. */
    Map<String, Long> answers() {
        Map<String, Long> out = new TreeMap<>();
        answers.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long sent() {
        return answers.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
