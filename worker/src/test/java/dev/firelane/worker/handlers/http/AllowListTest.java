package dev.firelane.worker.handlers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllowListTest {
    /** A resolver from a fixed table: no DNS in tests. */
    private static final AllowList.Resolver DNS = host -> {
        Map<String, String> table = Map.of("hooks.example.com", "93.184.216.34", "intranet.example.com", "10.1.2.3",
                "metadata.example.com", "169.254.169.254", "mixed.example.com", "93.184.216.34");
        String address = table.get(host);
        if (address == null) {
            return InetAddress.getAllByName(host); // IP literals only
        }
        return host.equals("mixed.example.com")
                ? new InetAddress[] {InetAddress.getByName(address), InetAddress.getByName("127.0.0.1")}
                : new InetAddress[] {InetAddress.getByName(address)};
    };

    @Test
    void public_allows_public_addresses_and_refuses_internal_ones() {
        AllowList allow = AllowList.publicOnly();
        assertThat(refusal(allow, "https://hooks.example.com/x")).isNull();
        assertThat(refusal(allow, "http://93.184.216.34/x")).isNull();
        assertThat(refusal(allow, "http://intranet.example.com/")).contains("10.1.2.3", "not allowed", "public");
        assertThat(refusal(allow, "http://metadata.example.com/latest/meta-data/")).contains("169.254.169.254");
        assertThat(refusal(allow, "http://mixed.example.com/")).as("one internal address is enough").isNotNull();
        for (String internal : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1",
                "0.0.0.0", "[::1]", "[fd00::1]", "[fe80::1]", "224.0.0.1"}) {
            assertThat(refusal(allow, "http://" + internal + "/")).as(internal).isNotNull();
        }
    }

    @Test
    void cidrs_hosts_domains_and_prefixes_allow_what_they_name() {
        AllowList allow = AllowList.parse("10.1.0.0/16, api.example.com, *.corp.example.com, https://hooks.example.com/firelane/");
        assertThat(refusal(allow, "http://intranet.example.com/")).isNull(); // 10.1.2.3 in 10.1/16
        assertThat(refusal(allow, "http://10.2.0.1/")).isNotNull();
        assertThat(refusal(allow, "https://API.example.com/v1")).isNull();
        assertThat(refusal(allow, "https://a.corp.example.com/")).isNull();
        assertThat(refusal(allow, "https://corp.example.com/")).isNotNull();
        assertThat(refusal(allow, "https://hooks.example.com/firelane/job")).isNull();
        assertThat(refusal(allow, "https://hooks.example.com/other")).as("public, but not in the list").isNotNull();
    }

    @Test
    void loopback_allows_this_machine_only() {
        AllowList allow = AllowList.parse("public, loopback");
        assertThat(refusal(allow, "http://127.0.0.1:9000/hook")).isNull();
        assertThat(refusal(allow, "http://127.1.2.3/")).as("all of 127/8").isNull();
        assertThat(refusal(allow, "http://[::1]:9000/")).isNull();
        assertThat(refusal(allow, "https://hooks.example.com/x")).as("public still allowed").isNull();
        assertThat(refusal(allow, "http://intranet.example.com/")).as("private is not loopback").contains("10.1.2.3");
        assertThat(refusal(allow, "http://metadata.example.com/")).isNotNull();
        assertThat(refusal(allow, "http://mixed.example.com/")).as("one public and one loopback address: neither rule holds alone")
                .isNotNull();
        assertThat(refusal(AllowList.parse("loopback"), "https://hooks.example.com/x")).isNotNull();
    }

    @Test
    void a_refusal_names_the_list_and_says_how_to_change_it() {
        assertThat(refusal(AllowList.publicOnly(), "http://127.0.0.1:9000/"))
                .isEqualTo("destination 127.0.0.1 (127.0.0.1) is not allowed by the http allow-list 'public'; "
                        + AllowList.DEFAULT_REMEDY);
        AllowList dev = AllowList.parse("public").withRemedy("start firelane dev with --http-allow RULES");
        assertThat(refusal(dev, "http://intranet.example.com/"))
                .endsWith("is not allowed by the http allow-list 'public'; start firelane dev with --http-allow RULES");
        assertThat(dev.toString()).isEqualTo("public");
        assertThatThrownBy(() -> dev.withRemedy(" ")).hasMessageContaining("remedy");
    }

    @Test
    void star_allows_everything_and_bad_rules_are_refused_when_read() {
        assertThat(refusal(AllowList.parse("*"), "http://127.0.0.1:1/")).isNull();
        assertThatThrownBy(() -> AllowList.parse(" , ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> AllowList.parse("10.0.0.0/99")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> AllowList.parse("example.com/8")).hasMessageContaining("CIDR");
        assertThatThrownBy(() -> AllowList.parse("not a host")).hasMessageContaining("not public");
    }

    @Test
    void an_unresolvable_host_is_refused_by_address_rules() {
        AllowList.Resolver none = host -> {
            throw new UnknownHostException(host);
        };
        assertThat(AllowList.publicOnly().refusal(URI.create("https://nowhere.invalid/"), none)).contains("does not resolve");
    }

    private static String refusal(AllowList allow, String url) {
        return allow.refusal(URI.create(url), DNS);
    }
}
