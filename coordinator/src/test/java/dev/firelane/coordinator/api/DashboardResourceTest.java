package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard's files come from the jar, with a policy that lets the page talk to this server only. */
class DashboardResourceTest {
    private static final Pattern EXTERNAL = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    private static final String[] SCRIPTS = {"/assets/app.js", "/assets/dom.js", "/assets/charts.js", "/assets/system.js",
            "/assets/timeline.js"};
    /** The SVG namespace names no host to load from: createElementNS needs it. */
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private final ApiTestServer api = ApiTestServer.withHandlers("noop");

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void the_page_is_html_with_a_same_origin_content_security_policy() {
        var page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.raw().headers().firstValue("Content-Security-Policy")).hasValue(DashboardResource.CSP);
        assertThat(DashboardResource.CSP).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'");
        assertThat(page.raw().body()).contains("<script src=\"assets/app.js\"", "id=\"token-dialog\"");
    }

    @Test
    void assets_are_served_with_their_types_and_nothing_else_is() {
        assertThat(api.get("/assets/app.js").raw().headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(api.get("/assets/style.css").raw().headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=utf-8");
        assertThat(api.get("/assets/favicon.svg").raw().headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        for (String script : SCRIPTS) {
            assertThat(api.get(script).raw().headers().firstValue("Content-Type")).as(script)
                    .hasValue("text/javascript; charset=utf-8");
            assertThat(api.get("/").raw().body()).contains("<script src=\"" + script.substring(1) + "\" defer>");
        }
        assertThat(api.get("/assets/secrets.txt").status()).isEqualTo(404);
        assertThat(api.get("/assets/..%2Fapi%2FApiServer.class").status()).isEqualTo(404);
        assertThat(api.get("/assets/app.js/x").status()).isEqualTo(404);
    }

    @Test
    void no_file_of_the_dashboard_loads_anything_from_another_host() {
        for (String path : new String[] {"/", "/assets/style.css"}) {
            assertThat(EXTERNAL.matcher(api.get(path).raw().body()).find()).as(path).isFalse();
        }
        for (String script : SCRIPTS) {
            String body = api.get(script).raw().body().replace("'" + SVG_NS + "'", "");
            assertThat(EXTERNAL.matcher(body).find()).as(script + " beyond the SVG namespace").isFalse();
        }
        String svg = api.get("/assets/favicon.svg").raw().body().replace("xmlns=\"" + SVG_NS + "\"", "");
        assertThat(EXTERNAL.matcher(svg).find()).as("the svg beyond its namespace").isFalse();
    }

    @Test
    void no_script_writes_markup_from_data() {
        for (String path : SCRIPTS) {
            String script = api.get(path).raw().body();
            assertThat(script).as(path).doesNotContain("innerHTML").doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("eval(");
        }
    }
}
