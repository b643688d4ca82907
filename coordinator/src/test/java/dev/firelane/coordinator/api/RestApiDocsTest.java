package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rest-api.md is what {@link RestApiDocs} writes from the OpenAPI document, so it cannot drift from the API. */
class RestApiDocsTest {
    static final String WRITE = "firelane.docs.write";
    static final String REGENERATE = "mvn -q test -pl coordinator -am -Dtest=RestApiDocsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true";

    @Test
    void docs_rest_api_md_is_generated_from_the_openapi_document() throws IOException {
        Path file = repositoryRoot().resolve("docs/rest-api.md");
        String generated = new RestApiDocs(OpenApiDocument.load()).markdown();
        if (Boolean.getBoolean(WRITE)) {
            Files.writeString(file, generated);
        }
        assertThat(file).as("docs/rest-api.md is missing; write it with: " + REGENERATE).exists();
        String checkedIn = Files.readString(file);
        if (!checkedIn.equals(generated)) {
            fail("docs/rest-api.md is stale: it is generated from " + RestApiDocs.SOURCE + "; regenerate it with: "
                    + REGENERATE + "\n" + firstDifference(checkedIn, generated));
        }
    }

    private static String firstDifference(String checkedIn, String generated) {
        String[] a = checkedIn.split("\n", -1);
        String[] b = generated.split("\n", -1);
        int line = 0;
        while (line < a.length && line < b.length && a[line].equals(b[line])) {
            line++;
        }
        return "first difference at line " + (line + 1) + ":\n  checked in: " + (line < a.length ? a[line] : "(end)")
                + "\n  generated:  " + (line < b.length ? b[line] : "(end)");
    }

    @Test
    void the_docs_name_every_operation_with_its_role_and_the_error_shape() {
        String generated = new RestApiDocs(OpenApiDocument.load()).markdown();
        for (OpenApiDocument.Operation op : OpenApiDocument.load().operations()) {
            assertThat(generated).contains("### " + op.method() + " " + op.path())
                    .contains("Role: " + op.role() + ".");
        }
        assertThat(generated).contains("## Errors").contains("| `error` |").contains("| `field` |")
                .contains("| `message` |");
    }

    /** Tests run in the module's folder; the repository's root is its parent. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(here.resolve("coordinator")) ? here : here.getParent();
        assertThat(root.resolve("coordinator/pom.xml")).as("the repository's root from " + here).exists();
        return root;
    }
}
