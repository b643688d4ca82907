package dev.firelane.deploy.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.api.auth.ApiToken;
import dev.firelane.coordinator.api.auth.Role;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class DevTokenTest {
    @Test
    void each_token_is_a_new_256_bit_operator_secret_named_after_the_user() {
        ApiToken a = DevToken.generate(new SecureRandom(), "alice");
        ApiToken b = DevToken.generate(new SecureRandom(), "alice");
        assertThat(a.role()).isEqualTo(Role.OPERATOR);
        assertThat(a.name()).isEqualTo("alice");
        assertThat(a.secret()).startsWith("fl_").hasSize(3 + 43).isNotEqualTo(b.secret());
    }

    @Test
    void a_login_name_that_is_no_valid_token_name_becomes_operator() {
        assertThat(DevToken.nameFor("Jane Doe")).isEqualTo("operator");
        assertThat(DevToken.nameFor(null)).isEqualTo("operator");
        assertThat(DevToken.nameFor("jane.doe")).isEqualTo("jane.doe");
    }
}
