package dev.firelane.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.CoordinatorConfig;
import dev.firelane.deploy.server.FirelaneProperties;
import dev.firelane.worker.WorkerConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The coordinator and worker workloads of an installation, and the configuration their containers start with. */
final class Workloads {
    /** The Secret holds placeholders that the coordinator refuses; tests stand in values for them. */
    static final UnaryOperator<String> TEST_SECRETS = v -> v.replace("CHANGE-ME", "test-7f3c9a51e2d84b60");

    private final Installation installation;
    private final Path files;
    private int containersStarted;

    /** @param files where the containers' mounted secret files are written */
    Workloads(Installation installation, Path files) {
        this.installation = installation;
        this.files = files;
    }

    StatefulSet coordinators() {
        return installation.only(StatefulSet.class);
    }

    Deployment workers() {
        return installation.only(Deployment.class);
    }

    List<PodTemplateSpec> podTemplates() {
        return List.of(coordinators().getSpec().getTemplate(), workers().getSpec().getTemplate());
    }

    /** The name of the coordinators' first pod. */
    String coordinatorPodName() {
        return coordinators().getMetadata().getName() + "-0";
    }

    /** The configuration a coordinator pod starts with, the Secret's values made by {@code secrets}. */
    FirelaneProperties coordinatorProperties(UnaryOperator<String> secrets) {
        PodSpec pod = coordinators().getSpec().getTemplate().getSpec();
        return properties(pod, coordinatorPodName(), secrets);
    }

    CoordinatorConfig coordinatorConfig() {
        return coordinatorProperties(TEST_SECRETS).coordinatorConfig();
    }

    FirelaneProperties workerProperties() {
        PodSpec pod = workers().getSpec().getTemplate().getSpec();
        return properties(pod, workers().getMetadata().getName() + "-7d4b9c8f6-x2k9q", TEST_SECRETS);
    }

    WorkerConfig workerConfig() {
        return workerProperties().workerConfig();
    }

    private FirelaneProperties properties(PodSpec pod, String podName, UnaryOperator<String> secrets) {
        Map<String, String> env = new ContainerEnvironment(installation, secrets)
                .of(pod, onlyContainer(pod), podName, files.resolve("container-" + containersStarted++));
        return FirelaneProperties.load(null, env);
    }

    static Container onlyContainer(PodSpec pod) {
        assertThat(pod.getContainers()).hasSize(1);
        return pod.getContainers().get(0);
    }

    /** A port by number, or by the name of one of the container's ports. */
    static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }
}
