package dev.ponte.ui.palette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandPaletteViewModelTest {
    private final List<String> ran = new ArrayList<>();

    private PaletteItem item(PaletteItem.Kind kind, String title, String detail) {
        return new PaletteItem(kind, title, detail, () -> ran.add(title));
    }

    private CommandPaletteViewModel vm() {
        return new CommandPaletteViewModel(() -> List.of(
                item(PaletteItem.Kind.ACTION, "Connect kind-dev", "the selected context"),
                item(PaletteItem.Kind.ACTION, "Disconnect staging", "Connected"),
                item(PaletteItem.Kind.ACTION, "Theme: Dark", ""),
                item(PaletteItem.Kind.CONTEXT, "kind-dev", "https://127.0.0.1:6443"),
                item(PaletteItem.Kind.NAMESPACE, "payments", "in kind-dev"),
                item(PaletteItem.Kind.WORKLOAD, "api", "Deployment in default"),
                item(PaletteItem.Kind.ACTION, "Bridge api to a local container…", "Deployment in default (Ctrl+B)"),
                item(PaletteItem.Kind.CONTAINER, "api-local", "acme/api:dev · running")));
    }

    @ParameterizedTest(name = "''{0}'' finds ''{1}'' first")
    @CsvSource(textBlock = """
            api,        api
            bri api,    Bridge api to a local container…
            ck,         Connect kind-dev
            disc,       Disconnect staging
            dark,       Theme: Dark
            pay,        payments
            api-l,      api-local
            kd,         kind-dev
            """)
    void theBestMatchComesFirst(String query, String first) {
        CommandPaletteViewModel vm = vm();
        vm.open();
        vm.queryProperty().set(query);
        assertEquals(first, vm.results().getFirst().title(), vm.results().stream().map(PaletteItem::title).toList().toString());
    }

    @Test
    void everythingShowsForAnEmptyQueryAndNothingForNoMatch() {
        CommandPaletteViewModel vm = vm();
        vm.open();
        assertEquals(8, vm.results().size());
        vm.queryProperty().set("zzz");
        assertTrue(vm.results().isEmpty());
        assertFalse(vm.runSelected());
    }

    @Test
    void upDownAndEnterRunTheSelectedOne() {
        CommandPaletteViewModel vm = vm();
        vm.open();
        vm.queryProperty().set("a");
        vm.moveDown();
        vm.moveDown();
        vm.moveUp();
        String expected = vm.results().get(1).title();
        assertTrue(vm.runSelected());
        assertEquals(List.of(expected), ran);
    }

    @Test
    void fuzzyMatchNeedsEveryCharacterInOrder() {
        assertEquals(FuzzyMatch.NONE, FuzzyMatch.score("xa", "api"));
        assertEquals(FuzzyMatch.NONE, FuzzyMatch.score("ipa", "api"));
        assertTrue(FuzzyMatch.score("api", "api") > FuzzyMatch.score("api", "capital"));
        assertTrue(FuzzyMatch.score("rl", "Run locally…") > FuzzyMatch.score("rl", "Reload kubeconfig files"),
                "word starts beat letters inside words");
    }
}
