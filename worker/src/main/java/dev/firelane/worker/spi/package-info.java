/**
 * The handler SPI: what a job runs.
 *
 * <p>A job names a handler ({@code --handler NAME}); every worker looks the name up among the
 * {@link dev.firelane.worker.spi.JobHandler}s it found with {@link java.util.ServiceLoader} and runs it
 * once per fire. To add one:
 *
 * <ol>
 *   <li>implement {@link dev.firelane.worker.spi.JobHandler} in a public class with a public no-argument
 *       constructor;</li>
 *   <li>list its fully qualified class name, one per line, in
 *       {@code META-INF/services/dev.firelane.worker.spi.JobHandler} of your jar;</li>
 *   <li>put the jar in the worker's handlers directory ({@code worker.handlers.dir}, see
 *       {@link dev.firelane.worker.HandlerRegistry#load(java.nio.file.Path)}) or on its class path. The worker
 *       logs the handler names it found at start.</li>
 * </ol>
 *
 * <p>Unit-test a handler without a broker with {@code firelane-testkit} ({@code dev.firelane.testkit.HandlerTester}):
 * a fire built in the test, a settable clock, a deadline and a cancel, and the outcome a worker would report.
 * {@code docs/handlers.md} covers writing, testing, packaging and deploying; {@code examples/hello-handler} is a
 * complete project.
 *
 * <pre>{@code
 * package com.example;
 *
 * public final class ReportHandler implements JobHandler {
 *     public String name() { return "report"; }
 *
 *     public HandlerResult run(RunContext context) throws Exception {
 *         String day = context.payload().path("day").asText();
 *         if (!reports.exists(context.fireId())) {      // the fire id is the idempotency key
 *             reports.build(context.fireId(), day);
 *         }
 *         return HandlerResult.ok();
 *     }
 * }
 * }</pre>
 *
 * <p>and in {@code src/main/resources/META-INF/services/dev.firelane.worker.spi.JobHandler}:
 *
 * <pre>{@code
 * com.example.ReportHandler
 * }</pre>
 */
package dev.firelane.worker.spi;
