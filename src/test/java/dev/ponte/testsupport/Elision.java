package dev.ponte.testsupport;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds the text a window shows shortened: every visible {@link Labeled} (labels, buttons, menu buttons, table
 * headers, list and table cells, check boxes) whose skin's text node shows something other than its text — an
 * ellipsis put in, or lines left out of a wrapped label. Call on the FX thread after a layout pass.
 */
public final class Elision {
    private Elision() {
    }

    /** "id or class: 'shown' instead of 'text'" for each shortened text under {@code root}. */
    public static List<String> find(Node root) {
        List<String> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private static void walk(Node n, List<String> out) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && l.getSkin() != null) {
            String shown = shownText(l);
            String expected = l.isMnemonicParsing() ? withoutMnemonic(l.getText()) : l.getText();
            if (shown != null && !shown.equals(expected)) {
                out.add(describe(l) + ": '" + shown + "' instead of '" + expected + "' (" + Math.round(l.getWidth()) + " × "
                        + Math.round(l.getHeight()) + " px)");
            } else {
                String cut = cutOff(l);
                if (cut != null) {
                    out.add(describe(l) + ": '" + expected + "' " + cut);
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, out);
            }
        }
    }

    /**
     * Whole text can still be cut by what holds it: a table or list with no horizontal scroll bar that is narrower
     * than its columns (their right part is simply not drawn), or the window's own edge. Null when nothing cuts it.
     */
    private static String cutOff(Labeled l) {
        javafx.geometry.Bounds b = l.localToScene(l.getLayoutBounds());
        if (b.getWidth() <= 0) {
            return null;
        }
        double sceneWidth = l.getScene() == null ? Double.MAX_VALUE : l.getScene().getWidth();
        if (b.getMinX() < sceneWidth && b.getMaxX() > sceneWidth + 0.5) {
            return "runs past the window's right edge (" + Math.round(b.getMaxX()) + " > " + Math.round(sceneWidth) + " px)";
        }
        for (Node p = l.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.TableView<?> || p instanceof javafx.scene.control.ListView<?>
                    || p instanceof javafx.scene.control.TreeTableView<?>) {
                if (hasVisibleHorizontalBar(p)) {
                    return null; // the user can scroll to it
                }
                javafx.geometry.Bounds holder = p.localToScene(p.getLayoutBounds());
                if (b.getMinX() < holder.getMaxX() && b.getMaxX() > holder.getMaxX() + 0.5) {
                    return "is cut at the right edge of " + describe(p) + " (" + Math.round(b.getMaxX()) + " > "
                            + Math.round(holder.getMaxX()) + " px)";
                }
                if (b.getMinX() >= holder.getMaxX()) {
                    return "is beyond the right edge of " + describe(p) + ", out of sight";
                }
                return null;
            }
        }
        return null;
    }

    private static boolean hasVisibleHorizontalBar(Node control) {
        for (Node n : control.lookupAll(".scroll-bar")) {
            if (n instanceof javafx.scene.control.ScrollBar bar && bar.getOrientation() == javafx.geometry.Orientation.HORIZONTAL
                    && bar.isVisible()) {
                return true;
            }
        }
        return false;
    }

    /** The text of the labeled's own text node (LabeledSkinBase's "text" child), or null when it has none. */
    private static String shownText(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }

    private static String withoutMnemonic(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' && i + 1 < s.length()) {
                b.append(s.charAt(++i));
            } else if (c != '_') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String describe(Node n) {
        StringBuilder path = new StringBuilder();
        for (Node p = n; p != null && path.length() < 160; p = p.getParent()) {
            if (p.getId() != null) {
                path.insert(0, "#" + p.getId() + (path.isEmpty() ? "" : " > "));
                break;
            }
        }
        return path + n.getClass().getSimpleName();
    }
}
