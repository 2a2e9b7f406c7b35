package dev.ponte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every malformed flag is a usage error (exit 2) that says which flag, what is wrong and a correct example — and
 * changes nothing; help and completion-relevant words are picocli's.
 */
class CliUsageTest {
    @TempDir
    static Path home;
    static CliRig rig;

    @BeforeAll
    static void start() {
        rig = new CliRig(home);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            run -i busybox -N a -p 80                              | -p 80: expected HOST_PORT:CONTAINER_PORT (or IP:HOST_PORT:CONTAINER_PORT).
            run -i busybox -N a -p 8080:99999                      | -p 8080:99999: port 99999 is out of range.
            run -i busybox -N a -p 300.1.1.1:80:80                 | -p 300.1.1.1:80:80: 300.1.1.1 is not an IPv4 address.
            run -i busybox -N a --env-from job/nightly             | --env-from: unknown kind 'job'.
            run -i busybox -N a --env-from pod/api-1               | --env-from: Ponte reads the environment of a workload, not of a single pod.
            run -i busybox -N a --env-from deployment              | --env-from deployment: expected KIND/NAME[/CONTAINER].
            run -i busybox -N a --env NOVALUE                      | --env NOVALUE: expected NAME=VALUE.
            run -i busybox -N a -v /tmp                            | -v /tmp: expected HOST_PATH:CONTAINER_PATH[:ro].
            run -i busybox -N a -v /tmp:relative                   | -v /tmp:relative: the container path relative must be absolute.
            run -i busybox -N a -v /no/such/dir:/app               | -v /no/such/dir:/app: /no/such/dir does not exist.
            run -i busybox -N ../x                                 | -N ../x: Letters, digits, '_', '.' and '-' only, starting with a letter or digit.
            run -i busybox -N a -c 'sh -c "x'                      | --command: The command has an unclosed " quote
            run -i Busybox/App -N a                                | -i Busybox/App: 
            run -i busybox -N a -n Shop_EU                         | -n Shop_EU: 'Shop_EU' is not a valid namespace name
            run -i busybox -N a --env '1VAR=x'                     | --env 1VAR: Environment variable name '1VAR' is not valid.
            run -i busybox -N a -p 8080:80 -p 8080:81              | -p: host port 8080 is published twice.
            bridge create -l a -t deploy/api -p 80                 | -p 80: expected REMOTE_PORT:LOCAL_PORT (the workload container's port, then your container's).
            bridge create -l a -t deploy/api -p 80:0 --match-path-exact /a | -p 80:0: port 0 is out of range.
            bridge create -l a -t deploy/api -p 80:8000 --match-header-exact x-user | --match-header-exact x-user: expected NAME:VALUE.
            bridge create -l a -t deploy/api -p 80:8000 --match-header-prefix x-user | --match-header-prefix x-user: expected NAME:VALUE.
            bridge create -l a -t deploy/api -p 80:8000 --match-header-regex 'x-user:(' | --match-header-regex x-user:(:
            bridge create -l a -t deploy/api -p 80:8000 --match-header-exact 'x user:a' | --match-header-exact x user:a:
            bridge create -l a -t deploy/api -p 80:8000 --match-path-regex '[' | --match-path-regex [:
            bridge create -l a -t deploy/api -p 80:8000            | A bridge needs at least one rule: without one it would take every request from the cluster.
            bridge create -l a -t job/x -p 80:8000 --match-path-prefix /a | --target: unknown kind 'job'.
            bridge create -l a -t deploy/api -p 80:8000 --match-path-prefix /a -N mine | -N/--name is not supported
            bridge create -l a -m m -t deploy/api -p 80:8000 --match-path-prefix /a | Error: --mount=MOUNT, --target=KIND/NAME[/CONTAINER] are mutually exclusive
            up --mtu 100                                           | --mtu 100 is out of range: an MTU is 576 to 9000 bytes.
            up --connection-name Bad/Name                          | --connection-name Bad/Name cannot name a connection.
            run -i busybox                                         | Missing required option: '--name=NAME'
            status -o yaml                                         | Invalid value for option '--output': expected one of [table, json]
            logs deployment/api --since 5x                         | --since 5x: expected a number and a unit (s, m, h, d).
            logs deployment/api --grep (                           | --grep (: Not a valid regular expression
            clean --clean-up                                       | Which context? --clean-up acts on one context (or on all with --all).
            bridge delete                                          | Name one bridge, or pass --all.
            sttaus                                                 | Unmatched argument at index 0: 'sttaus'
            """)
    void aMalformedFlagIsAUsageErrorThatSaysWhatToType(String command, String message) {
        CliRig.Result r = rig.run(split(command));
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains(message.strip()), "expected «" + message.strip() + "» in:\n" + r.err());
        assertTrue(r.err().lines().count() >= 2, "a usage error says what to do too:\n" + r.err());
        assertTrue(rig.gefyra.engine.containers.isEmpty() && rig.gefyra.engine.networks.isEmpty(), "nothing changed");
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRig.Result r = rig.run("sttaus");
        assertTrue(r.err().contains("Did you mean: ponte status"), r.err());
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        CliRig.Result r = rig.run("--help");
        assertEquals(0, r.code());
        for (String word : new String[] {"up", "down", "status", "connections", "run", "list", "mount", "bridge", "logs", "clean",
                "Exit codes:", "130", "interrupted with Ctrl-C"}) {
            assertTrue(r.out().contains(word), word + " in:\n" + r.out());
        }
        CliRig.Result run = rig.run("help", "run");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("Usage: ponte run ") && run.out().contains("-i=IMAGE") && run.out().contains("-N=NAME")
                && run.out().contains("--env-from=KIND/NAME[/CONTAINER]"), run.out());
        assertTrue(rig.run("--version").out().startsWith("ponte 0.1.0-test (speaks Gefyra 2.5.4)"));
    }

    /** The test's command lines: words split at spaces, '…' quoting one word. */
    private static String[] split(String line) {
        return dev.ponte.core.run.RunInput.splitCommand(line).toArray(String[]::new);
    }
}
