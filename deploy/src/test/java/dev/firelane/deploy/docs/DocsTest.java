package dev.firelane.deploy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.deploy.FirelaneCli;
import dev.firelane.deploy.server.FirelaneProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The README and {@code docs/} as a new user reads them: every relative link leads to a file of the repository
 * (and a heading, when it names one), no link leaves the repository, and every {@code firelane} command shown
 * names real subcommands and options of the CLI.
 */
class DocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)|<(https?://[^>]+)>");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a (?:id|name)=\"([^\"]+)\"");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`\\n]+)`");
    /**
     * {@code firelane} or {@code ./firelane} where a command starts (a line, after a prompt, {@code ;}, {@code &&},
     * {@code |}, variables set before it), followed by words: a command line of the CLI.
     */
    private static final Pattern COMMAND = Pattern.compile(
            "(?:^\\s*(?:\\$\\s+)?|[;&|(]\\s*|Try:\\s+)(?:[A-Z_]+=\\S+\\s+)*(?:\\./)?firelane((?: +[^\\s#;&|`]+)+)",
            Pattern.MULTILINE);
    private static final CommandLine CLI = FirelaneCli.commandLine();
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    @Test
    void every_relative_link_resolves_inside_the_repository() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            for (String target : links(doc)) {
                checked++;
                String problem = problem(doc, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(doc) + ": (" + target + ") " + problem);
                }
            }
        }
        assertThat(checked).as("links found").isGreaterThan(50);
        assertThat(broken).isEmpty();
    }

    @Test
    void the_checker_sees_a_broken_link_a_missing_heading_and_a_link_out_of_the_repository() {
        Path readme = ROOT.resolve("README.md");
        assertThat(problem(readme, "docs/cli.md")).isNull();
        assertThat(problem(readme, "docs/no-such-page.md")).contains("no such file");
        assertThat(problem(readme, "docs/cli.md#no-such-heading")).contains("no heading");
        assertThat(problem(readme, "../shared/DESIGN.md")).contains("outside the repository");
        assertThat(problem(readme, "https://github.com/x/y")).contains("leaves the repository");
        assertThat(problem(readme, "http://localhost:8080/")).isNull();
    }

    @Test
    void every_firelane_command_shown_exists_with_the_options_it_is_shown_with() {
        List<String> commands = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Path doc : documents()) {
            for (String line : commandLines(read(doc))) {
                commands.add(line);
                String problem = cliProblem(line);
                if (problem != null) {
                    wrong.add(ROOT.relativize(doc) + ": firelane" + line + " — " + problem);
                }
            }
        }
        assertThat(commands).as("commands found in the docs").hasSizeGreaterThan(40);
        assertThat(wrong).isEmpty();
    }

    @Test
    void the_configuration_page_lists_every_key_with_its_environment_variable() {
        String page = read(ROOT.resolve("docs/configuration.md"));
        assertThat(FirelaneProperties.knownKeys()).hasSizeGreaterThan(30).allSatisfy(key -> assertThat(page)
                .contains("| `" + key + "` | `" + FirelaneProperties.environmentVariable(key) + "` |"));
    }

    @Test
    void commands_are_found_where_a_command_starts_not_inside_other_words() {
        assertThat(commandLines("```\n$ ./firelane job list --json\nkubectl -n firelane scale x\nFIRELANE_USER=a firelane job show x\n```\n"
                + "run `firelane dev --port 1` or `kubectl -n firelane get pods`"))
                .containsExactly(" job list --json", " job show x", " dev --port 1");
    }

    @Test
    void the_command_checker_refuses_an_unknown_subcommand_or_option() {
        assertThat(cliProblem(" job pause demo --reason x")).isNull();
        assertThat(cliProblem(" job pause|resume|trigger|delete ID [--reason TEXT] [--no-wait]")).isNull();
        assertThat(cliProblem(" dev [--port 8080] [--http-allow=RULES]")).isNull();
        assertThat(cliProblem(" --help")).isNull();
        assertThat(cliProblem(" job frobnicate demo")).contains("frobnicate");
        assertThat(cliProblem(" job pause demo --because x")).contains("--because");
        assertThat(cliProblem(" replay timeline --job x --since T")).contains("--since");
    }

    /** README.md and every page under docs/. */
    private static List<Path> documents() {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
            out.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
            assertThat(out).hasSizeGreaterThan(10);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> links(Path doc) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(withoutCodeBlocks(read(doc)));
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }

    /** Why {@code target}, linked from {@code doc}, is wrong; null when it leads where it should. */
    private static String problem(Path doc, String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            String host = target.replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");
            return LOCAL_HOSTS.contains(host) ? null : "leaves the repository";
        }
        if (target.contains("://") || target.startsWith("mailto:")) {
            return "leaves the repository";
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
            return "no heading #" + anchor + " in " + ROOT.relativize(resolved);
        }
        return null;
    }

    /**
     * A page's anchors: GitHub's for its headings (lower case, punctuation dropped, spaces as dashes) and its
     * {@code <a id>} tags.
     */
    private static Set<String> anchors(Path doc) {
        String text = withoutCodeBlocks(read(doc));
        Matcher m = HEADING.matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        Matcher html = HTML_ANCHOR.matcher(text);
        while (html.find()) {
            out.add(html.group(1));
        }
        return Set.copyOf(out);
    }

    /** What follows {@code firelane} in the doc's code blocks and inline code, one command a line. */
    private static List<String> commandLines(String text) {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            List<String> candidates = new ArrayList<>();
            if (inBlock) {
                candidates.add(line.replaceFirst("(^|\\s)#\\s.*$", ""));
            } else {
                Matcher code = INLINE_CODE.matcher(line);
                while (code.find()) {
                    candidates.add(code.group(1));
                }
            }
            for (String candidate : candidates) {
                Matcher m = COMMAND.matcher(candidate);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** Why the words after {@code firelane} are not a command of the CLI; null when they are. */
    private static String cliProblem(String words) {
        List<String> tokens = List.of(words.strip().split("\\s+"));
        List<CommandSpec> at = List.of(CLI.getCommandSpec());
        int i = 0;
        for (; i < tokens.size(); i++) {
            String token = strip(tokens.get(i));
            if (token.startsWith("-") || !token.matches("[a-z][a-z|-]*")) {
                break;
            }
            List<CommandSpec> next = new ArrayList<>();
            for (CommandSpec spec : at) {
                for (String alternative : token.split("\\|")) {
                    CommandLine sub = spec.subcommands().get(alternative);
                    if (sub != null) {
                        next.add(sub.getCommandSpec());
                    }
                }
            }
            if (next.isEmpty()) {
                if (at.stream().allMatch(spec -> spec.subcommands().isEmpty())) {
                    break; // a positional argument
                }
                return "no subcommand '" + token + "' of " + names(at);
            }
            at = next;
        }
        for (; i < tokens.size(); i++) {
            String token = strip(tokens.get(i));
            if (!token.startsWith("--")) {
                continue;
            }
            String option = token.replaceFirst("=.*$", "");
            for (CommandSpec spec : at) {
                if (spec.findOption(option) == null) {
                    return "'" + spec.qualifiedName() + "' has no option " + option;
                }
            }
        }
        return null;
    }

    private static String strip(String token) {
        return token.replaceAll("^[\\[(]+|[\\])]+$", "");
    }

    private static String names(List<CommandSpec> specs) {
        return specs.stream().map(CommandSpec::qualifiedName).collect(Collectors.joining(", "));
    }

    private static String withoutCodeBlocks(String text) {
        return text.replaceAll("(?s)```.*?```", "");
    }

    private static String read(Path doc) {
        try {
            return Files.readString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
