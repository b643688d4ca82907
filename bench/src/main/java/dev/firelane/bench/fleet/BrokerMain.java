package dev.firelane.bench.fleet;

import dev.firelane.deploy.dev.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A standalone one-node KRaft broker in its own JVM, for benchmarks of the production shape (broker,
 * coordinator and workers as separate processes). Prints {@code BOOTSTRAP host:port} once it serves
 * clients and runs until its standard input closes (the parent went away) or it is killed.
 *
 * <pre>java -cp bench.jar dev.firelane.bench.fleet.BrokerMain DATA_DIR</pre>
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BrokerMain DATA_DIR");
            System.exit(2);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(Path.of(args[0])).start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "broker-shutdown"));
        System.out.println("BOOTSTRAP " + kafka.bootstrapServers());
        System.out.flush();
        // the parent holds our stdin open; its end (normal or not) is ours
        while (System.in.read() >= 0) {
            // ignore input
        }
        kafka.close();
    }
}
