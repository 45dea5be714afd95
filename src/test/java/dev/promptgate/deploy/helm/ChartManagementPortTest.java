package dev.promptgate.deploy.helm;

import static dev.promptgate.deploy.helm.ChartFeaturesTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The management port (health, metrics, the OpenAPI document) stays inside the cluster: its own ClusterIP Service,
 * never an Ingress backend, open to the monitoring peers only (ADR 26).
 */
class ChartManagementPortTest {

    /** Port name to the namespaces its rule admits; fails on a rule for several ports or for no peer. */
    static Map<String, List<String>> admitted(NetworkPolicy policy) {
        return policy.getSpec().getIngress().stream()
                .collect(Collectors.toMap(
                        rule -> {
                            assertEquals(1, rule.getPorts().size(), "one port per rule");
                            return rule.getPorts().get(0).getPort().getStrVal();
                        },
                        rule -> {
                            assertFalse(rule.getFrom().isEmpty(), "a rule without peers admits everyone");
                            return rule.getFrom().stream()
                                    .map(peer -> peer.getNamespaceSelector()
                                            .getMatchLabels()
                                            .get("kubernetes.io/metadata.name"))
                                    .toList();
                        }));
    }

    @Test
    void anEmptyPeerListForOnePortClosesThatPortOnly() {
        NetworkPolicy noHttp = render(values -> values.set("networkPolicy.ingressFrom", "null"))
                .one(NetworkPolicy.class);
        NetworkPolicy noManagement = render(values -> values.set("networkPolicy.managementFrom", "null"))
                .one(NetworkPolicy.class);

        assertEquals(Map.of("management", List.of("monitoring")), admitted(noHttp));
        assertEquals(Map.of("http", List.of("ingress-nginx")), admitted(noManagement));
    }

    /** A LoadBalancer or NodePort for the API never exposes health, metrics or the OpenAPI document with it. */
    @Test
    void theManagementServiceStaysInsideTheClusterWhateverTheServiceType() {
        for (String type : List.of("LoadBalancer", "NodePort")) {
            Manifests manifests = render(values -> values.set("service.type", type));

            assertEquals(type, ChartRenderTest.httpService(manifests).getSpec().getType());
            assertEquals(
                    "ClusterIP",
                    ChartRenderTest.managementService(manifests).getSpec().getType());
        }
    }

    /** The Ingress sends every host and path to the HTTP port, never to the management port. */
    @Test
    void theIngressRoutesTheHttpPortOnly() {
        Ingress ingress = render("ingress-values.yaml").one(Ingress.class);

        assertFalse(ingress.getSpec().getRules().isEmpty());
        ingress.getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .map(path -> path.getBackend().getService())
                .forEach(backend -> {
                    assertEquals("pg-promptgate", backend.getName());
                    assertEquals("http", backend.getPort().getName());
                });
        assertNull(ingress.getSpec().getDefaultBackend(), "no default backend");
    }

    @Test
    void aManagementPortSetInTheValuesIsWhereTheServerListensAndIsProbedAndScraped() {
        Manifests manifests =
                render(values -> values.set("management.port", 9100).set("serviceMonitor.enabled", true));

        assertEquals("9100", manifests.one(ConfigMap.class).getData().get("QUARKUS_MANAGEMENT_PORT"));
        assertEquals(9100, ChartRenderTest.server(manifests).getPorts().get(1).getContainerPort());
        assertEquals(
                9100,
                ChartRenderTest.managementService(manifests)
                        .getSpec()
                        .getPorts()
                        .get(0)
                        .getPort());
        assertEquals(
                "management",
                manifests
                        .one(ServiceMonitor.class)
                        .getSpec()
                        .getEndpoints()
                        .get(0)
                        .getPort());
    }
}
