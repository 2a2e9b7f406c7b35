package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.Mount;
import dev.ponte.core.port.ContainerEngine.PortBinding;
import dev.ponte.core.port.ContainerEngine.RunSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run mappings on answers shaped like Docker 20.10's and Podman 4.3's (trimmed from real ones). */
class RunModelsTest {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final List<String> SEARCH = List.of("team-a.svc.cluster.local", "svc.cluster.local", "cluster.local", "k8s");

    @Test
    void runSpecBecomesUpstreamsHostSettings() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Z", "1");
        env.put("A", "x=y");
        RunSpec spec = new RunSpec("app", "app:dev", List.of(), env, Map.of("created_by.gefyra.dev", "true"),
                List.of(new Mount("/home/me/src", "/src", false), new Mount("/home/me/conf", "/conf", true)),
                "gefyra-network-default", List.of("192.168.99.1"), SEARCH,
                List.of(new PortBinding("", 8080, 80, "tcp"), new PortBinding("127.0.0.1", 5353, 53, "udp"),
                        new PortBinding("", 8443, 80, "tcp")), true, 1_500_000_000L, 256L << 20);
        HostConfig hc = RunModels.hostConfig(spec);
        assertEquals("gefyra-network-default", hc.getNetworkMode());
        assertEquals(List.of("192.168.99.1"), List.of(hc.getDns()));
        assertEquals(SEARCH, List.of(hc.getDnsSearch()));
        assertEquals("/home/me/src", hc.getBinds()[0].getPath());
        assertEquals(AccessMode.rw, hc.getBinds()[0].getAccessMode());
        assertEquals("/conf", hc.getBinds()[1].getVolume().getPath());
        assertEquals(AccessMode.ro, hc.getBinds()[1].getAccessMode());
        assertEquals(Boolean.TRUE, hc.getAutoRemove());
        assertEquals(1_500_000_000L, hc.getNanoCPUs());
        assertEquals(256L << 20, hc.getMemory());
        String json = JSON.writeValueAsString(hc);
        assertTrue(json.contains("\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"},{\"HostIp\":\"\",\"HostPort\":\"8443\"}]"),
                "one container port, two host ports, every address: " + json);
        assertTrue(json.contains("\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"5353\"}]"), json);
        assertEquals(List.of(ExposedPort.tcp(80), ExposedPort.udp(53)), RunModels.exposedPorts(spec), "each port exposed once");
        assertEquals(List.of("Z=1", "A=x=y"), RunModels.env(spec), "the spec's order");
    }

    @Test
    void noLimitsAndNoNetworkLeaveTheEnginesDefaults() {
        HostConfig hc = RunModels.hostConfig(new RunSpec("a", "a", List.of(), Map.of(), Map.of(), List.of(), null, List.of(),
                List.of(), List.of(), false, 0, 0));
        assertNull(hc.getNetworkMode());
        assertNull(hc.getDns());
        assertNull(hc.getNanoCPUs());
        assertNull(hc.getMemory());
        assertNull(hc.getPortBindings());
        assertEquals(Boolean.FALSE, hc.getAutoRemove());
    }

    @Test
    void imagesAreTaggedOnlyAndNewestFirst() throws Exception {
        List<com.github.dockerjava.api.model.Image> raw = JSON.readValue("""
                [{"Id":"sha256:old","RepoTags":["b:1","a:1"],"Created":1700000000,"Size":10},
                 {"Id":"sha256:dangling","RepoTags":["<none>:<none>"],"Created":1800000000,"Size":5},
                 {"Id":"sha256:podman-dangling","RepoTags":null,"Created":1800000001,"Size":5},
                 {"Id":"sha256:new","RepoTags":["localhost/app:dev"],"Created":1750000000,"Size":20}]
                """, new TypeReference<>() { });
        List<ContainerEngine.Image> images = RunModels.images(raw);
        assertEquals(List.of("sha256:new", "sha256:old"), images.stream().map(ContainerEngine.Image::id).toList());
        assertEquals(List.of("a:1", "b:1"), images.get(1).tags());
        assertEquals(Instant.ofEpochSecond(1750000000), images.get(0).created());
        assertEquals(20, images.get(0).sizeBytes());
    }

    @Test
    void detailsFromARunningContainer() throws Exception {
        InspectContainerResponse c = JSON.readValue("""
                {"Id":"abc","Name":"/app","State":{"Status":"running","ExitCode":0,"StartedAt":"2026-11-25T15:34:31.987512648Z"},
                 "Config":{"Image":"app:dev","Labels":{"created_by.gefyra.dev":"true"}},
                 "HostConfig":{"Dns":["192.168.99.1"],"DnsSearch":["team-a.svc.cluster.local","svc.cluster.local","cluster.local","k8s"],
                   "AutoRemove":true,"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}},
                 "NetworkSettings":{"Ports":{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},{"HostIp":"::","HostPort":"8080"}],
                   "9000/tcp":null},
                   "Networks":{"gefyra-network-default":{"IPAddress":"10.30.0.2"},"bridge":{"IPAddress":""}}}}
                """, InspectContainerResponse.class);
        ContainerEngine.ContainerDetails d = RunModels.details(c);
        assertEquals("app", d.name());
        assertTrue(d.running());
        assertEquals(Instant.parse("2026-11-25T15:34:31.987512648Z"), d.startedAt());
        assertEquals(Map.of("gefyra-network-default", "10.30.0.2"), d.ips(), "no empty addresses");
        assertEquals(List.of(new PortBinding("", 8080, 80, "tcp")), d.ports(), "IPv4 and IPv6 bindings are one");
        assertEquals(List.of("192.168.99.1"), d.dns());
        assertEquals(SEARCH, d.dnsSearch());
        assertTrue(d.autoRemove());
    }

    @Test
    void detailsOfANeverStartedContainerFallBackToTheConfiguredPorts() throws Exception {
        InspectContainerResponse c = JSON.readValue("""
                {"Id":"abc","Name":"/app","State":{"Status":"created","ExitCode":128,"StartedAt":"0001-01-01T00:00:00Z"},
                 "Config":{"Image":"app:dev"},
                 "HostConfig":{"PortBindings":{"53/udp":[{"HostIp":"127.0.0.1","HostPort":"5353"}]}},
                 "NetworkSettings":{"Ports":{},"Networks":{}}}
                """, InspectContainerResponse.class);
        ContainerEngine.ContainerDetails d = RunModels.details(c);
        assertNull(d.startedAt(), "Go's zero time is never");
        assertEquals(128, d.exitCode());
        assertEquals(List.of(new PortBinding("127.0.0.1", 5353, 53, "udp")), d.ports());
        assertEquals(List.of(), d.dns());
        assertFalse(d.autoRemove());
    }

    @Test
    void timestampsInOtherShapes() {
        assertEquals(Instant.parse("2026-11-25T14:34:31Z"), RunModels.instant("2026-11-25T15:34:31+01:00"));
        assertNull(RunModels.instant(""));
        assertNull(RunModels.instant("yesterday"));
        assertNull(RunModels.instant(null));
    }

    @Test
    void eventsKeepStateChangesAndDropNoise() throws Exception {
        var start = RunModels.event(event("""
                {"status":"start","id":"c1","Type":"container","Action":"start",
                 "Actor":{"ID":"c1","Attributes":{"name":"app","image":"app:dev"}},"time":1}"""));
        assertEquals(new ContainerEngine.EngineEvent("container", "start", "c1", "app", Map.of("name", "app", "image", "app:dev")), start);
        assertNull(RunModels.event(event("""
                {"Type":"container","Action":"exec_create: sh -c true","Actor":{"ID":"c1","Attributes":{"name":"app"}}}""")));
        assertNull(RunModels.event(event("""
                {"Type":"container","Action":"cleanup","Actor":{"ID":"c1","Attributes":{"name":"app"}}}""")));
        assertEquals("destroy", RunModels.event(event("""
                {"Type":"container","Action":"remove","Actor":{"ID":"c1","Attributes":{"name":"app"}}}""")).action(),
                "Podman's remove is Docker's destroy");
        assertEquals("die", RunModels.event(event("""
                {"Type":"container","Action":"die","Actor":{"ID":"c1","Attributes":{"name":"app","exitCode":"137"}}}""")).action());
        var connect = RunModels.event(event("""
                {"Type":"network","Action":"connect","Actor":{"ID":"n1","Attributes":{"container":"c1","name":"gefyra-network-default","type":"bridge"}}}"""));
        assertEquals("n1", connect.id());
        assertEquals("gefyra-network-default", connect.name());
        assertEquals("c1", connect.attributes().get("container"));
        assertNull(RunModels.event(event("""
                {"Type":"network","Action":"create","Actor":{"ID":"n1","Attributes":{"name":"x"}}}""")));
        assertNull(RunModels.event(event("""
                {"Type":"image","Action":"pull","Actor":{"ID":"i1","Attributes":{"name":"x"}}}""")));
    }

    private static Event event(String json) throws Exception {
        return JSON.readValue(json, Event.class);
    }
}
