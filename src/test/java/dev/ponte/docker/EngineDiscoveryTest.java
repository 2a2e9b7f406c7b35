package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.Problem;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineDiscoveryTest {
    @TempDir
    Path home;
    /** Absolute paths outside the fake home that "exist". */
    private final Set<Path> systemSockets = new HashSet<>();
    private final Map<String, ContainerEngine.Info> answering = new java.util.HashMap<>();

    private EngineDiscovery discovery(Map<String, String> env, String os) {
        Function<String, ContainerEngine.Info> ping = endpoint -> {
            ContainerEngine.Info info = answering.get(endpoint);
            if (info == null) {
                throw new RuntimeException(new ConnectException("Connection refused"));
            }
            return info;
        };
        return new EngineDiscovery(env, home, os, p -> p.startsWith(home) ? Files.exists(p) : systemSockets.contains(p), ping);
    }

    private Path socket(String relative) throws IOException {
        Path p = home.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.createFile(p);
        return p;
    }

    private static ContainerEngine.Info info(String endpoint, String product) {
        return new ContainerEngine.Info(endpoint, product, "1.0", "1.41", "linux", "amd64");
    }

    private static List<String> endpoints(List<EngineCandidate> cs) {
        return cs.stream().map(EngineCandidate::endpoint).toList();
    }

    @Test
    void listsEveryKnownPlaceInOrderWithDockerHostFirst() {
        List<EngineCandidate> cs = discovery(Map.of("DOCKER_HOST", "tcp://10.199.0.5:2375", "XDG_RUNTIME_DIR", "/run/user/1000"),
                "Linux").candidates();
        assertEquals(List.of("tcp://10.199.0.5:2375",
                "unix://" + home.resolve(".docker/run/docker.sock"),
                "unix://" + home.resolve(".docker/desktop/docker.sock"),
                "unix://" + home.resolve(".colima/default/docker.sock"),
                "unix://" + home.resolve(".colima/docker.sock"),
                "unix:///run/user/1000/podman/podman.sock",
                "unix:///run/podman/podman.sock",
                "unix://" + home.resolve(".local/share/containers/podman/machine/podman.sock"),
                "unix://" + home.resolve(".local/share/containers/podman/machine/qemu/podman.sock"),
                "unix://" + home.resolve(".rd/docker.sock"),
                "unix:///var/run/docker.sock"), endpoints(cs));
        assertEquals("DOCKER_HOST environment variable", cs.getFirst().source());
        assertTrue(cs.getFirst().exists(), "tcp can only be checked by asking");
        assertTrue(cs.stream().skip(1).noneMatch(EngineCandidate::exists), "no socket exists in the empty home");
    }

    @Test
    void windowsAddsDockerDesktopsNamedPipe() {
        assertTrue(endpoints(discovery(Map.of(), "Windows 11").candidates()).contains("npipe:////./pipe/docker_engine"));
        assertFalse(endpoints(discovery(Map.of(), "Mac OS X").candidates()).contains("npipe:////./pipe/docker_engine"));
    }

    @Test
    void activeContextIsResolvedThroughItsMetaJson() throws IOException {
        writeContext("colima", "unix://" + home.resolve(".colima/default/docker.sock"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{},\"currentContext\":\"colima\"}");
        List<EngineCandidate> cs = discovery(Map.of(), "Mac OS X").candidates();
        assertEquals("unix://" + home.resolve(".colima/default/docker.sock"), cs.getFirst().endpoint());
        assertEquals("docker context \"colima\" (config.json)", cs.getFirst().source());
        assertEquals(1, cs.stream().filter(c -> c.endpoint().equals(cs.getFirst().endpoint())).count(), "listed once");
    }

    @Test
    void dockerContextVariableWinsOverConfigJsonAndDockerConfigMovesTheFolder() throws IOException {
        Path other = home.resolve("elsewhere");
        writeContext(other, "remote", "tcp://10.199.0.9:2376");
        Files.writeString(other.resolve("config.json"), "{\"currentContext\":\"ignored\"}");
        List<EngineCandidate> cs = discovery(Map.of("DOCKER_CONFIG", other.toString(), "DOCKER_CONTEXT", "remote"),
                "Linux").candidates();
        assertEquals("tcp://10.199.0.9:2376", cs.getFirst().endpoint());
        assertEquals("docker context \"remote\" (DOCKER_CONTEXT)", cs.getFirst().source());
    }

    @Test
    void defaultContextAndBrokenFilesAddNothing() throws IOException {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"default\"}");
        int plain = discovery(Map.of(), "Linux").candidates().size();
        Files.writeString(home.resolve(".docker/config.json"), "{not json");
        assertEquals(plain, discovery(Map.of(), "Linux").candidates().size());
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"gone\"}");
        assertEquals(plain, discovery(Map.of(), "Linux").candidates().size(), "a context without meta.json is skipped");
    }

    @Test
    void metaJsonLivesUnderTheSha256OfTheContextName() {
        // sha256("desktop-linux"), as the docker CLI names the folder
        assertEquals("fe9c6bd7a66301f49ca9b6a70b217107cd1284598bfc254700c989b916da791e", EngineDiscovery.sha256("desktop-linux"));
    }

    @Test
    void choosesTheFirstThatAnswersAndSaysWhyNotTheOthers() throws IOException {
        Path colima = socket(".colima/default/docker.sock");
        systemSockets.add(Path.of("/var/run/docker.sock"));
        systemSockets.add(Path.of("/run/podman/podman.sock"));
        answering.put("unix:///run/podman/podman.sock", info("unix:///run/podman/podman.sock", "Podman"));
        answering.put("unix:///var/run/docker.sock", info("unix:///var/run/docker.sock", "Docker"));

        EngineChoice choice = discovery(Map.of("DOCKER_HOST", "ssh://me@build-box"), "Linux").choose(null);

        assertTrue(choice.found());
        assertEquals("unix:///run/podman/podman.sock", choice.used().endpoint());
        assertEquals("Podman", choice.info().product());
        assertTrue(choice.summary().startsWith("Using Podman 1.0 at unix:///run/podman/podman.sock"), choice.summary());
        assertEquals(EngineChoice.Status.UNSUPPORTED, status(choice, "ssh://me@build-box"));
        assertEquals(EngineChoice.Status.NOT_ANSWERING, status(choice, "unix://" + colima));
        assertEquals(EngineChoice.Status.MISSING, status(choice, "unix://" + home.resolve(".rd/docker.sock")));
        assertEquals(EngineChoice.Status.ANSWERS, status(choice, "unix:///var/run/docker.sock"));
        assertTrue(verdict(choice, "unix:///var/run/docker.sock").reason().contains("comes first"));
        assertTrue(verdict(choice, "unix://" + colima).reason().contains("Connection refused"));
        assertTrue(choice.problem().isEmpty());
    }

    @Test
    void thePreferredEngineWinsWhenItAnswersAndIsReportedWhenItDoesNot() {
        systemSockets.add(Path.of("/var/run/docker.sock"));
        systemSockets.add(Path.of("/run/podman/podman.sock"));
        answering.put("unix:///run/podman/podman.sock", info("unix:///run/podman/podman.sock", "Podman"));
        answering.put("unix:///var/run/docker.sock", info("unix:///var/run/docker.sock", "Docker"));
        EngineChoice picked = discovery(Map.of(), "Linux").choose("unix:///var/run/docker.sock");
        assertEquals("unix:///var/run/docker.sock", picked.used().endpoint());
        assertTrue(verdict(picked, "unix:///run/podman/podman.sock").reason().contains("you picked"));

        EngineChoice fallback = discovery(Map.of(), "Linux").choose("tcp://10.199.0.7:2375");
        assertEquals("tcp://10.199.0.7:2375", fallback.verdicts().getFirst().candidate().endpoint());
        assertEquals("your choice in Settings", fallback.verdicts().getFirst().candidate().source());
        assertEquals(EngineChoice.Status.NOT_ANSWERING, fallback.verdicts().getFirst().status());
        assertTrue(fallback.verdicts().getFirst().reason().startsWith("your choice does not answer"));
        assertEquals("unix:///run/podman/podman.sock", fallback.used().endpoint());
    }

    @Test
    void noEngineGivesAProblemWithStartAdvice() throws IOException {
        socket(".colima/default/docker.sock");
        EngineChoice choice = discovery(Map.of(), "Mac OS X").choose(null);
        assertFalse(choice.found());
        assertNull(choice.info());
        Problem p = choice.problem().orElseThrow();
        assertEquals(Problem.Kind.UNREACHABLE, p.kind());
        assertTrue(p.advice().contains("colima start"), p.advice());
        assertTrue(choice.summary().startsWith("No container engine answers"), choice.summary());
    }

    private static EngineChoice.Status status(EngineChoice c, String endpoint) {
        return verdict(c, endpoint).status();
    }

    private static EngineChoice.Verdict verdict(EngineChoice c, String endpoint) {
        return c.verdicts().stream().filter(v -> v.candidate().endpoint().equals(endpoint)).findFirst().orElseThrow();
    }

    private void writeContext(String name, String host) throws IOException {
        writeContext(home.resolve(".docker"), name, host);
    }

    private static void writeContext(Path dockerDir, String name, String host) throws IOException {
        Path meta = dockerDir.resolve("contexts/meta").resolve(EngineDiscovery.sha256(name)).resolve("meta.json");
        Files.createDirectories(meta.getParent());
        Files.writeString(meta, "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
                + host + "\",\"SkipTLSVerify\":false}}}");
    }
}
