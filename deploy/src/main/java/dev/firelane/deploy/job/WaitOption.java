package dev.firelane.deploy.job;

import picocli.CommandLine.Option;

/** {@code --no-wait} of the commands that change a job. */
final class WaitOption {
    @Option(names = "--no-wait", description = {"return as soon as the server has the command (HTTP 202) instead of"
            + " waiting until it is applied; follow it with 'firelane job audit ID'"})
    boolean noWait;
}
