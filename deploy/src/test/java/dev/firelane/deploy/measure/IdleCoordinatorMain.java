package dev.firelane.deploy.measure;

import dev.firelane.coordinator.fire.FireStream;
import dev.firelane.coordinator.fire.FireTopologyConfig;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The fire topology alone in a JVM of its own, for {@link IdleCoordinatorCpu}: prints, once a second after it
 * runs, a line {@code SAMPLE <nanos> <process cpu nanos> <polls> <punctuations> <commits> <stream thread cpu nanos>}
 * (the stream thread's totals, from its JMX metrics and the thread MXBean). Arguments: bootstrap servers, state dir, topic prefix, punctuation
 * interval (ISO-8601), and {@code poll.ms} or {@code -} for what {@link FireStream} chooses. Stops when its
 * standard input closes.
 */
public final class IdleCoordinatorMain {
    private IdleCoordinatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        base.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(args[1]).toAbsolutePath().toString());
        base.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        if (!args[4].equals("-")) {
            base.put(StreamsConfig.POLL_MS_CONFIG, args[4]);
        }
        FireTopologyConfig config = FireTopologyConfig.builder().topicPrefix(args[2]).clock(Clock.systemUTC())
                .punctuationInterval(Duration.parse(args[3])).build();
        FireStream stream = new FireStream(base, config);
        stream.start();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> sample(stream), 1, 1, TimeUnit.SECONDS);
        InputStream in = System.in;
        while (in.read() >= 0) {
            // the parent never writes; end of input means it is gone
        }
        sampler.shutdownNow();
        stream.close(Duration.ofSeconds(5));
        System.exit(0);
    }

    private static void sample(FireStream stream) {
        if (stream.state() != KafkaStreams.State.RUNNING) {
            System.out.println("STATE " + stream.state());
            return;
        }
        try {
            long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            System.out.printf("SAMPLE %d %d %.0f %.0f %.0f %d%n", System.nanoTime(), cpu, threadTotal("poll-total"),
                    threadTotal("punctuate-total"), threadTotal("commit-total"), streamThreadCpu());
        } catch (Exception e) {
            System.out.println("SAMPLE-FAILED " + e);
        }
    }

    /** CPU nanoseconds of the stream threads alone (no producer, consumer or GC threads). */
    private static long streamThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-StreamThread-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static double threadTotal(String attribute) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("kafka.streams:type=stream-thread-metrics,*"), null);
        double total = 0;
        for (ObjectName name : names) {
            try {
                total += ((Number) server.getAttribute(name, attribute)).doubleValue();
            } catch (AttributeNotFoundException e) {
                // another thread's metrics (the state updater's), without this one
            }
        }
        return total;
    }
}
