package dev.firelane.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.firelane.coordinator.CoordinatorConfig;
import dev.firelane.coordinator.TopicAdmin;
import dev.firelane.coordinator.api.MonitoringPaths;
import dev.firelane.coordinator.fire.FireStream;
import dev.firelane.coordinator.status.StatusStreamConfig;
import dev.firelane.deploy.kubernetes.CustomResources.AclOperation;
import dev.firelane.deploy.kubernetes.CustomResources.AclResourceType;
import dev.firelane.deploy.kubernetes.CustomResources.AclRuleType;
import dev.firelane.deploy.kubernetes.CustomResources.AuthenticationType;
import dev.firelane.deploy.kubernetes.CustomResources.Image;
import dev.firelane.deploy.kubernetes.CustomResources.JsonPatchOperation;
import dev.firelane.deploy.kubernetes.CustomResources.KafkaTopic;
import dev.firelane.deploy.kubernetes.CustomResources.KafkaUser;
import dev.firelane.deploy.kubernetes.CustomResources.Kustomization;
import dev.firelane.deploy.kubernetes.CustomResources.ScaleTrigger;
import dev.firelane.deploy.kubernetes.CustomResources.ScaledObject;
import dev.firelane.deploy.kubernetes.CustomResources.SecretTargetRef;
import dev.firelane.deploy.kubernetes.CustomResources.TriggerAuthentication;
import dev.firelane.deploy.server.CoordinatorCommand;
import dev.firelane.deploy.server.FirelaneProperties;
import dev.firelane.deploy.server.WorkerCommand;
import dev.firelane.deploy.server.WorkerMetricsServer;
import dev.firelane.protocol.FirelaneException;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.WorkerConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

/**
 * The Kubernetes manifests under {@code deploy/kubernetes}, checked without a cluster: every document reads
 * strictly into a typed model (a misspelled field fails), and each installation (the base and every overlay, built
 * here as kustomize would) agrees with the code: its configuration starts a coordinator and a worker, its probes and
 * services name the ports and paths the processes serve, its topics, consumer groups and ACLs are the ones the code
 * uses, and KEDA never scales the workers past the partitions of {@code fires}.
 */
class KubernetesManifestsTest {
    /** The module's folder is the working directory of its tests. */
    private static final Path ROOT = Path.of("kubernetes");
    private static final Set<String> KAFKA_CLIENT_KEYS = kafkaClientKeys();

    @TempDir
    Path tmp;
    private int workloadsMade;

    static Stream<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()
                    .stream();
        }
    }

    /** The base and every overlay: each folder with a kustomization. */
    static Stream<Path> installations() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent)
                    .sorted().toList().stream();
        }
    }

    // --- strict reading -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestFiles")
    void every_document_reads_strictly_as_its_kind(Path file) throws IOException {
        List<JsonNode> documents = StrictYaml.documents(file);
        assertThat(documents).as(file + " holds a document").isNotEmpty();
        for (JsonNode document : documents) {
            if (document.isArray()) { // a JSON 6902 patch
                for (JsonNode operation : document) {
                    StrictYaml.read(operation, JsonPatchOperation.class);
                }
            } else {
                Kinds.read(document);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "base/config.yaml, '', data",
            "base/coordinator-statefulset.yaml, /spec, serviceName",
            "base/coordinator-statefulset.yaml, /spec/template/spec/containers/0/ports/0, containerPort",
            "base/coordinator-statefulset.yaml, /spec/template/spec/containers/0/readinessProbe/httpGet, path",
            "base/coordinator-statefulset.yaml, /spec/volumeClaimTemplates/0/spec, accessModes",
            "base/coordinator-service.yaml, /spec, selector",
            "base/coordinator-pdb.yaml, /spec, maxUnavailable",
            "base/worker-deployment.yaml, /spec/template/spec/containers/0/env/0/valueFrom/fieldRef, fieldPath",
            "base/worker-scaledobject.yaml, /spec, maxReplicaCount",
            "base/worker-scaledobject.yaml, /spec/triggers/0/authenticationRef, name",
            "base/keda-triggerauthentication.yaml, /spec/secretTargetRef/0, parameter",
            "base/kafka-topics.yaml, /spec, partitions",
            "base/kafka-user.yaml, /spec/authorization/acls/0, operations",
            "base/kafka-user.yaml, /spec/authentication/password/valueFrom/secretKeyRef, key",
            "base/kustomization.yaml, '', resources",
            "overlays/example/kustomization.yaml, /images/0, newTag",
    })
    void a_misspelled_field_is_refused(String file, String pointer, String field) throws IOException {
        JsonNode document = StrictYaml.documents(ROOT.resolve(file)).get(0);
        assertThatCode(() -> Kinds.read(document)).as("as written").doesNotThrowAnyException();
        ObjectNode broken = document.deepCopy();
        ObjectNode parent = (ObjectNode) broken.at(pointer);
        assertThat(parent.has(field)).as(pointer + " has " + field).isTrue();
        String typo = field.substring(0, field.length() - 2) + field.charAt(field.length() - 1)
                + field.charAt(field.length() - 2);
        parent.set(typo, parent.remove(field));

        assertThatThrownBy(() -> Kinds.read(broken)).isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining(typo);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "base/coordinator-statefulset.yaml, /spec/template/spec/containers/0/ports/0/containerPort, '8080'",
            "base/coordinator-statefulset.yaml, /spec/replicas, two",
            "base/kafka-user.yaml, /spec/authorization/acls/0/resource/type, topics",
            "base/kafka-user.yaml, /spec/authentication/type, scram-sha-256",
    })
    void a_value_of_the_wrong_type_or_outside_its_enumeration_is_refused(String file, String pointer, String value) {
        JsonNode document = StrictYaml.documents(ROOT.resolve(file)).get(0);
        assertThatCode(() -> Kinds.read(document)).as("as written").doesNotThrowAnyException();
        ObjectNode broken = document.deepCopy();
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) broken.at(pointer.substring(0, slash))).set(pointer.substring(slash + 1), TextNode.valueOf(value));

        assertThatThrownBy(() -> Kinds.read(broken)).isInstanceOfAny(MismatchedInputException.class,
                InvalidFormatException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void the_kustomization_lists_every_file_of_its_folder_and_only_files_that_exist(Path dir) throws IOException {
        Kustomization k = Installation.kustomization(dir);
        Set<Path> listed = new TreeSet<>();
        for (String resource : k.resourcesOrEmpty()) {
            Path path = dir.resolve(resource).normalize();
            assertThat(path).as("resource " + resource + " of " + dir).exists();
            if (Files.isDirectory(path)) {
                assertThat(path.resolve("kustomization.yaml")).exists();
            } else {
                listed.add(path);
            }
        }
        k.patchesOrEmpty().forEach(p -> listed.add(dir.resolve(p.path()).normalize()));
        Set<Path> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::normalize).forEach(present::add);
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    }

    // --- configuration ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void every_firelane_variable_sets_a_configuration_key_or_is_the_launchers(Path dir) {
        Installation installation = Installation.of(dir);
        Set<String> names = new TreeSet<>();
        installation.all(ConfigMap.class).forEach(c -> names.addAll(c.getData().keySet()));
        for (PodTemplateSpec pod : workloads(installation).podTemplates()) {
            pod.getSpec().getContainers().forEach(c -> c.getEnv().stream().map(EnvVar::getName).forEach(names::add));
        }
        List<String> refused = new ArrayList<>();
        for (String name : names) {
            if (!name.startsWith("FIRELANE_") || FirelaneProperties.launcherVariables().contains(name)) {
                continue;
            }
            try {
                String key = FirelaneProperties.keyOfEnvironmentVariable(name);
                if (!FirelaneProperties.knownKeys().contains(key)
                        && !(key.startsWith("kafka.") && KAFKA_CLIENT_KEYS.contains(key.substring("kafka.".length())))) {
                    refused.add(name + " (" + key + " is no Kafka client or Streams property)");
                }
            } catch (IllegalArgumentException e) {
                refused.add(name + " (" + e.getMessage() + ")");
            }
        }
        assertThat(refused).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void the_secrets_placeholders_are_ones_the_coordinator_refuses_to_start_with(Path dir) {
        Installation installation = Installation.of(dir);

        assertThatThrownBy(() -> workloads(installation).coordinatorProperties(UnaryOperator.identity()).coordinatorConfig())
                .isInstanceOf(FirelaneException.class).hasMessageContaining("placeholder");
    }

    // --- coordinator --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void the_coordinator_starts_from_its_environment_and_serves_what_its_probes_ask(Path dir) {
        Installation installation = Installation.of(dir);
        StatefulSet set = installation.only(StatefulSet.class);
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        Container container = Workloads.onlyContainer(pod);
        CoordinatorConfig config = workloads(installation).coordinatorConfig();

        assertThat(container.getArgs()).containsExactly(CoordinatorCommand.class.getAnnotation(Command.class).name());
        assertThat(httpPort(container, container.getReadinessProbe().getHttpGet())).isEqualTo(config.apiPort());
        assertThat(httpPort(container, container.getLivenessProbe().getHttpGet())).isEqualTo(config.apiPort());
        assertThat(httpPort(container, container.getStartupProbe().getHttpGet())).isEqualTo(config.apiPort());
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo(MonitoringPaths.HEALTH_READY);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo(MonitoringPaths.HEALTH_LIVE);
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isIn(MonitoringPaths.HEALTH_LIVE,
                MonitoringPaths.HEALTH_READY, MonitoringPaths.HEALTH);
        assertRunsAsNonRootWithResources(pod, container);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void each_coordinator_pod_is_a_static_member_with_its_state_on_its_own_claim_and_a_standby(Path dir) {
        Installation installation = Installation.of(dir);
        StatefulSet set = installation.only(StatefulSet.class);
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        CoordinatorConfig config = workloads(installation).coordinatorConfig();

        assertThat(config.instanceId()).isEqualTo(workloads(installation).coordinatorPodName());
        Set<String> claims = new HashSet<>();
        set.getSpec().getVolumeClaimTemplates().forEach(c -> claims.add(c.getMetadata().getName()));
        assertThat(Workloads.onlyContainer(pod).getVolumeMounts())
                .filteredOn(m -> Path.of(m.getMountPath()).equals(config.stateDir().toAbsolutePath()))
                .singleElement().satisfies(m -> assertThat(claims).contains(m.getName()));
        int standbys = Integer.parseInt(String.valueOf(config.streamsProperties()
                .getOrDefault(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, FireStream.DEFAULT_STANDBY_REPLICAS)));
        assertThat(standbys).as("standby replicas of %d coordinators", set.getSpec().getReplicas())
                .isBetween(1, set.getSpec().getReplicas() - 1);
        assertThat((long) pod.getTerminationGracePeriodSeconds()).as("time to close both streams")
                .isGreaterThan(FireStream.DEFAULT_CLOSE_TIMEOUT.plus(StatusStreamConfig.DEFAULT_CLOSE_TIMEOUT).toSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void the_coordinators_services_and_disruption_budget_select_its_pods_and_name_its_port(Path dir) {
        Installation installation = Installation.of(dir);
        StatefulSet set = installation.only(StatefulSet.class);
        Map<String, String> pods = set.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> workers = installation.only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
        Container container = Workloads.onlyContainer(set.getSpec().getTemplate().getSpec());
        int apiPort = workloads(installation).coordinatorConfig().apiPort();
        List<Service> services = installation.all(Service.class);

        assertThat(services).allSatisfy(s -> {
            assertThat(pods).as(s.getMetadata().getName()).containsAllEntriesOf(s.getSpec().getSelector());
            assertThat(workers.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
                    .as(s.getMetadata().getName() + " selects worker pods").isFalse();
            for (ServicePort port : s.getSpec().getPorts()) {
                assertThat(Workloads.containerPort(container, port.getTargetPort())).isEqualTo(apiPort);
            }
        });
        assertThat(services).filteredOn(s -> s.getMetadata().getName().equals(set.getSpec().getServiceName()))
                .singleElement().satisfies(s -> assertThat(s.getSpec().getClusterIP()).isEqualTo("None"));
        assertThat(services).filteredOn(s -> !"None".equals(s.getSpec().getClusterIP())).singleElement()
                .satisfies(s -> assertThat(s.getMetadata().getAnnotations())
                        .containsEntry("prometheus.io/scrape", "true")
                        .containsEntry("prometheus.io/port", String.valueOf(apiPort))
                        .containsEntry("prometheus.io/path", MonitoringPaths.METRICS));
        assertThat(installation.all(PodDisruptionBudget.class))
                .filteredOn(b -> pods.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()))
                .singleElement().satisfies(b -> assertThat(b.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1));
    }

    // --- workers ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void workers_serve_health_and_metrics_where_probes_and_scrapers_look(Path dir) {
        Installation installation = Installation.of(dir);
        Deployment deployment = installation.only(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = Workloads.onlyContainer(pod);
        FirelaneProperties properties = workloads(installation).workerProperties();
        WorkerConfig config = properties.workerConfig();

        assertThat(container.getArgs()).containsExactly(WorkerCommand.class.getAnnotation(Command.class).name());
        assertThat(properties.workerMetricsPort()).as("worker.metrics.port").isPresent();
        int metricsPort = properties.workerMetricsPort().getAsInt();
        for (HTTPGetAction probe : List.of(container.getReadinessProbe().getHttpGet(),
                container.getLivenessProbe().getHttpGet(), container.getStartupProbe().getHttpGet())) {
            assertThat(probe.getPath()).isEqualTo(WorkerMetricsServer.HEALTH_PATH);
            assertThat(httpPort(container, probe)).isEqualTo(metricsPort);
        }
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(metricsPort))
                .containsEntry("prometheus.io/path", WorkerMetricsServer.METRICS_PATH);
        assertThat((long) pod.getTerminationGracePeriodSeconds()).as("time to drain the runs in flight")
                .isGreaterThan(config.drainTimeout().plus(config.interruptGrace()).toSeconds());
        // a Deployment's pod names change on every restart: static membership under them would only leave ghosts
        assertThat(config.staticMembership()).isFalse();
        assertThat(installation.all(PodDisruptionBudget.class)).anySatisfy(b -> assertThat(
                deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(b.getSpec().getSelector().getMatchLabels()));
        assertRunsAsNonRootWithResources(pod, container);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void keda_scales_workers_on_their_groups_lag_on_fires_up_to_its_partition_count(Path dir) {
        Installation installation = Installation.of(dir);
        ScaledObject scaled = installation.only(ScaledObject.class);
        WorkerConfig worker = workloads(installation).workerProperties().workerConfig();
        CoordinatorConfig coordinator = workloads(installation).coordinatorConfig();
        Properties client = new Properties(worker.consumerProperties());
        ScaleTrigger trigger = scaled.spec().triggers().get(0);

        assertThat(scaled.spec().scaleTargetRef().kind()).isEqualTo("Deployment");
        assertThat(scaled.spec().scaleTargetRef().name()).isEqualTo(installation.only(Deployment.class).getMetadata().getName());
        assertThat(scaled.spec().triggers()).singleElement().satisfies(t -> assertThat(t.type()).isEqualTo("kafka"));
        assertThat(CustomResources.KAFKA_SCALER_METADATA).containsAll(trigger.metadata().keySet());
        assertThat(trigger.metadata())
                .containsEntry("consumerGroup", worker.groupId())
                .containsEntry("topic", Topics.FIRES.name(worker.topicPrefix()))
                .containsEntry("bootstrapServers", worker.bootstrapServers())
                .containsEntry("sasl", mechanism(client.getProperty("sasl.mechanism")))
                .containsEntry("tls", client.getProperty("security.protocol").endsWith("SSL") ? "enable" : "disable");
        assertThat(scaled.spec().minReplicaCount()).isPositive();
        assertThat(scaled.spec().maxReplicaCount()).as("workers beyond the partitions of fires would sit idle")
                .isBetween(scaled.spec().minReplicaCount(), coordinator.partitions());

        TriggerAuthentication auth = installation.all(TriggerAuthentication.class).stream()
                .filter(a -> a.metadata().getName().equals(trigger.authenticationRef().name())).findFirst().orElseThrow();
        KafkaUser user = installation.only(KafkaUser.class);
        ContainerEnvironment env = new ContainerEnvironment(installation, Workloads.TEST_SECRETS);
        for (SecretTargetRef ref : auth.spec().secretTargetRef()) {
            assertThat(CustomResources.KAFKA_SCALER_AUTH_PARAMETERS).contains(ref.parameter());
            assertThat(env.secret(ref.name())).containsKey(ref.key());
        }
        assertThat(auth.spec().secretTargetRef()).filteredOn(r -> r.parameter().equals("username")).singleElement()
                .satisfies(r -> assertThat(env.secret(r.name()).get(r.key())).isEqualTo(user.metadata().getName()));
        var password = user.spec().authentication().password().valueFrom().secretKeyRef();
        assertThat(auth.spec().secretTargetRef()).filteredOn(r -> r.parameter().equals("password")).singleElement()
                .satisfies(r -> assertThat(List.of(r.name(), r.key())).containsExactly(password.getName(), password.getKey()));
    }

    // --- Kafka --------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void the_topics_are_the_codes_with_its_partition_count_replication_and_configs(Path dir) {
        Installation installation = Installation.of(dir);
        CoordinatorConfig config = workloads(installation).coordinatorConfig();
        Map<String, KafkaTopic> topics = new TreeMap<>();
        installation.all(KafkaTopic.class).forEach(t -> topics.put(t.spec().topicName(), t));

        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().map(t -> t.name(config.topicPrefix())).toList());
        for (Topic<?, ?> topic : Topics.ALL) {
            KafkaTopic declared = topics.get(topic.name(config.topicPrefix()));
            assertThat(declared.spec().partitions()).as(topic.name(config.topicPrefix())).isEqualTo(config.partitions());
            assertThat(declared.spec().replicas()).isEqualTo((int) config.replicationFactor());
            Map<String, String> configs = new TreeMap<>();
            declared.spec().config().forEach((k, v) -> configs.put(k, String.valueOf(v)));
            assertThat(configs).isEqualTo(new TreeMap<>(TopicAdmin.topicConfigs(topic, config.replicationFactor())));
        }
        assertThat(workloads(installation).workerProperties().workerConfig().topicPrefix()).isEqualTo(config.topicPrefix());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void the_kafka_user_may_do_what_the_coordinator_and_the_workers_do(Path dir) {
        Installation installation = Installation.of(dir);
        CoordinatorConfig config = workloads(installation).coordinatorConfig();
        WorkerConfig worker = workloads(installation).workerProperties().workerConfig();
        KafkaUser user = installation.only(KafkaUser.class);
        String fireStream = config.topicPrefix() + FireStream.DEFAULT_APPLICATION_ID_SUFFIX;
        String statusStream = StatusStreamConfig.builder().topicPrefix(config.topicPrefix()).build().applicationId();

        assertThat(user.spec().authentication().type()).isEqualTo(AuthenticationType.SCRAM_SHA_512);
        assertThat(config.streamsProperties().getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        for (Topic<?, ?> topic : Topics.ALL) {
            assertAllowed(user, AclResourceType.TOPIC, topic.name(config.topicPrefix()), AclOperation.READ,
                    AclOperation.WRITE, AclOperation.DESCRIBE);
        }
        // Kafka Streams creates the fire stream's internal topics: <application id>-<store>-changelog
        assertAllowed(user, AclResourceType.TOPIC, fireStream + "-any-store-changelog", AclOperation.CREATE,
                AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
        for (String group : List.of(fireStream, statusStream, worker.groupId())) {
            assertAllowed(user, AclResourceType.GROUP, group, AclOperation.READ, AclOperation.DESCRIBE);
        }
        // exactly-once: the fire stream's producers are transactional, <application id>-<process id>-<thread>
        assertAllowed(user, AclResourceType.TRANSACTIONAL_ID, fireStream + "-0b9d6c2e-7a41-4f0e-9c55-3d2a8b61e0f4-1", AclOperation.WRITE,
                AclOperation.DESCRIBE);
        String cluster = user.metadata().getLabels().get("strimzi.io/cluster");
        assertThat(installation.all(KafkaTopic.class)).allSatisfy(t ->
                assertThat(t.metadata().getLabels()).containsEntry("strimzi.io/cluster", cluster));
        assertThat(config.bootstrapServers()).startsWith(cluster + "-kafka-bootstrap:");
    }

    // --- images -------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void an_image_override_replaces_the_image_of_every_container(Path dir) {
        Installation installation = Installation.of(dir);
        List<Image> images = Installation.kustomization(dir).images() == null ? List.of()
                : Installation.kustomization(dir).images();
        List<String> used = workloads(installation).podTemplates().stream()
                .flatMap(p -> p.getSpec().getContainers().stream()).map(Container::getImage).toList();

        assertThat(used).isNotEmpty();
        for (Image image : images) {
            assertThat(used).allSatisfy(u -> assertThat(u).isEqualTo(image.newName() + ":" + image.newTag()));
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private Workloads workloads(Installation installation) {
        return new Workloads(installation, tmp.resolve("files-" + workloadsMade++));
    }

    private static int httpPort(Container container, HTTPGetAction probe) {
        return Workloads.containerPort(container, probe.getPort());
    }

    private static void assertRunsAsNonRootWithResources(PodSpec pod, Container container) {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
    }

    private static void assertAllowed(KafkaUser user, AclResourceType type, String name, AclOperation... operations) {
        for (AclOperation operation : operations) {
            assertThat(user.spec().authorization().acls()).as("%s on %s %s", operation, type, name)
                    .anySatisfy(rule -> {
                        assertThat(rule.type()).isNotEqualTo(AclRuleType.DENY);
                        assertThat(rule.resource().covers(type, name)).isTrue();
                        assertThat(rule.operations()).containsAnyOf(operation, AclOperation.ALL);
                    });
        }
    }

    /** KEDA's name of a SASL mechanism: SCRAM-SHA-512 is scram_sha512. */
    private static String mechanism(String kafkaName) {
        return kafkaName.toLowerCase(Locale.ROOT).replace("scram-sha-", "scram_sha");
    }

    private static Set<String> kafkaClientKeys() {
        Set<String> keys = new HashSet<>(ConsumerConfig.configNames());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        keys.addAll(StreamsConfig.configDef().names());
        return keys;
    }
}
