package dev.firelane.coordinator.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiAuthTest {
    static final String ALICE_SECRET = "alice-secret-0123456789";
    static final String GRAFANA_SECRET = "grafana-secret-0123456789";
    private final ApiAuth auth = ApiAuth.tokens(List.of(new ApiToken("alice", Role.OPERATOR, ALICE_SECRET),
            new ApiToken("grafana", Role.VIEWER, GRAFANA_SECRET)));

    @Test
    void a_known_bearer_token_names_its_caller_and_role() {
        assertThat(auth.authenticate("Bearer " + ALICE_SECRET)).hasValue(new Caller("alice", Role.OPERATOR, true));
        assertThat(auth.authenticate("bearer " + GRAFANA_SECRET)).hasValue(new Caller("grafana", Role.VIEWER, true));
    }

    @Test
    void unknown_malformed_or_missing_tokens_name_nobody() {
        assertThat(auth.authenticate(null)).isEmpty();
        assertThat(auth.authenticate("")).isEmpty();
        assertThat(auth.authenticate("Bearer ")).isEmpty();
        assertThat(auth.authenticate(ALICE_SECRET)).as("no scheme").isEmpty();
        assertThat(auth.authenticate("Basic " + ALICE_SECRET)).isEmpty();
        assertThat(auth.authenticate("Bearer " + ALICE_SECRET + "x")).isEmpty();
        assertThat(auth.authenticate("Bearer " + ALICE_SECRET.substring(1))).isEmpty();
    }

    @Test
    void an_open_api_authenticates_nobody_and_says_so() {
        assertThat(ApiAuth.open().isOpen()).isTrue();
        assertThat(ApiAuth.open().authenticate("Bearer " + ALICE_SECRET)).isEmpty();
        assertThat(auth.isOpen()).isFalse();
    }

    @Test
    void descriptions_show_names_and_roles_never_secrets() {
        assertThat(auth.toString()).isEqualTo("tokens[alice:operator, grafana:viewer]").doesNotContain(ALICE_SECRET);
        assertThat(new ApiToken("alice", Role.OPERATOR, ALICE_SECRET).toString()).isEqualTo("alice:operator:****");
    }

    @Test
    void tokens_must_be_unique_by_name_and_by_secret() {
        assertThatThrownBy(() -> ApiAuth.tokens(List.of(new ApiToken("a", Role.OPERATOR, ALICE_SECRET),
                new ApiToken("a", Role.VIEWER, GRAFANA_SECRET)))).hasMessageContaining("two API tokens are named 'a'");
        assertThatThrownBy(() -> ApiAuth.tokens(List.of(new ApiToken("a", Role.OPERATOR, ALICE_SECRET),
                new ApiToken("b", Role.VIEWER, ALICE_SECRET)))).hasMessageContaining("share a secret")
                .message().doesNotContain(ALICE_SECRET);
        assertThatThrownBy(() -> ApiAuth.tokens(List.of())).hasMessageContaining("at least one");
    }

    @Test
    void short_secrets_and_odd_names_are_refused_without_echoing_the_secret() {
        assertThatThrownBy(() -> new ApiToken("bob", Role.OPERATOR, "short"))
                .hasMessageContaining("at least 16 characters").message().doesNotContain("short");
        assertThatThrownBy(() -> new ApiToken("bob", Role.OPERATOR, "has a space in it!!"))
                .hasMessageContaining("printable");
        assertThatThrownBy(() -> new ApiToken("bo b", Role.OPERATOR, ALICE_SECRET)).hasMessageContaining("token name");
        assertThatThrownBy(() -> new ApiToken("", Role.OPERATOR, ALICE_SECRET)).hasMessageContaining("token name");
    }
}
