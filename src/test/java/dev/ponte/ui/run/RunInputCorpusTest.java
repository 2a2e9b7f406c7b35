package dev.ponte.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.testsupport.DirectTaskRunner;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input in the Run dialog, case by case: images, container names, namespaces, environment, ports, folders and
 * paths, huge values, unicode and emoji. Each case types into the real view-model (on the in-memory backend) and
 * checks the message under the field, that Run stays off, and that what was typed is still there, untouched.
 */
class RunInputCorpusTest {
    private static final String HUGE = "x".repeat(100_000);

    /** A field, what the user typed into it, and where the message shows. */
    private record Case(String label, Consumer<RunDialogViewModel> type, Function<RunDialogViewModel, String> message,
                        String expected, Function<RunDialogViewModel, Object> kept, Object typed) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static RunDialogViewModel valid() {
        RunDialogViewModel vm = new RunDialogViewModel(new FakeRunBackend(), new DirectTaskRunner(), Runnable::run,
                new FakeRunBackend().connection, Set.of("web-local"));
        vm.image.set("acme/api:dev");
        vm.name.set("api-local");
        vm.namespace.set("shop");
        return vm;
    }

    private static Case image(String label, String typed, String expected) {
        return new Case("image: " + label, vm -> vm.image.set(typed), vm -> vm.imageErrorProperty().get(), expected,
                vm -> vm.image.get(), typed);
    }

    private static Case name(String label, String typed, String expected) {
        return new Case("name: " + label, vm -> vm.name.set(typed), vm -> vm.nameErrorProperty().get(), expected,
                vm -> vm.name.get(), typed);
    }

    private static Case namespace(String label, String typed, String expected) {
        return new Case("namespace: " + label, vm -> vm.namespace.set(typed), vm -> vm.formErrorProperty().get(), expected,
                vm -> vm.namespace.get(), typed);
    }

    private static Case env(String label, String key, String value, String expected) {
        return new Case("env: " + label, vm -> {
            vm.env().add(new RunDialogViewModel.EnvRow("OK", "1"));
            vm.env().add(new RunDialogViewModel.EnvRow(key, value));
        }, vm -> vm.formErrorProperty().get(), expected, vm -> List.of(vm.env().get(1).key.get(), vm.env().get(1).value.get()),
                List.of(key, value));
    }

    private static Case port(String label, String host, String container, String expected) {
        return new Case("port: " + label, vm -> {
            vm.ports().add(new RunDialogViewModel.PortRow("18080", "8080"));
            vm.ports().add(new RunDialogViewModel.PortRow(host, container));
        }, vm -> vm.formErrorProperty().get(), expected,
                vm -> List.of(vm.ports().get(1).hostPort.get(), vm.ports().get(1).containerPort.get()), List.of(host, container));
    }

    private static Case mount(String label, String source, String target, String expected) {
        return new Case("folder: " + label, vm -> vm.mounts().add(new RunDialogViewModel.MountRow(source, target, false)),
                vm -> vm.formErrorProperty().get(), expected,
                vm -> List.of(vm.mounts().getFirst().source.get(), vm.mounts().getFirst().target.get()), List.of(source, target));
    }

    private static Case command(String label, String typed, String expected) {
        return new Case("command: " + label, vm -> vm.command.set(typed), vm -> vm.formErrorProperty().get(), expected,
                vm -> vm.command.get(), typed);
    }

    static Stream<Case> corpus() {
        return Stream.of(
                image("empty", "", "Choose or type an image."),
                image("only spaces", "   ", "Choose or type an image."),
                image("a space inside", "acme/api :dev", "contains a space"),
                image("upper case repository", "acme/API:dev", "must be lowercase"),
                image("empty tag", "acme/api:", "The tag after ':' is empty"),
                image("tag too long", "acme/api:" + "t".repeat(200), "tag"),
                image("emoji", "acme/🚀:dev", "not valid"),
                image("unicode letters", "acme/äpi:dev", "not valid"),
                image("digest too short", "acme/api@sha256:abc", "digest"),
                image("huge", "a".repeat(300), "at most 255"),
                image("control character", "acme/api\u0007:dev", "not valid"),
                image("enormous", "a".repeat(100_000), "characters long"),
                image("scheme", "https://ghcr.io/acme/api:dev", "has no scheme"),
                name("empty", "", "Give the container a name."),
                name("starts with a dash", "-api", "Letters, digits"),
                name("slash", "api/local", "Letters, digits"),
                name("space", "api local", "Letters, digits"),
                name("emoji", "api-🚀", "Letters, digits"),
                name("unicode", "äpi", "Letters, digits"),
                name("taken", "web-local", "exists already"),
                name("huge", HUGE, "at most"),
                name("newline", "api\nlocal", "Letters, digits"),
                namespace("empty", "", "Name the namespace"),
                namespace("upper case", "Shop", "not a valid namespace"),
                namespace("underscore", "my_ns", "not a valid namespace"),
                namespace("too long", "n".repeat(64), "not a valid namespace"),
                namespace("emoji", "shop🚀", "not a valid namespace"),
                namespace("dot", "shop.eu", "not a valid namespace"),
                command("unclosed single quote", "sh -c 'echo hi", "unclosed ' quote"),
                command("unclosed double quote", "python -c \"print(1)", "unclosed \" quote"),
                env("name with a space", "MY VAR", "1", "is not valid"),
                env("huge name", "N".repeat(200_000), "1", "too large"),
                env("name starting with a digit", "1VAR", "1", "is not valid"),
                env("name with '='", "A=B", "1", "is not valid"),
                env("set twice", "OK", "2", "set twice"),
                env("emoji name", "VAR🚀", "1", "is not valid"),
                env("value without a name", "", "orphan", "is not valid"),
                env("NUL in the value", "VAR", "a\u0000b", "NUL"),
                env("huge value", "BIG", "v".repeat(2_000_000), "too large"),
                port("letters", "http", "8080", "Ports must be numbers"),
                port("zero", "0", "8080", "Ports must be numbers"),
                port("above 65535", "65536", "8080", "Ports must be numbers"),
                port("negative", "-1", "8080", "Ports must be numbers"),
                port("host port published twice", "18080", "9090", "published twice"),
                port("the same port written with a leading zero", "018080", "9090", "published twice"),
                port("a range", "8000-8010", "8000", "Ports must be numbers"),
                port("container port missing", "19090", "", "Ports must be numbers"),
                port("emoji", "8🚀", "8080", "Ports must be numbers"),
                port("huge number", "99999999999999999999", "8080", "Ports must be numbers"),
                mount("relative folder", "src/app", "/app", "Choose a local folder"),
                mount("no folder", "", "/app", "Choose a local folder"),
                mount("container path without /", "/home/u/app", "app", "Container paths start with '/'"),
                mount("NUL in the folder", "/home/u/a\u0000b", "/app", "not a usable folder"),
                mount("':' in the folder", "/home/u/a:b", "/app", "':'"),
                mount("':' in the container path", "/home/u/app", "/app:ro", "':'"),
                mount("newline in the container path", "/home/u/app", "/app\n/etc", "not a usable container path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputIsNamedUnderItsFieldRunStaysOffAndTheInputStays(Case c) {
        RunDialogViewModel vm = valid();
        assertTrue(vm.canRunProperty().get(), "the valid form can run");
        c.type().accept(vm);
        String message = c.message().apply(vm);
        assertNotNull(message, c.label() + ": a message");
        assertTrue(message.contains(c.expected()), c.label() + ": '" + message + "' should say '" + c.expected() + "'");
        assertTrue(message.length() < 400, c.label() + ": the message quotes a huge input whole: " + message.length());
        assertFalse(vm.canRunProperty().get(), c.label() + ": Run stays off");
        assertEquals(c.typed(), c.kept().apply(vm), c.label() + ": what was typed is kept as typed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fine")
    void unusualButValidInputIsAccepted(String label, Consumer<RunDialogViewModel> type) {
        RunDialogViewModel vm = valid();
        type.accept(vm);
        assertEquals(null, vm.formErrorProperty().get(), label);
        assertEquals(null, vm.imageErrorProperty().get(), label);
        assertEquals(null, vm.nameErrorProperty().get(), label);
        assertTrue(vm.canRunProperty().get(), label);
    }

    static Stream<Arguments> fine() {
        return Stream.of(
                Arguments.of("emoji and unicode in an env value", (Consumer<RunDialogViewModel>) vm ->
                        vm.env().add(new RunDialogViewModel.EnvRow("GREETING", "grüß dich 🚀"))),
                Arguments.of("a registry with a port and a digest", (Consumer<RunDialogViewModel>) vm ->
                        vm.image.set("localhost:5000/acme/api@sha256:" + "a".repeat(64))),
                Arguments.of("a folder with spaces and unicode", (Consumer<RunDialogViewModel>) vm ->
                        vm.mounts().add(new RunDialogViewModel.MountRow("/home/u/Mes Documents/äpp", "/app", true))),
                Arguments.of("an empty env row", (Consumer<RunDialogViewModel>) vm ->
                        vm.env().add(new RunDialogViewModel.EnvRow("", ""))),
                Arguments.of("ports with spaces around", (Consumer<RunDialogViewModel>) vm ->
                        vm.ports().add(new RunDialogViewModel.PortRow(" 18080 ", " 8080 "))));
    }

    @org.junit.jupiter.api.Test
    void aRunTheEngineRefusesKeepsEverythingTypedAndSaysWhy() {
        FakeRunBackend backend = new FakeRunBackend();
        RunDialogViewModel vm = new RunDialogViewModel(backend, new DirectTaskRunner(), Runnable::run, backend.connection,
                Set.of());
        vm.image.set("acme/not-here:1"); // not among the engine's images
        vm.name.set("api-local");
        vm.namespace.set("shop");
        vm.env().add(new RunDialogViewModel.EnvRow("GREETING", "grüß dich 🚀"));
        vm.ports().add(new RunDialogViewModel.PortRow("18080", "8080"));
        vm.command.set("/app/server --flag 'a b'");
        vm.run();
        assertNotNull(vm.problemProperty().get());
        assertEquals("Image acme/not-here:1 is not on this machine", vm.problemProperty().get().title());
        assertEquals("acme/not-here:1", vm.image.get());
        assertEquals("api-local", vm.name.get());
        assertEquals("grüß dich 🚀", vm.env().getFirst().value.get());
        assertEquals("18080", vm.ports().getFirst().hostPort.get());
        assertEquals("/app/server --flag 'a b'", vm.command.get());
        assertTrue(vm.canRunProperty().get(), "Run can be pressed again");
    }
}
