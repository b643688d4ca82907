/**
 * The status stream: the single writer of the job database. It reads {@code control}, {@code fires} and
 * {@code runs} and applies them in batches with MyBatis conditional SQL, so that a run finishing never overwrites
 * a pause. Only this package writes through the write mappers ({@code JobMapper}, {@code RunMapper},
 * {@code CommandMapper}, {@code RetentionMapper}); every {@code UPDATE} of a status carries its allowed
 * transition in its {@code WHERE}. May use {@code store}, {@code schedule},
 * {@code metrics} and the consumer timing {@code fire} shares; never {@code api}.
 */
package dev.firelane.coordinator.status;
