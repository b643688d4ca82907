package dev.firelane.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's rooms, as their {@code package-info.java} describes them, checked on the sources: who may
 * import whom, and above all that only the status stream (and replay, on its scratch database) reaches the write
 * mappers.
 */
class CoordinatorRoomsTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/firelane/coordinator");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.firelane\\.coordinator\\.([a-z.]+)\\.([A-Z]\\w*)",
            Pattern.MULTILINE);
    private static final Set<String> WRITE_MAPPERS = Set.of("JobMapper", "RunMapper", "CommandMapper", "RetentionMapper");
    /** Per room, the rooms it must never import. */
    private static final Map<String, Set<String>> NEVER = Map.of(
            "fire", Set.of("status", "store", "api", "api.auth", "replay", "stats"),
            "api", Set.of("status", "fire", "replay", "store"),
            "status", Set.of("api", "api.auth", "replay", "stats"),
            "replay", Set.of("api", "api.auth"),
            "schedule", Set.of("fire", "status", "api", "api.auth", "replay", "store", "metrics", "dlq"),
            "store", Set.of("fire", "status", "api", "api.auth", "replay"),
            "api.auth", Set.of("fire", "status", "api", "replay", "store", "schedule"),
            "metrics", Set.of("fire", "status", "api", "api.auth", "replay", "store", "schedule", "dlq"),
            "dlq", Set.of("fire", "status", "api", "api.auth", "replay", "store", "schedule"),
            "stats", Set.of("api", "api.auth", "fire", "store", "replay", "schedule"));

    @Test
    void every_room_says_what_it_is_for_in_its_package_info() throws IOException {
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            List<Path> rooms = dirs.filter(Files::isDirectory).filter(CoordinatorRoomsTest::holdsClasses).toList();
            assertThat(rooms).hasSizeGreaterThanOrEqualTo(10);
            for (Path room : rooms) {
                Path info = room.resolve("package-info.java");
                assertThat(info).as(room + " needs a package-info.java").exists();
                assertThat(Files.readString(info)).as(info.toString()).containsPattern("/\\*\\*\\s+\\* \\S.{40,}");
            }
        }
    }

    @Test
    void only_the_status_stream_and_replay_import_the_write_mappers() {
        List<String> offenders = new ArrayList<>();
        for (Import i : imports()) {
            if (i.room().equals("status") && WRITE_MAPPERS.contains(i.type())
                    && !i.fromRoom().equals("status") && !i.fromRoom().equals("replay")) {
                offenders.add(i.toString());
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void rooms_import_only_what_their_package_info_allows() {
        List<Import> all = imports();
        assertThat(all).as("the scan reads imports").anyMatch(i -> i.fromRoom().equals("status") && i.room().equals("store"));
        List<String> offenders = new ArrayList<>();
        for (Import i : all) {
            if (NEVER.getOrDefault(i.fromRoom(), Set.of()).contains(i.room())) {
                offenders.add(i.toString());
            }
        }
        assertThat(offenders).isEmpty();
    }

    private record Import(Path file, String fromRoom, String room, String type) {
        @Override
        public String toString() {
            return file.getFileName() + " (" + fromRoom + ") imports " + room + "." + type;
        }
    }

    private static List<Import> imports() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Import> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    out.add(new Import(file, from, m.group(1), m.group(2)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean holdsClasses(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
