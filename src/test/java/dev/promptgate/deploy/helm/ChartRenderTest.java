package dev.promptgate.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.deploy.helm.PromptgateChart.ValueSet;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every value set renders: the invariants of the chart, whatever is switched on. */
class ChartRenderTest {

    /** Environment names that carry secrets: they may only come from a Secret. */
    static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|KEY|CREDENTIALS?)");

    static Stream<ValueSet> valueSets() {
        return PromptgateChart.valueSets().stream();
    }

    static final String NAME = "pg-promptgate";
    static final String MANAGEMENT_SERVICE = NAME + "-management";

    /** The Service of the HTTP port, the one the Ingress routes. */
    static Service httpService(Manifests manifests) {
        return manifests.named(Service.class, NAME);
    }

    /** The Service of the management port: health, metrics, OpenAPI. */
    static Service managementService(Manifests manifests) {
        return manifests.named(Service.class, MANAGEMENT_SERVICE);
    }

    static Manifests render(ValueSet values) {
        return Manifests.parse(PromptgateChart.render(values));
    }

    static PodSpec pod(Manifests manifests) {
        return manifests.one(Deployment.class).getSpec().getTemplate().getSpec();
    }

    static Container server(Manifests manifests) {
        List<Container> containers = pod(manifests).getContainers();
        assertEquals(1, containers.size(), "one container per pod");
        return containers.get(0);
    }

    static Map<String, String> podLabels(Manifests manifests) {
        return manifests
                .one(Deployment.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();
    }

    static void assertSelects(Map<String, String> selector, Map<String, String> labels, String what) {
        assertNotNull(selector, what + " has a selector");
        assertFalse(selector.isEmpty(), what + " selects something");
        assertTrue(labels.entrySet().containsAll(selector.entrySet()), what + " " + selector + " matches " + labels);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void rendersOnlyKnownKubernetesObjectsWithKnownFields(ValueSet values) {
        Manifests manifests = render(values);

        assertTrue(manifests.find(Deployment.class).isPresent());
        assertEquals(2, manifests.all(Service.class).size(), "the HTTP Service and the management Service");
        assertTrue(manifests.find(ConfigMap.class).isPresent());
        assertTrue(manifests.find(ServiceAccount.class).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void labelsEveryObject(ValueSet values) {
        for (HasMetadata object : render(values).objects()) {
            Map<String, String> labels = object.getMetadata().getLabels();
            String what = object.getKind() + " " + object.getMetadata().getName();
            assertAll(
                    () -> assertEquals("promptgate", labels.get("app.kubernetes.io/name"), what),
                    () -> assertEquals(PromptgateChart.RELEASE, labels.get("app.kubernetes.io/instance"), what),
                    () -> assertEquals("Helm", labels.get("app.kubernetes.io/managed-by"), what),
                    () -> assertTrue(labels.get("helm.sh/chart").startsWith("promptgate-"), what),
                    () -> assertEquals(
                            "management".equals(labels.get("promptgate.dev/interface")) ? MANAGEMENT_SERVICE : NAME,
                            object.getMetadata().getName(),
                            what));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void selectorsMatchThePodLabels(ValueSet values) {
        Manifests manifests = render(values);
        Deployment deployment = manifests.one(Deployment.class);
        Map<String, String> pods = podLabels(manifests);
        Service service = httpService(manifests);
        Service management = managementService(manifests);

        assertSelects(deployment.getSpec().getSelector().getMatchLabels(), pods, "Deployment");
        assertTrue(deployment.getSpec().getSelector().getMatchExpressions().isEmpty());
        assertSelects(service.getSpec().getSelector(), pods, "Service");
        assertEquals(1, service.getSpec().getPorts().size(), "the HTTP Service carries the HTTP port only");
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        assertSelects(management.getSpec().getSelector(), pods, "management Service");
        assertEquals(1, management.getSpec().getPorts().size());
        assertEquals(
                "management",
                management.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        manifests
                .find(PodDisruptionBudget.class)
                .ifPresent(pdb ->
                        assertSelects(pdb.getSpec().getSelector().getMatchLabels(), pods, "PodDisruptionBudget"));
        manifests
                .find(NetworkPolicy.class)
                .ifPresent(policy ->
                        assertSelects(policy.getSpec().getPodSelector().getMatchLabels(), pods, "NetworkPolicy"));
        manifests.find(ServiceMonitor.class).ifPresent(monitor -> {
            Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
            assertSelects(selector, management.getMetadata().getLabels(), "ServiceMonitor");
            assertFalse(
                    service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()),
                    "the ServiceMonitor does not select the HTTP Service");
            assertEquals(1, monitor.getSpec().getEndpoints().size());
            assertEquals("management", monitor.getSpec().getEndpoints().get(0).getPort());
            assertEquals("/q/metrics", monitor.getSpec().getEndpoints().get(0).getPath());
        });
        manifests.find(HorizontalPodAutoscaler.class).ifPresent(hpa -> {
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertEquals(
                    deployment.getMetadata().getName(),
                    hpa.getSpec().getScaleTargetRef().getName());
        });
        manifests.find(Ingress.class).ifPresent(ingress -> ingress.getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .forEach(path -> {
                    assertEquals(
                            service.getMetadata().getName(),
                            path.getBackend().getService().getName());
                    assertEquals(
                            "http", path.getBackend().getService().getPort().getName());
                    assertNull(path.getBackend().getService().getPort().getNumber(), "by name, never a number");
                }));
        pod(manifests)
                .getTopologySpreadConstraints()
                .forEach(constraint -> assertSelects(
                        constraint.getLabelSelector().getMatchLabels(), pods, "topology spread constraint"));
        assertEquals(
                manifests.one(ServiceAccount.class).getMetadata().getName(),
                pod(manifests).getServiceAccountName());
        assertEquals(
                manifests.one(ConfigMap.class).getMetadata().getName(),
                server(manifests).getEnvFrom().get(0).getConfigMapRef().getName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void podRunsUnprivilegedWithAReadOnlyRootFilesystem(ValueSet values) {
        Manifests manifests = render(values);
        PodSecurityContext podContext = pod(manifests).getSecurityContext();
        SecurityContext context = server(manifests).getSecurityContext();

        assertAll(
                () -> assertEquals(Boolean.TRUE, podContext.getRunAsNonRoot()),
                () -> assertTrue(podContext.getRunAsUser() != null && podContext.getRunAsUser() > 0, "not root"),
                () -> assertEquals(
                        "RuntimeDefault", podContext.getSeccompProfile().getType()),
                () -> assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation()),
                () -> assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem()),
                () -> assertEquals(Boolean.TRUE, context.getRunAsNonRoot()),
                () -> assertEquals(List.of("ALL"), context.getCapabilities().getDrop()),
                () -> assertTrue(context.getCapabilities().getAdd().isEmpty()),
                () -> assertFalse(Boolean.TRUE.equals(context.getPrivileged())),
                () -> assertEquals("RuntimeDefault", context.getSeccompProfile().getType()),
                () -> assertEquals(Boolean.FALSE, pod(manifests).getAutomountServiceAccountToken()),
                () -> assertEquals(
                        Boolean.FALSE, manifests.one(ServiceAccount.class).getAutomountServiceAccountToken()),
                () -> assertFalse(Boolean.TRUE.equals(pod(manifests).getHostNetwork())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void tmpIsTheOneWritableDirectory(ValueSet values) {
        Manifests manifests = render(values);
        var mounts = server(manifests).getVolumeMounts();
        assertEquals(1, mounts.size());
        assertEquals("/tmp", mounts.get(0).getMountPath());
        Volume volume = pod(manifests).getVolumes().stream()
                .filter(v -> v.getName().equals(mounts.get(0).getName()))
                .findFirst()
                .orElseThrow();
        assertNotNull(volume.getEmptyDir(), "/tmp is an emptyDir");
        assertNotNull(volume.getEmptyDir().getSizeLimit(), "/tmp is bounded");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void probesAskTheServersHealthEndpointsOnTheManagementPort(ValueSet values) {
        Manifests manifests = render(values);
        Container server = server(manifests);
        assertEquals(2, server.getPorts().size());
        assertEquals(8080, server.getPorts().get(0).getContainerPort());
        assertEquals("http", server.getPorts().get(0).getName());
        assertEquals("management", server.getPorts().get(1).getName());
        assertEquals(
                manifests.one(ConfigMap.class).getData().get("QUARKUS_MANAGEMENT_PORT"),
                server.getPorts().get(1).getContainerPort().toString(),
                "the server listens where the container port says");
        assertEquals(
                manifests.one(ConfigMap.class).getData().get("QUARKUS_HTTP_PORT"),
                server.getPorts().get(0).getContainerPort().toString());
        assertProbe(server.getStartupProbe(), "/q/health/started");
        assertProbe(server.getLivenessProbe(), "/q/health/live");
        assertProbe(server.getReadinessProbe(), "/q/health/ready");
        assertTrue(
                server.getStartupProbe().getFailureThreshold()
                                * server.getStartupProbe().getPeriodSeconds()
                        >= 120,
                "start-up (database migrations included) may take two minutes before liveness counts");
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals("management", probe.getHttpGet().getPort().getStrVal());
        assertTrue(probe.getPeriodSeconds() > 0 && probe.getFailureThreshold() > 0 && probe.getTimeoutSeconds() > 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void requestsResources(ValueSet values) {
        var requests = server(render(values)).getResources().getRequests();
        assertNotNull(requests.get("cpu"));
        assertNotNull(requests.get("memory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void secretsComeFromSecretsOnly(ValueSet values) {
        Manifests manifests = render(values);
        Container server = server(manifests);

        assertTrue(
                manifests.objects().stream().noneMatch(o -> o.getKind().equals("Secret")), "the chart makes no Secret");
        for (EnvVar env : server.getEnv()) {
            if (SECRET_NAME.matcher(env.getName()).matches()) {
                assertNull(env.getValue(), env.getName() + " is not inline");
                assertNotNull(env.getValueFrom().getSecretKeyRef(), env.getName() + " comes from a Secret");
            }
        }
        assertTrue(server.getEnv().stream().anyMatch(env -> env.getName().equals("QUARKUS_DATASOURCE_PASSWORD")));
        for (String key : manifests.one(ConfigMap.class).getData().keySet()) {
            assertFalse(SECRET_NAME.matcher(key).matches(), key + " is in the ConfigMap");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void podsNeverStartAnEmbeddedDatabase(ValueSet values) {
        Manifests manifests = render(values);
        Map<String, String> config = manifests.one(ConfigMap.class).getData();

        assertEquals("false", config.get("PROMPTGATE_EMBEDDED_DATABASE_ENABLED"));
        assertTrue(config.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://"));
        assertTrue(
                server(manifests).getEnv().stream()
                        .noneMatch(env -> env.getName().equals("PROMPTGATE_EMBEDDED_DATABASE_ENABLED")),
                "nothing overrides the ConfigMap's setting");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void podTemplateCarriesAChecksumOfItsConfiguration(ValueSet values) {
        String checksum = podAnnotations(render(values)).get("checksum/config");
        assertNotNull(checksum);
        assertTrue(checksum.matches("[0-9a-f]{64}"), checksum);
    }

    static Map<String, String> podAnnotations(Manifests manifests) {
        return manifests
                .one(Deployment.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations();
    }
}
