package dev.firelane.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment a container of the installation would start with, as the kubelet builds it: {@code envFrom}
 * first, then {@code env} in order with {@code $(NAME)} expanded from what came before, field and secret
 * references resolved. Mounted secret files are written under a local folder, and a variable whose value is a
 * path into such a mount points at the local copy instead, so that the configuration code reads them.
 * Unresolvable references fail: the kubelet would leave {@code $(NAME)} as it is, or not start the pod.
 */
final class ContainerEnvironment {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final Installation installation;
    private final UnaryOperator<String> secretValues;

    /** @param secretValues what each value of a Secret becomes here (the manifests hold placeholders) */
    ContainerEnvironment(Installation installation, UnaryOperator<String> secretValues) {
        this.installation = installation;
        this.secretValues = secretValues;
    }

    /** The variables of {@code container} in a pod named {@code podName}; secret files go under {@code files}. */
    Map<String, String> of(PodSpec pod, Container container, String podName, Path files) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : list(container.getEnvFrom())) {
            if (from.getConfigMapRef() != null) {
                env.putAll(configMap(from.getConfigMapRef().getName()).getData());
            } else {
                env.putAll(secret(from.getSecretRef().getName()));
            }
        }
        for (EnvVar var : list(container.getEnv())) {
            env.put(var.getName(), var.getValueFrom() == null ? expand(var.getName(), var.getValue(), env)
                    : resolve(var.getName(), var.getValueFrom(), podName));
        }
        Map<String, Path> mounts = writeSecretMounts(pod, container, files);
        env.replaceAll((name, value) -> local(name, value, mounts));
        return env;
    }

    /** The data of the Secret named {@code name} (string data and decoded data), as {@code secretValues} makes it. */
    Map<String, String> secret(String name) {
        Secret secret = installation.all(Secret.class).stream().filter(s -> s.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Secret " + name));
        Map<String, String> out = new TreeMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            out.putAll(secret.getStringData());
        }
        out.replaceAll((k, v) -> secretValues.apply(v));
        return out;
    }

    private ConfigMap configMap(String name) {
        return installation.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name));
    }

    private String resolve(String name, EnvVarSource source, String podName) {
        if (source.getFieldRef() != null) {
            String path = source.getFieldRef().getFieldPath();
            if (!path.equals("metadata.name")) {
                throw new AssertionError(name + ": only fieldRef metadata.name is modelled here, not " + path);
            }
            return podName;
        }
        if (source.getSecretKeyRef() != null) {
            return value(name, secret(source.getSecretKeyRef().getName()), source.getSecretKeyRef().getKey());
        }
        if (source.getConfigMapKeyRef() != null) {
            return value(name, configMap(source.getConfigMapKeyRef().getName()).getData(),
                    source.getConfigMapKeyRef().getKey());
        }
        throw new AssertionError(name + ": a valueFrom not modelled here: " + source);
    }

    private static String value(String variable, Map<String, String> data, String key) {
        String value = data.get(key);
        if (value == null) {
            throw new AssertionError(variable + " refers to the key '" + key + "', which is not there; keys: " + data.keySet());
        }
        return value;
    }

    private static String expand(String name, String value, Map<String, String> before) {
        Matcher m = REFERENCE.matcher(value == null ? "" : value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String referenced = before.get(m.group(1));
            if (referenced == null) {
                throw new AssertionError(name + " refers to $(" + m.group(1) + "), which is not defined before it");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(referenced));
        }
        return m.appendTail(out).toString();
    }

    /** Each secret volume mounted in {@code container}: its mount path and the local folder holding its files. */
    private Map<String, Path> writeSecretMounts(PodSpec pod, Container container, Path files) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : list(container.getVolumeMounts())) {
            Volume volume = list(pod.getVolumes()).stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElse(null);
            if (volume == null || volume.getSecret() == null) {
                continue;
            }
            Map<String, String> data = secret(volume.getSecret().getSecretName());
            Path local = files.resolve(mount.getName());
            List<KeyToPath> items = list(volume.getSecret().getItems());
            try {
                Files.createDirectories(local);
                if (items.isEmpty()) {
                    for (Map.Entry<String, String> e : data.entrySet()) {
                        Files.writeString(local.resolve(e.getKey()), e.getValue());
                    }
                }
                for (KeyToPath item : items) {
                    Files.writeString(local.resolve(item.getPath()), value(mount.getName(), data, item.getKey()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            mounts.put(mount.getMountPath().endsWith("/") ? mount.getMountPath() : mount.getMountPath() + "/", local);
        }
        return mounts;
    }

    private static String local(String name, String value, Map<String, Path> mounts) {
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            if (value.startsWith(mount.getKey())) {
                Path file = mount.getValue().resolve(value.substring(mount.getKey().length()));
                if (!Files.isRegularFile(file)) {
                    throw new AssertionError(name + " names " + value + ", which the secret volume does not hold");
                }
                return file.toString();
            }
        }
        return value;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
