package dev.promptgate.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.TemplateCommand;
import dev.promptgate.deploy.helm.PromptgateChart.ValueSet;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the values switch on, and where each setting ends up. */
class ChartFeaturesTest {

    static Manifests render(String ciFile) {
        return Manifests.parse(PromptgateChart.render(
                ValueSet.of(PromptgateChart.DIR.resolve("ci").resolve(ciFile))));
    }

    static Manifests render(UnaryOperator<TemplateCommand> values) {
        return Manifests.parse(
                values.apply(PromptgateChart.template(ValueSet.DEFAULTS)).call());
    }

    static Map<String, EnvVar> env(Manifests manifests) {
        return ChartRenderTest.server(manifests).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, env -> env));
    }

    static void assertFromSecret(EnvVar env, String secret, String key) {
        SecretKeySelector reference = env.getValueFrom().getSecretKeyRef();
        assertEquals(secret, reference.getName(), env.getName());
        assertEquals(key, reference.getKey(), env.getName());
    }

    @Test
    void optionalObjectsAreOffByDefault() {
        Manifests manifests = render(values -> values);

        assertTrue(manifests.all(Ingress.class).isEmpty());
        assertTrue(manifests.all(HorizontalPodAutoscaler.class).isEmpty());
        assertTrue(manifests.all(PodDisruptionBudget.class).isEmpty());
        assertTrue(manifests.all(ServiceMonitor.class).isEmpty());
        assertEquals(2, manifests.one(Deployment.class).getSpec().getReplicas());
    }

    @Test
    void defaultsPointAtTheCloudNativePgExample() {
        Manifests manifests = render(values -> values);
        Map<String, String> config = manifests.one(ConfigMap.class).getData();

        assertEquals("jdbc:postgresql://promptgate-db-rw:5432/promptgate", config.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("promptgate", config.get("QUARKUS_DATASOURCE_USERNAME"));
        assertFromSecret(env(manifests).get("QUARKUS_DATASOURCE_PASSWORD"), "promptgate-db-app", "password");
        assertEquals("false", config.get("QUARKUS_OIDC_TENANT_ENABLED"));
        assertFalse(
                config.containsKey("PROMPTGATE_BOOTSTRAP_ENABLED"), "the server's default: allowed only without OIDC");
        assertEquals("90", config.get("PROMPTGATE_EVENTS_RETENTION_DAYS"));
        assertEquals("true", config.get("PROMPTGATE_IDENTITY_BROWSER_ACCOUNT"));
        assertFalse(env(manifests).containsKey("PROMPTGATE_BOOTSTRAP_TOKEN"), "generated on first start");
        assertFalse(config.containsKey("PROMPTGATE_PUBLIC_URL"), "the server's own request address");
    }

    @Test
    void productionValuesWireEverySettingToTheServer() {
        Manifests manifests = render("production-values.yaml");
        Map<String, String> config = manifests.one(ConfigMap.class).getData();
        Map<String, EnvVar> env = env(manifests);

        assertEquals(
                "jdbc:postgresql://pg.acme.example:5432/promptgate?sslmode=verify-full",
                config.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("promptgate_app", config.get("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals("15", config.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"));
        assertFromSecret(env.get("QUARKUS_DATASOURCE_PASSWORD"), "promptgate-database", "db-password");
        assertEquals("true", config.get("QUARKUS_OIDC_TENANT_ENABLED"));
        assertEquals(
                "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
                config.get("QUARKUS_OIDC_AUTH_SERVER_URL"));
        assertEquals("11111111-1111-1111-1111-111111111111", config.get("QUARKUS_OIDC_CLIENT_ID"));
        assertEquals("api://promptgate", config.get("QUARKUS_OIDC_TOKEN_AUDIENCE"));
        assertEquals("roles", config.get("QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH"));
        // A comma inside a role value is escaped: the server splits lists on unescaped commas only.
        assertEquals(
                "Promptgate.Admin,cn=ai-admins\\,ou=groups\\,dc=acme\\,dc=example",
                config.get("PROMPTGATE_SECURITY_ADMIN_ROLES"));
        assertEquals("Promptgate.Viewer", config.get("PROMPTGATE_SECURITY_VIEWER_ROLES"));
        assertEquals("false", config.get("PROMPTGATE_BOOTSTRAP_ENABLED"));
        assertFromSecret(env.get("PROMPTGATE_BOOTSTRAP_TOKEN"), "promptgate-bootstrap", "token");
        assertFromSecret(env.get("PROMPTGATE_BUNDLE_SIGNING_KEY"), "promptgate-signing", "signing-key.pem");
        assertFromSecret(env.get("PROMPTGATE_EVENTS_USER_HASH_SECRET"), "promptgate-user-hash", "user-hash-secret");
        assertEquals("30", config.get("PROMPTGATE_EVENTS_RETENTION_DAYS"));
        assertEquals("false", config.get("PROMPTGATE_IDENTITY_BROWSER_ACCOUNT"));
        assertEquals("https://ai-policy.acme.example", config.get("PROMPTGATE_PUBLIC_URL"));
        assertEquals("INFO", env.get("QUARKUS_LOG_LEVEL").getValue());
        assertTrue(ChartRenderTest.server(manifests)
                .getImage()
                .endsWith(
                        "/promptgate/server@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
    }

    /** Keycloak's client roles of Promptgate's own client, not realm roles that every application of the realm sees. */
    @Test
    void rolesAreClientRolesAndTheAudienceIsRequiredByDefault() {
        Map<String, String> config =
                render("networkpolicy-values.yaml").one(ConfigMap.class).getData();

        assertEquals("resource_access/promptgate/roles", config.get("QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH"));
        assertEquals("promptgate", config.get("QUARKUS_OIDC_TOKEN_AUDIENCE"));
        assertEquals("false", config.get("PROMPTGATE_SECURITY_ALLOW_ANY_AUDIENCE"));
    }

    @Test
    void autoscalerTakesOverTheReplicaCount() {
        Manifests manifests = render("hpa-values.yaml");
        HorizontalPodAutoscaler hpa = manifests.one(HorizontalPodAutoscaler.class);

        assertNull(manifests.one(Deployment.class).getSpec().getReplicas(), "replicas left to the autoscaler");
        assertEquals(3, hpa.getSpec().getMinReplicas());
        assertEquals(10, hpa.getSpec().getMaxReplicas());
        assertEquals(
                List.of("cpu", "memory"),
                hpa.getSpec().getMetrics().stream()
                        .map(metric -> metric.getResource().getName())
                        .toList());
    }

    @Test
    void disruptionBudgetKeepsPodsUp() {
        PodDisruptionBudget pdb = render("pdb-values.yaml").one(PodDisruptionBudget.class);

        assertEquals(2, pdb.getSpec().getMinAvailable().getIntVal());
        assertNull(pdb.getSpec().getMaxUnavailable());
    }

    @Test
    void ingressRoutesTheHostOverTls() {
        Manifests manifests = render("ingress-values.yaml");
        Ingress ingress = manifests.one(Ingress.class);

        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals(
                "promptgate.acme.example", ingress.getSpec().getRules().get(0).getHost());
        assertEquals("promptgate-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals(
                "https://promptgate.acme.example",
                manifests.one(ConfigMap.class).getData().get("PROMPTGATE_PUBLIC_URL"),
                "the server tells browsers the address they reach it at");
    }

    @Test
    void networkPolicyOpensOnlyHttpAndManagementInAndDnsDatabaseAndIdentityProviderOut() {
        NetworkPolicy policy = render("networkpolicy-values.yaml").one(NetworkPolicy.class);

        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        assertEquals(
                Map.of("http", List.of("ingress-nginx"), "management", List.of("monitoring")),
                ChartManagementPortTest.admitted(policy));
        assertEquals(
                List.of(53, 53, 5432, 443, 8443),
                policy.getSpec().getEgress().stream()
                        .flatMap(rule -> rule.getPorts().stream())
                        .map(port -> port.getPort().getIntVal())
                        .toList());
    }

    /**
     * On by default: the ingress controller's namespace reaches the HTTP port, the monitoring namespace the management
     * port (metrics, OpenAPI), and nobody else either.
     */
    @Test
    void networkPolicyIsOnByDefaultForTheIngressControllerOnHttpAndMonitoringOnManagement() {
        NetworkPolicy policy = render(values -> values).one(NetworkPolicy.class);

        assertEquals(
                Map.of("http", List.of("ingress-nginx"), "management", List.of("monitoring")),
                ChartManagementPortTest.admitted(policy));
    }

    /** A rule without peers would admit everyone: with no peer listed, there is no rule, and nobody gets in. */
    @Test
    void anEmptyPeerListAdmitsNobody() {
        NetworkPolicy policy = render(values ->
                        values.set("networkPolicy.ingressFrom", "null").set("networkPolicy.managementFrom", "null"))
                .one(NetworkPolicy.class);

        assertTrue(policy.getSpec().getPolicyTypes().contains("Ingress"));
        assertTrue(
                policy.getSpec().getIngress() == null
                        || policy.getSpec().getIngress().isEmpty(),
                String.valueOf(policy.getSpec().getIngress()));
    }

    @Test
    void serviceMonitorScrapesMetrics() {
        ServiceMonitor monitor = render("servicemonitor-values.yaml").one(ServiceMonitor.class);

        assertEquals("kube-prometheus-stack", monitor.getMetadata().getLabels().get("release"));
        assertEquals("15s", monitor.getSpec().getEndpoints().get(0).getInterval());
        assertEquals("management", monitor.getSpec().getEndpoints().get(0).getPort());
        assertEquals("/q/metrics", monitor.getSpec().getEndpoints().get(0).getPath());
    }

    @Test
    void changingTheConfigurationRollsThePodsAndScalingDoesNot() {
        String checksum = checksum(render(values -> values));

        assertNotEquals(checksum, checksum(render(values -> values.set("events.retentionDays", 30))));
        assertNotEquals(checksum, checksum(render(values -> values.set("oidc.adminRoles[0]", "ai-admins"))));
        assertEquals(checksum, checksum(render(values -> values.set("replicaCount", 5))));
    }

    static String checksum(Manifests manifests) {
        return ChartRenderTest.podAnnotations(manifests).get("checksum/config");
    }

    @Test
    void notesTellTheAdminWhereToGetTheBrowserDeploymentDocuments() {
        String notes = PromptgateChart.installNotes(ValueSet.of(Path.of("helm/promptgate/ci/ingress-values.yaml")));

        assertTrue(notes.contains("https://promptgate.acme.example/"), notes);
        for (String browser : List.of("chrome", "edge", "firefox")) {
            assertTrue(notes.contains("https://promptgate.acme.example/api/v1/deploy/" + browser), notes);
        }
        assertTrue(notes.contains("bootstrap admin token"), notes);
    }

    @Test
    void notesWarnAboutThePlaceholderImageAndALingeringBootstrapToken() {
        String defaults = PromptgateChart.installNotes(ValueSet.DEFAULTS);
        String oidc =
                PromptgateChart.installNotes(ValueSet.of(PromptgateChart.DIR.resolve("ci/networkpolicy-values.yaml")));
        String production =
                PromptgateChart.installNotes(ValueSet.of(PromptgateChart.DIR.resolve("ci/production-values.yaml")));

        assertTrue(defaults.contains("port-forward service/pg-promptgate 8080:80"), defaults);
        assertTrue(defaults.contains("image.repository is the placeholder"), defaults);
        assertFalse(oidc.contains("bootstrap"), "with OIDC on the bootstrap token is off by default: " + oidc);
        assertFalse(production.contains("WARNING"), production);
    }

    @Test
    void notesWarnWhenTheBootstrapTokenIsAllowedExplicitlyWithOidc() throws java.io.IOException {
        Path values = Files.createTempFile("bootstrap-with-oidc-", "-values.yaml");
        try {
            Files.writeString(
                    values,
                    "oidc:\n  enabled: true\n  authServerUrl: https://keycloak.acme.example/realms/acme\n"
                            + "  audience: promptgate\nbootstrap:\n  enabled: true\n  lifetime: 2h\n");
            String notes = PromptgateChart.installNotes(ValueSet.of(values));
            assertTrue(notes.contains("set bootstrap.enabled=false"), notes);
            Map<String, String> config = Manifests.parse(PromptgateChart.render(ValueSet.of(values)))
                    .one(ConfigMap.class)
                    .getData();
            assertEquals("true", config.get("PROMPTGATE_BOOTSTRAP_ENABLED"));
            assertEquals("2h", config.get("PROMPTGATE_BOOTSTRAP_LIFETIME"));
        } finally {
            Files.delete(values);
        }
    }
}
