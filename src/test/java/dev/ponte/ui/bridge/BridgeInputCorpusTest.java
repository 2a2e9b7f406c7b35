package dev.ponte.ui.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.bridge.MatchDraft;
import dev.ponte.core.gefyra.MatchRules.Type;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Page;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input in the bridge wizard's rules and ports, case by case: header names, header values, paths, regexes,
 * local ports, huge values, unicode and emoji. Each case types into the real wizard view-model on the rules page
 * and checks the message under the field, that Next stays off, and that what was typed is still there as typed.
 */
class BridgeInputCorpusTest {
    private static final String HUGE = "a".repeat(100_000);

    private BridgeWizardViewModel rulesPage() {
        BridgeWizardViewModel vm = new BridgeWizardViewModel(new FakeBridgeBackend(), new DirectTaskRunner(), Runnable::run,
                p -> CompletableFuture.completedFuture(Optional.empty()), "shop", WorkloadKind.DEPLOYMENT, "api");
        vm.load();
        vm.next();
        vm.next();
        vm.next();
        assertEquals(Page.RULES, vm.pageProperty().get());
        return vm;
    }

    static Stream<Arguments> badMatches() {
        return Stream.of(
                // header names
                header("empty header name", "", "alice", Type.EXACT, "Enter a header name"),
                header("a space in the name", "x user", "alice", Type.EXACT, "Not a valid header name"),
                header("a colon in the name", "x-user: alice", "alice", Type.EXACT, "cannot contain ':'"),
                header("a pseudo-header", ":authority", "x", Type.EXACT, "Pseudo-headers"),
                header("unicode in the name", "x-üser", "alice", Type.EXACT, "Not a valid header name"),
                header("emoji in the name", "x-🚀", "alice", Type.EXACT, "Not a valid header name"),
                header("a slash in the name", "x/user", "alice", Type.EXACT, "Not a valid header name"),
                header("parentheses in the name", "x(user)", "alice", Type.EXACT, "Not a valid header name"),
                header("a NUL in the name", "x\u0000user", "alice", Type.EXACT, "Not a valid header name"),
                header("a huge name", "x" + "y".repeat(10_000), "alice", Type.EXACT, "longer than HTTP servers accept"),
                header("a name pattern that does not compile", "^x-(user", "alice", Type.REGEX, "Not a valid pattern"),
                // header values
                header("empty exact value", "x-user", "", Type.EXACT, "Enter the value to match"),
                header("leading space in the value", "x-user", " alice", Type.EXACT, "HTTP drops spaces"),
                header("trailing space in the value", "x-user", "alice ", Type.EXACT, "HTTP drops spaces"),
                header("unicode in the value", "x-user", "grüße", Type.EXACT, "visible ASCII"),
                header("emoji in the value", "x-user", "🚀", Type.EXACT, "visible ASCII"),
                header("a newline in the value", "x-user", "a\nb", Type.EXACT, "visible ASCII"),
                header("a DEL character in the value", "x-user", "a\u007fb", Type.PREFIX, "visible ASCII"),
                header("a huge value", "x-user", HUGE, Type.EXACT, "longer than HTTP servers accept"),
                header("empty value pattern", "x-user", "", Type.REGEX, "Enter a pattern"),
                header("a value pattern with an unclosed class", "x-user", "[a-z", Type.REGEX, "Not a valid pattern"),
                header("a look-ahead (Rust's regex has none)", "x-user", "(?=alice)", Type.REGEX, "not supported by Carrier2's regex engine"),
                header("a back-reference (Rust's regex has none)", "x-user", "(a)\\1", Type.REGEX, "not supported by Carrier2's regex engine"),
                header("a huge value pattern", "x-user", HUGE, Type.REGEX, "longer than HTTP servers accept"),
                // paths
                path("empty path", "", Type.PREFIX, "Enter a path"),
                path("no leading slash", "api/v2", Type.PREFIX, "A path starts with /"),
                path("a fragment", "/api#top", Type.EXACT, "part after #"),
                path("a space", "/my api", Type.PREFIX, "percent-encoded"),
                path("unicode", "/grüße", Type.PREFIX, "percent-encoded"),
                path("emoji", "/🚀", Type.PREFIX, "percent-encoded"),
                path("a huge path", "/" + HUGE, Type.PREFIX, "longer than HTTP servers accept"),
                path("an empty pattern", "", Type.REGEX, "Enter a pattern for the path"),
                path("a pattern that does not compile", "^/api/(v1|v2", Type.REGEX, "Not a valid pattern"),
                path("a possessive quantifier (Rust's regex has none)", "^/a++", Type.REGEX, "not supported by Carrier2's regex engine"));
    }

    private static Arguments header(String label, String name, String value, Type type, String expected) {
        return Arguments.of(label, MatchDraft.Target.HEADER, type, name, value, expected);
    }

    private static Arguments path(String label, String value, Type type, String expected) {
        return Arguments.of(label, MatchDraft.Target.PATH, type, "", value, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMatches")
    void aBadMatchIsNamedUnderItsFieldNextStaysOffAndTheInputStays(String label, MatchDraft.Target target, Type type,
                                                                   String name, String value, String expected) {
        BridgeWizardViewModel vm = rulesPage();
        MatchItem m = vm.rules().sets().getFirst().matches().getFirst();
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            m.target.set(target);
            m.type.set(type);
            m.name.set(name);
            m.value.set(value);
        }, label + ": checked at once, whatever the input");
        vm.next(); // pressing Next shows what is still wrong, also in fields left empty
        assertEquals(Page.RULES, vm.pageProperty().get(), label + ": Next does not leave the page");
        String error = m.nameErrorProperty().get() != null ? m.nameErrorProperty().get() : m.valueErrorProperty().get();
        assertNotNull(error, label + ": a message under the field");
        assertTrue(error.contains(expected), label + ": '" + error + "' should say '" + expected + "'");
        assertTrue(error.length() < 400, label + ": the message quotes a huge input whole (" + error.length() + ")");
        assertFalse(vm.canNextProperty().get(), label + ": Next stays off");
        assertEquals(name, m.name.get(), label + ": the name is kept as typed");
        assertEquals(value, m.value.get(), label + ": the value is kept as typed");
        assertTrue(vm.rules().firstProblemProperty().get() != null && !vm.rules().firstProblemProperty().get().isBlank(),
                label + ": the page says what is wrong");
    }

    static Stream<Arguments> badPorts() {
        return Stream.of(
                Arguments.of("empty", "", "Enter the port"),
                Arguments.of("letters", "http", "A port is a number from 1 to 65535"),
                Arguments.of("zero", "0", "A port is a number from 1 to 65535"),
                Arguments.of("too big", "70000", "A port is a number from 1 to 65535"),
                Arguments.of("negative", "-8080", "A port is a number from 1 to 65535"),
                Arguments.of("emoji", "80🚀", "A port is a number from 1 to 65535"),
                Arguments.of("huge number", "123456789012345678901234567890", "A port is a number from 1 to 65535"),
                Arguments.of("a decimal", "80.5", "A port is a number from 1 to 65535"));
    }

    @ParameterizedTest(name = "local port: {0}")
    @MethodSource("badPorts")
    void aBadLocalPortIsNamedNextStaysOffAndTheInputStays(String label, String typed, String expected) {
        BridgeWizardViewModel vm = new BridgeWizardViewModel(new FakeBridgeBackend(), new DirectTaskRunner(), Runnable::run,
                p -> CompletableFuture.completedFuture(Optional.empty()), "shop", WorkloadKind.DEPLOYMENT, "api");
        vm.load();
        vm.next();
        assertEquals(Page.PORTS, vm.pageProperty().get());
        PortItem port = vm.ports().getFirst();
        port.localPort.set(typed);
        assertEquals(expected, port.errorProperty().get().replaceAll("^(" + java.util.regex.Pattern.quote(expected) + ").*", "$1"));
        assertFalse(vm.canNextProperty().get(), label);
        assertEquals(typed, port.localPort.get(), label + ": kept as typed");
    }
}
