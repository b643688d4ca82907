package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobSpecValidator;
import java.util.HashSet;
import java.util.Set;

/** The body of {@code POST /api/jobs}: a {@link JobSpec} plus {@code paused} and {@code reason}. */
record CreateJobRequest(JobSpec spec, boolean paused, String reason) {
    static final Set<String> FIELDS = fields();

    /** Parses and validates; throws {@link ApiException} 400 naming the field at fault. */
    static CreateJobRequest parse(byte[] body, JobSpecValidator validator) {
        return parse(Bodies.object(body), validator);
    }

    /** Parses and validates one job object: the body, or one item of a bulk request. */
    static CreateJobRequest parse(JsonNode root, JobSpecValidator validator) {
        JobSpecJson.checkKnownFields(root, FIELDS);
        try {
            JobSpec spec = JobSpecJson.spec(root, null);
            validator.validate(spec);
            return new CreateJobRequest(spec, JobSpecJson.bool(root, "paused"), Bodies.reason(root));
        } catch (InvalidFieldException e) {
            throw ApiException.invalid(e.field(), e.reason());
        }
    }

    private static Set<String> fields() {
        Set<String> fields = new HashSet<>(JobSpecJson.SPEC_FIELDS);
        fields.add("paused");
        fields.add("reason");
        return Set.copyOf(fields);
    }
}
