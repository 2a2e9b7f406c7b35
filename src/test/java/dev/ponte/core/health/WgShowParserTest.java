package dev.ponte.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.health.WgShowParser.PeerStats;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WgShowParserTest {
    static final String PEER = "70KmUHpKP0kWQaj4gKCPZWS6iLoeN1vHKaZ1oGqwYiU=";
    static final String OTHER = "9L0NC4o6hpNGwi9Z9ZGmne57Q25GkmAaKiq+nZvaRAA=";
    static final String PRIVATE = "6CfZbC4eP0pI14GZ8YhpQFcboceWO6VxLXRXH+dFdVA=";

    @Test
    void readsLatestHandshakesAndTransfer() {
        // recorded from wireguard-tools 1.0.20210914 against wireguard-go 0.0.20220316
        String out = PEER + "\t1795613824\n" + PEER + "\t220\t456\n";
        PeerStats s = WgShowParser.parse(out).get(PEER);
        assertEquals(Instant.ofEpochSecond(1795613824), s.latestHandshake());
        assertEquals(220, s.rxBytes());
        assertEquals(456, s.txBytes());
        assertTrue(s.hasHandshake() && s.hasTransfer());
    }

    @Test
    void zeroMeansNoHandshakeYet() {
        PeerStats s = WgShowParser.parse(PEER + "\t0\n" + PEER + "\t0\t148\n").get(PEER);
        assertNull(s.latestHandshake());
        assertTrue(s.hasHandshake());
        assertEquals(148, s.txBytes());
    }

    @Test
    void readsDumpAndDropsTheInterfaceLineWithThePrivateKey() {
        String dump = PRIVATE + "\t" + OTHER + "\t42316\toff\n"
                + PEER + "\tFsqSGkyebsipCMqucUZR5OQzhRx0aB76IvL9mSoNKao=\t10.199.10.2:51999\t0.0.0.0/0"
                + "\t1795613824\t220\t456\t21\n";
        Map<String, PeerStats> peers = WgShowParser.parse(dump);
        assertEquals(1, peers.size());
        assertFalse(peers.containsKey(PRIVATE));
        assertEquals(Instant.ofEpochSecond(1795613824), peers.get(PEER).latestHandshake());
        assertEquals(456, peers.get(PEER).txBytes());
    }

    @Test
    void ignoresMarkersErrorsAndBlankLines() {
        String out = "1795613830\n\nUnable to access interface: No such device\nwg=1\nping=0\n";
        assertTrue(WgShowParser.parse(out).isEmpty());
        assertTrue(WgShowParser.parse(null).isEmpty());
    }

    @Test
    void picksThePeerByKeyOrTheFreshestWithoutOne() {
        String out = PEER + "\t100\n" + OTHER + "\t200\n";
        assertEquals(PEER, WgShowParser.peer(out, PEER).orElseThrow().publicKey());
        assertEquals(OTHER, WgShowParser.peer(out, null).orElseThrow().publicKey());
        assertTrue(WgShowParser.peer(out, PRIVATE).isEmpty());
    }

    @Test
    void toleratesSpacesAndCrLf() {
        PeerStats s = WgShowParser.parse(PEER + "   7 \r\n" + PEER + " 1 2\r\n").get(PEER);
        assertEquals(Instant.ofEpochSecond(7), s.latestHandshake());
        assertEquals(2, s.txBytes());
    }
}
