package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobSpecValidator;
import java.util.HashSet;
import java.util.Set;

/**
 * The body of {@code PUT /api/jobs/{id}}: the job's whole new definition (fields left out take their
 * defaults, as in a create) plus {@code reason}. {@code id} may be left out; if given it must match the path.
 * An update never changes the status: pause and resume do.
 */
record UpdateJobRequest(JobSpec spec, String reason) {
    static final Set<String> FIELDS = fields();

    /** Parses and validates; throws {@link ApiException} 400 naming the field at fault. */
    static UpdateJobRequest parse(byte[] body, String pathId, JobSpecValidator validator) {
        JsonNode root = Bodies.object(body);
        JobSpecJson.checkKnownFields(root, FIELDS);
        try {
            JobSpec spec = JobSpecJson.spec(root, pathId);
            if (!pathId.equals(spec.id())) {
                throw new InvalidFieldException("id", "'" + spec.id() + "' does not match the job in the path, '"
                        + pathId + "'; a job's id cannot change");
            }
            validator.validate(spec);
            return new UpdateJobRequest(spec, Bodies.reason(root));
        } catch (InvalidFieldException e) {
            throw ApiException.invalid(e.field(), e.reason());
        }
    }

    private static Set<String> fields() {
        Set<String> fields = new HashSet<>(JobSpecJson.SPEC_FIELDS);
        fields.add("reason");
        return Set.copyOf(fields);
    }
}
