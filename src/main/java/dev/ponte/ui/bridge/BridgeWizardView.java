package dev.ponte.ui.bridge;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Outcome;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Page;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The bridge wizard's window content: the step list on the left, one page at a time in the middle,
 * and the buttons with the reason Next is disabled at the bottom. Pages rather than one long form,
 * because each step narrows the next (the ports depend on the container, the test request on the
 * port and the local container) and the Review page is a deliberate stop before Ponte changes a
 * workload other people use. Enter presses Next (or Bridge, or Close), Esc Cancel; buttons carry
 * mnemonics (Alt+N Next, Alt+K Back, Alt+B Bridge, Alt+C Cancel, Alt+L Close, Alt+O Run one now, Alt+S Add rule set, Alt+M Add match).
 */
public final class BridgeWizardView extends BorderPane {
    private final BridgeWizardViewModel vm;
    private Runnable onClose = () -> { };

    public BridgeWizardView(BridgeWizardViewModel vm) {
        this.vm = vm;
        setId("bridgeWizard");
        getStyleClass().add("bridge-wizard");
        getStylesheets().add(BridgeWizardView.class.getResource("/dev/ponte/ui/bridge/bridge.css").toExternalForm());
        setPrefSize(860, 620);

        Label title = new Label("Bridge " + vm.target());
        title.getStyleClass().add(Styles.TITLE_3);
        Label subtitle = new Label("Namespace " + vm.namespace() + " · send some of its traffic to a container on your machine"
                + " (Gefyra's mount + bridge)");
        subtitle.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox header = new VBox(2, title, subtitle);
        header.getStyleClass().add("wizard-header");
        header.setPadding(new Insets(12, 16, 10, 16));
        setTop(header);
        setLeft(steps());
        setCenter(pages());
        setBottom(buttons());
    }

    /** Called when the user closes the wizard (Cancel while editing, Close at the end). */
    public void setOnClose(Runnable onClose) {
        this.onClose = onClose;
    }

    private VBox steps() {
        VBox box = new VBox(2);
        box.setId("wizardSteps");
        box.getStyleClass().add("wizard-steps");
        box.setPadding(new Insets(12, 8, 12, 12));
        box.setMinWidth(160);
        for (Page p : Page.values()) {
            Hyperlink link = new Hyperlink((p.ordinal() + 1) + "  " + p.title());
            link.setId("step-" + p.name().toLowerCase());
            link.getStyleClass().add("wizard-step");
            link.setFocusTraversable(false);
            link.setOnAction(e -> {
                vm.goTo(p);
                link.setVisited(false);
            });
            Runnable style = () -> {
                boolean current = vm.pageProperty().get() == p;
                link.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("current"), current);
                link.setDisable(p == Page.PROGRESS ? !current : p.ordinal() > vm.furthestProperty().get().ordinal()
                        || vm.outcomeProperty().get() != Outcome.EDITING);
            };
            vm.pageProperty().addListener((o, a, b) -> style.run());
            vm.furthestProperty().addListener((o, a, b) -> style.run());
            vm.outcomeProperty().addListener((o, a, b) -> style.run());
            style.run();
            box.getChildren().add(link);
        }
        return box;
    }

    private StackPane pages() {
        Map<Page, Node> pages = new EnumMap<>(Page.class);
        pages.put(Page.TARGET, WizardPages.target(vm));
        pages.put(Page.PORTS, WizardPages.ports(vm));
        pages.put(Page.LOCAL, WizardPages.local(vm));
        pages.put(Page.RULES, new VBox(10, WizardPages.message("rulesOverlap", Styles.WARNING, "Overlaps another bridge",
                vm.checks().overlapProperty()), new RulesEditorView(vm.rules())));
        pages.put(Page.REVIEW, ReviewPages.review(vm));
        pages.put(Page.PROGRESS, ReviewPages.progress(vm));
        StackPane stack = new StackPane();
        stack.setId("wizardPages");
        pages.forEach((page, node) -> {
            ScrollPane scroll = new ScrollPane(node);
            scroll.setFitToWidth(true);
            scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
            scroll.setId("page-" + page.name().toLowerCase());
            scroll.visibleProperty().bind(vm.pageProperty().isEqualTo(page));
            if (node instanceof Region r) {
                r.setPadding(new Insets(12, 16, 12, 16));
            }
            stack.getChildren().add(scroll);
        });
        return stack;
    }

    private HBox buttons() {
        Label reason = new Label();
        reason.setId("wizardReason");
        reason.setWrapText(true);
        reason.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        reason.textProperty().bind(vm.reasonProperty());
        reason.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(reason, Priority.ALWAYS);

        BooleanBinding editing = vm.outcomeProperty().isEqualTo(Outcome.EDITING);
        BooleanBinding running = vm.outcomeProperty().isEqualTo(Outcome.RUNNING);
        BooleanBinding done = vm.outcomeProperty().isEqualTo(Outcome.ACTIVE).or(vm.outcomeProperty().isEqualTo(Outcome.FAILED));
        BooleanBinding onReview = vm.pageProperty().isEqualTo(Page.REVIEW);

        Button cancel = button("_Cancel", "wizardCancel", editing.or(running));
        cancel.cancelButtonProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> {
            if (vm.outcomeProperty().get() == Outcome.RUNNING) {
                vm.cancel();
            } else {
                onClose.run();
            }
        });
        Button back = button("Bac_k", "wizardBack", editing.or(vm.outcomeProperty().isEqualTo(Outcome.FAILED)));
        back.disableProperty().bind(vm.pageProperty().isEqualTo(Page.TARGET));
        back.setOnAction(e -> vm.back());
        Button next = button("_Next", "wizardNext", editing.and(onReview.not()));
        next.defaultButtonProperty().bind(next.visibleProperty());
        next.disableProperty().bind(vm.canNextProperty().not());
        next.setOnAction(e -> vm.next());
        Button bridge = button("_Bridge", "wizardBridge", editing.and(onReview));
        bridge.getStyleClass().add(Styles.ACCENT);
        bridge.defaultButtonProperty().bind(bridge.visibleProperty());
        bridge.disableProperty().bind(vm.canNextProperty().not());
        bridge.setOnAction(e -> vm.bridge());
        Button retry = button("_Try again", "wizardRetry", vm.outcomeProperty().isEqualTo(Outcome.FAILED));
        retry.setOnAction(e -> vm.bridge());
        Button close = button("C_lose", "wizardClose", done);
        close.setOnAction(e -> onClose.run());
        // Only one button at a time answers Enter and one Esc: the ones shown.
        close.defaultButtonProperty().bind(close.visibleProperty());
        close.cancelButtonProperty().bind(close.visibleProperty());

        // Enter presses the shown default button wherever the focus is (a focused check box would swallow it otherwise);
        // an open choice box and the read-only curl lines keep their own Enter.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ENTER || e.isShiftDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()
                    || getScene() == null || getScene().getFocusOwner() instanceof TextArea
                    || getScene().getFocusOwner() instanceof ChoiceBox<?> c && c.isShowing()) {
                return;
            }
            for (Button b : new Button[] {next, bridge, close}) {
                if (b.isVisible() && !b.isDisabled()) {
                    b.fire();
                    e.consume();
                    return;
                }
            }
        });
        HBox box = new HBox(8, reason, cancel, back, next, bridge, retry, close);
        box.setId("wizardButtons");
        box.getStyleClass().add("wizard-buttons");
        box.setAlignment(Pos.CENTER_RIGHT);
        box.setPadding(new Insets(10, 16, 12, 16));
        return box;
    }

    private static Button button(String text, String id, javafx.beans.value.ObservableBooleanValue shown) {
        Button b = new Button(text);
        b.setId(id);
        b.setMnemonicParsing(true);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.visibleProperty().bind(Bindings.createBooleanBinding(shown::get, shown));
        b.managedProperty().bind(b.visibleProperty());
        return b;
    }
}
