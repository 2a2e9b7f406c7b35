package dev.ponte.core.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.SubnetPicker.Cidr;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.PonteException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubnetPickerTest {
    /** This machine's table: the default route via eth0 and 192.0.2.0/24, plus docker0 172.17.0.0/16. */
    static final List<String> ROUTES = List.of(
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
            "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
            "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
            "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0");

    @Test
    void procNetRouteIsReadLittleEndianWithoutTheDefaultRoute() {
        assertEquals(List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("172.17.0.0/16")), SubnetPicker.parseRoutes(ROUTES));
        assertEquals(List.of(), SubnetPicker.parseRoutes(List.of("garbage", "")));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            172.18.0.0/16, 172.18.5.0/24, true
            172.18.0.0/16, 172.19.0.0/16, false
            10.199.0.0/24, 10.199.0.128/25, true
            10.199.0.0/24, 10.199.1.0/24, false
            0.0.0.0/0,     8.8.8.8/32,     true
            """)
    void cidrsOverlapWhenOneContainsTheOther(String a, String b, boolean overlap) {
        assertEquals(overlap, Cidr.parse(a).overlaps(Cidr.parse(b)));
        assertEquals(overlap, Cidr.parse(b).overlaps(Cidr.parse(a)));
    }

    @Test
    void cidrParsingNormalisesAndRejectsNonsense() {
        assertEquals("172.18.0.0/16", Cidr.parse("172.18.3.4/16").toString());
        assertEquals("10.199.0.149/32", Cidr.parse("10.199.0.149").toString());
        assertTrue(Cidr.tryParse("fd00::/64").isEmpty());
        assertTrue(Cidr.tryParse("300.1.1.1/8").isEmpty());
        assertTrue(Cidr.tryParse("1.2.3.4/33").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("nope"));
    }

    @Test
    void refusalNamesWhatIsInTheWay() {
        List<Cidr> routes = SubnetPicker.parseRoutes(ROUTES);
        assertTrue(SubnetPicker.refusal("172.18.0.0/16", List.of(), List.of(), routes).isEmpty());
        assertTrue(SubnetPicker.refusal("172.18.0.0/16", List.of(), List.of("172.18.0.0/16"), routes).orElseThrow()
                .contains("refused"));
        assertTrue(SubnetPicker.refusal("172.18.0.0/16", List.of("172.18.4.0/24"), List.of(), routes).orElseThrow()
                .contains("engine network"));
        assertTrue(SubnetPicker.refusal("172.17.0.0/24", List.of(), List.of(), routes).orElseThrow()
                .contains("local route to 172.17.0.0/16"));
    }

    @Test
    void proposeTakesTheFirstFreeEngineProposalAndRemovesEveryThrowAwayNetwork() {
        // The engine proposes 172.17 (a route: another engine's docker0), 172.18 (banned), then 172.19.
        NetworksOnly engine = new NetworksOnly("172.17.0.0/16", "172.18.0.0/16", "172.19.0.0/16", "172.20.0.0/16");
        engine.networks.put("gefyra-network-default-0", net("gefyra-network-default-0", "192.168.0.0/20"));
        String chosen = new SubnetPicker(() -> ROUTES).propose(engine, "gefyra-network-default", List.of("172.18.0.0/16"),
                Map.of("k", "v"), SubnetPicker.UPSTREAM_PROPOSALS);
        assertEquals("172.19.0.0/16", chosen);
        assertEquals(List.of("gefyra-network-default-1", "gefyra-network-default-2", "gefyra-network-default-3"),
                engine.created, "a name that exists is skipped, as upstream does on 409");
        assertEquals(List.of("gefyra-network-default-0"), List.copyOf(engine.networks.keySet()), "only the old network is left");
    }

    @Test
    void proposeGivesUpAfterMaxProposalsAndStillCleansUp() {
        NetworksOnly engine = new NetworksOnly("172.18.0.0/16", "172.19.0.0/16", "172.20.0.0/16");
        PonteException e = assertThrows(PonteException.class, () -> new SubnetPicker(List::of)
                .propose(engine, "n", List.of("172.18.0.0/15"), Map.of(), 2));
        assertTrue(e.problem().detail().contains("172.19.0.0/16"), e.problem().detail());
        assertTrue(engine.networks.isEmpty());
    }

    @Test
    void whenTheEngineFailsThrowAwayNetworksAreStillRemoved() {
        NetworksOnly engine = new NetworksOnly("172.18.0.0/16"); // the second create finds no pool
        RuntimeException e = assertThrows(RuntimeException.class, () -> new SubnetPicker(List::of)
                .propose(engine, "n", List.of("172.18.0.0/16"), Map.of(), 5));
        assertEquals("no more pools", e.getMessage());
        assertTrue(engine.networks.isEmpty());
    }

    @Test
    void forThisHostReadsWithoutFailing() {
        assertFalse(SubnetPicker.forThisHost().routes().stream().anyMatch(c -> c.prefix() == 0));
    }

    private static ContainerEngine.Network net(String name, String subnet) {
        return new ContainerEngine.Network("id-" + name, name, List.of(subnet), Map.of());
    }

    /** Only networks; subnets for engine-chosen networks come from a queue, like an engine's pool. */
    private static final class NetworksOnly implements ContainerEngine {
        final Map<String, Network> networks = new LinkedHashMap<>();
        final List<String> created = new ArrayList<>();
        private final Deque<String> pool;

        NetworksOnly(String... pool) {
            this.pool = new ArrayDeque<>(List.of(pool));
        }

        @Override
        public List<Network> networks() {
            return List.copyOf(networks.values());
        }

        @Override
        public Network createNetwork(String name, String subnet, Map<String, String> labels) {
            if (subnet == null && pool.isEmpty()) {
                throw new IllegalStateException("no more pools");
            }
            Network n = net(name, subnet == null ? pool.removeFirst() : subnet);
            networks.put(name, n);
            created.add(name);
            return n;
        }

        @Override
        public void removeNetwork(String name) {
            networks.remove(name);
        }

        @Override
        public Info info() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Network> network(String name) {
            return Optional.ofNullable(networks.get(name));
        }

        @Override
        public List<Container> containers(Map<String, String> labels) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Container> container(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String create(ContainerSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void connect(String network, String container, String ipv4) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(String container) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String container) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExecResult exec(String container, Duration timeout, String... command) {
            throw new UnsupportedOperationException();
        }

        @Override public List<Image> images() { throw new UnsupportedOperationException(); }
        @Override public String create(RunSpec spec) { throw new UnsupportedOperationException(); }
        @Override public void stop(String container, Duration grace) { throw new UnsupportedOperationException(); }
        @Override public void restart(String container, Duration grace) { throw new UnsupportedOperationException(); }
        @Override public Optional<ContainerDetails> inspect(String container) { throw new UnsupportedOperationException(); }
        @Override public dev.ponte.core.port.Subscription events(java.util.function.Consumer<EngineEvent> onEvent, java.util.function.Consumer<Throwable> onError) { throw new UnsupportedOperationException(); }
        @Override public Map<String, String> networkOptions(String name) { throw new UnsupportedOperationException(); }
        @Override public Network createNetwork(String name, String subnet, Map<String, String> labels, Map<String, String> options) { throw new UnsupportedOperationException(); }
        @Override public void disconnect(String network, String container) { throw new UnsupportedOperationException(); }
        @Override public String logs(String container, int lines) { throw new UnsupportedOperationException(); }

        @Override
        public void close() {
        }
    }
}
