package dev.ponte.core.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.task.Problem;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The operator's and webhook's words (upstream 2.5.4's texts) become the user's next step. */
class BridgeAdviceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Probes not compatible | The target container's probes do not work with Carrier2 | httpGet
            Cannot install Gefyra Carrier2 on pods controlled by more than one controller. | A rollout of the workload is in progress | rollout to finish
            standard_init_linux.go:228: exec user process caused: exec format error | Carrier2 cannot run on these nodes | amd64
            No free port found for proxy route | The port is taken | another port
            admission webhook "bridge-parameters.gefyra.dev" denied the request: The target GefyraBridgeMounts is not in ACTIVE state. Please try again soon. | The workload's mount is not active yet | Wait until the mount is active
            admission webhook "mount-parameters.gefyra.dev" denied the request: A GefyraBridgeMount already exists for target 'deployment/api' in namespace 'shop':'m' in state 'ACTIVE' | The workload already has a mount | Reuse the existing mount
            A GefyraBridge with these target parameters already exists. | This bridge exists already | Remove that bridge
            Workload target deployment/api (type 'V1Deployment') in namespace 'shop' not found. | The bridge target was not found | still exist
            Target format is not correctly specified: api | The bridge target was not found | still exist
            """)
    void knownMessagesGetTheirAdvice(String message, String title, String adviceFragment) {
        Problem p = BridgeAdvice.explain("GefyraBridgeMount m", message);

        assertEquals(title, p.title());
        assertTrue(p.detail().contains(message.strip()), p.detail());
        assertTrue(p.detail().startsWith("GefyraBridgeMount m: "), p.detail());
        assertTrue(p.advice().contains(adviceFragment), p.advice());
    }

    @Test
    void anUnknownMessageIsPassedOnWithWhereToLook() {
        Problem p = BridgeAdvice.explain("GefyraBridge b", "Timeout waiting for condition: could not commit");

        assertEquals("GefyraBridge b failed", p.title());
        assertTrue(p.detail().contains("\"Timeout waiting for condition: could not commit\""), p.detail());
        assertTrue(p.advice().contains("kubectl -n gefyra get events"), p.advice());
    }

    @Test
    void noMessageSaysSo() {
        assertTrue(BridgeAdvice.explain("GefyraBridge b", " ").detail().contains("without a message"));
        assertTrue(BridgeAdvice.explain("GefyraBridge b", null).detail().contains("without a message"));
    }

    @Test
    void secretsInAMessageAreRedacted() {
        Problem p = BridgeAdvice.explain("GefyraBridge b", "failed: token=abc.def.ghi");

        assertTrue(!p.detail().contains("abc.def.ghi"), p.detail());
    }

    @Test
    void nonAmd64NodesAreNamed() {
        assertTrue(BridgeAdvice.architecture(List.of("amd64", "amd64")).isEmpty());
        Problem all = BridgeAdvice.architecture(List.of("arm64", "arm64")).orElseThrow();
        assertEquals("Carrier2 cannot run on this cluster's nodes", all.title());
        assertTrue(all.detail().contains("the nodes are arm64"), all.detail());
        Problem some = BridgeAdvice.architecture(List.of("amd64", "arm64")).orElseThrow();
        assertEquals("Carrier2 cannot run on some nodes", some.title());
        assertTrue(some.advice().contains("amd64 nodes"), some.advice());
    }
}
