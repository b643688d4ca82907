package dev.firelane.coordinator.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSpecsTest {
    @TempDir
    Path dir;

    @Test
    void a_comma_list_gives_name_role_and_secret_of_each_token() {
        List<ApiToken> tokens = TokenSpecs.parseList(" alice:operator:aaaaaaaaaaaaaaaa1 , grafana:VIEWER:bbbbbbbbbbbbbbbb:2 ");
        assertThat(tokens).containsExactly(new ApiToken("alice", Role.OPERATOR, "aaaaaaaaaaaaaaaa1"),
                new ApiToken("grafana", Role.VIEWER, "bbbbbbbbbbbbbbbb:2"));
        assertThat(TokenSpecs.parseList("")).isEmpty();
        assertThat(TokenSpecs.parseList(null)).isEmpty();
    }

    @Test
    void a_file_holds_one_token_a_line_with_comments_and_blank_lines() throws Exception {
        Path file = Files.writeString(dir.resolve("tokens"), "# people\nalice:operator:aaaaaaaaaaaaaaaa1\n\n"
                + "  ci-bot@example:viewer:cccccccccccccccc  \n");
        assertThat(TokenSpecs.readFile(file)).extracting(ApiToken::name).containsExactly("alice", "ci-bot@example");
    }

    @Test
    void mistakes_name_the_token_or_line_and_never_show_a_secret() throws Exception {
        assertThatThrownBy(() -> TokenSpecs.parseList("alice:operator:aaaaaaaaaaaaaaaa1,bob:admin:bbbbbbbbbbbbbbbb"))
                .hasMessage("token 2: role must be viewer or operator; got 'admin'");
        assertThatThrownBy(() -> TokenSpecs.parseList("just-a-secret-value-here"))
                .hasMessage("token 1 must be written name:role:secret");
        Path file = Files.writeString(dir.resolve("tokens"), "alice:operator:tooshort\n");
        assertThatThrownBy(() -> TokenSpecs.readFile(file))
                .hasMessageContaining(file + " line 1").message().doesNotContain("tooshort");
        assertThatThrownBy(() -> TokenSpecs.readFile(dir.resolve("missing")))
                .hasMessageContaining("cannot read the API tokens file");
    }
}
