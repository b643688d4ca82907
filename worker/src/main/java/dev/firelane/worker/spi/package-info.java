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
 *   <li>put the jar on the worker's class path. The worker logs the handler names it found at start.</li>
 * </ol>
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
