package dev.ponte.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The corpus of secret forms: each secret part must go, the words around it must stay. */
class RedactorTest {
    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlLWJ5dGVz";
    private static final String KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nVJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu";
    private static final String WG_KEY = "sET4wDj2rj+K+qytb5BKxG3zHkGa0TcToAzbNyKDCXI=";

    static Stream<Arguments> corpus() {
        return Stream.of(
                // Authorization headers and bearer tokens
                form("Authorization: Basic dXNlcjpodW50ZXIy", List.of("dXNlcjpodW50ZXIy"), List.of("Authorization: Basic")),
                form("authorization: bearer abc.def-ghi_123", List.of("abc.def-ghi_123"), List.of("authorization: bearer")),
                form("Proxy-Authorization: Basic Zm9vOmJhcg== (rejected)", List.of("Zm9vOmJhcg=="), List.of("Proxy-Authorization: Basic")),
                form("{\"Authorization\": \"Bearer s3cr3t-token\"}", List.of("s3cr3t-token"), List.of("Authorization", "Bearer")),
                form("GET /api with Authorization: Bearer " + JWT + " failed", List.of(JWT, "c2lnbmF0dXJl"), List.of("GET /api with")),
                form("header Bearer 9f8e7d6c5b4a3f2e1d0c", List.of("9f8e7d6c5b4a3f2e1d0c"), List.of("header Bearer")),
                form("curl -H 'Authorization: Digest username=\"bob\", response=\"6629fae4\"' http://h", List.of("6629fae4"), List.of("curl -H", "http://h")),
                // JWTs on their own
                form("token was " + JWT + " and expired", List.of(JWT, "eyJzdWIiOiJzeXN0ZW06c2EifQ"), List.of("and expired")),
                form("id_token=" + JWT, List.of(JWT), List.of("id_token=")),
                // PEM private keys
                form("-----BEGIN RSA PRIVATE KEY-----\n" + KEY_BODY + "\n-----END RSA PRIVATE KEY-----\nafter",
                        List.of("MIIEvQIBADANBgkqhkiG9w0", "VJTUt9Us8cKjMzEfYyji"), List.of("BEGIN RSA PRIVATE KEY", "END RSA PRIVATE KEY", "after")),
                form("key: -----BEGIN PRIVATE KEY-----\n" + KEY_BODY + "\n-----END PRIVATE KEY-----", List.of("MIIEvQIBADANBgkqhkiG9w0"), List.of("BEGIN PRIVATE KEY")),
                form("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----", List.of("b3BlbnNzaC1rZXktdjEAAAAABG5vbmU"), List.of("OPENSSH PRIVATE KEY")),
                form("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17\n\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n-----END EC PRIVATE KEY-----",
                        List.of("MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04f"), List.of("EC PRIVATE KEY")),
                form("cut off: -----BEGIN PRIVATE KEY-----\n" + KEY_BODY, List.of("MIIEvQIBADANBgkqhkiG9w0", "VJTUt9Us8c"), List.of("cut off:", "BEGIN PRIVATE KEY")),
                form("{\"key\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQ\\n-----END PRIVATE KEY-----\\n\"}", List.of("MIIEvQIBADANBgkqhkiG9w0BAQ"), List.of("BEGIN PRIVATE KEY")),
                form("-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAK\n-----END CERTIFICATE-----", List.of(), List.of("MIIBkTCB+wIJAK")),
                // credentials in URLs
                form("cloning https://alice:hunter2@git.example.com/repo.git", List.of("hunter2"), List.of("https://alice:", "@git.example.com/repo.git")),
                form("DATABASE_URL=postgres://app:p%40ss@db:5432/shop", List.of("p%40ss"), List.of("postgres://app:", "@db:5432/shop")),
                form("mongodb+srv://root:Secr3t!@cluster0.mongodb.net/?retryWrites=true", List.of("Secr3t!"), List.of("cluster0.mongodb.net", "retryWrites=true")),
                form("redis://:onlypass@redis:6379/0", List.of("onlypass"), List.of("redis:6379/0")),
                form("proxy http://user:pa55@proxy.corp:3128 refused", List.of("pa55"), List.of("proxy.corp:3128 refused")),
                // query signatures and tokens
                form("GET https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sig=AbC%2Bdef%3D&se=2030", List.of("AbC%2Bdef%3D"), List.of("sv=2022-11-02", "sr=b", "se=2030")),
                form("https://bucket.s3.amazonaws.com/o?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20240101&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027",
                        List.of("fe5f80f77d5fa3beca038a248ff027", "AKIDEXAMPLE%2F20240101"), List.of("X-Amz-Algorithm=AWS4-HMAC-SHA256", "bucket.s3.amazonaws.com")),
                form("wss://api:6443/watch?token=abc123&timeout=30", List.of("abc123"), List.of("wss://api:6443/watch?token=", "timeout=30")),
                form("callback?code=ok&access_token=ya29.a0Af&state=xyz", List.of("ya29.a0Af"), List.of("code=ok", "state=xyz")),
                form("https://maps.googleapis.com/api?key=AIzaSyD-9tSrke72PouQMnMX&q=1", List.of("AIzaSyD-9tSrke72PouQMnMX"), List.of("maps.googleapis.com", "q=1")),
                // env-style names
                form("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG", List.of("wJalrXUtnFEMI/K7MDENG"), List.of("AWS_SECRET_ACCESS_KEY=")),
                form("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE REGION=eu-west-1", List.of("AKIAIOSFODNN7EXAMPLE"), List.of("AWS_ACCESS_KEY_ID=", "REGION=eu-west-1")),
                form("DB_PASS=tr0ub4dor DB_USER=shop", List.of("tr0ub4dor"), List.of("DB_PASS=", "DB_USER=shop")),
                form("API_KEY=k-123456 LOG_LEVEL=debug", List.of("k-123456"), List.of("API_KEY=", "LOG_LEVEL=debug")),
                form("GITLAB_TOKEN=tok_abcdef", List.of("tok_abcdef"), List.of("GITLAB_TOKEN=")),
                form("MYSQL_ROOT_PASSWORD=rootpw", List.of("rootpw"), List.of("MYSQL_ROOT_PASSWORD=")),
                form("PGPASSWORD=pgsecret psql -h db", List.of("pgsecret"), List.of("PGPASSWORD=", "psql -h db")),
                form("export STRIPE_SECRET=sk_live_51H; echo ok", List.of("sk_live_51H"), List.of("export STRIPE_SECRET=", "echo ok")),
                form("-e SESSION_KEY=abcd1234 -e PORT=8080", List.of("abcd1234"), List.of("SESSION_KEY=", "PORT=8080")),
                form("Server=db;Database=shop;Password=Pa55w0rd;User Id=app", List.of("Pa55w0rd"), List.of("Server=db", "Database=shop", "User Id=app")),
                form("TOKEN_FILE=/var/run/secrets/token PASSWORD_FILE=/run/pw", List.of(), List.of("/var/run/secrets/token", "/run/pw")),
                // quoted values with spaces
                form("{\"password\": \"a b c\", \"user\": \"bob\"}", List.of("a b c"), List.of("\"password\": \"", "\"user\": \"bob\"")),
                form("password='correct horse battery'", List.of("correct horse", "battery"), List.of("password='")),
                form("{\"clientSecret\":\"with \\\"quote\\\" inside\",\"ok\":true}", List.of("quote", "inside"), List.of("clientSecret", "\"ok\":true")),
                form("password: a b", List.of("a b"), List.of("password: ")),
                form("secret: top secret value, user: bob", List.of("top secret value"), List.of("user: bob")),
                form("apiKey: \"k y\"", List.of("k y"), List.of("apiKey: ")),
                // WireGuard
                form("[Interface]\nAddress = 192.168.99.2\nPrivateKey = " + WG_KEY + "\nDNS = 192.168.99.1", List.of(WG_KEY), List.of("PrivateKey = ", "Address = 192.168.99.2", "DNS = 192.168.99.1")),
                form("[Peer]\nPublicKey = pubKEYstays0123456789abcdefghijklmnopqrs=\nPresharedKey = " + WG_KEY + "\nEndpoint = 10.0.0.1:31820",
                        List.of(WG_KEY), List.of("PublicKey = pubKEYstays0123456789abcdefghijklmnopqrs=", "Endpoint = 10.0.0.1:31820")),
                form("Interface.PrivateKey=" + WG_KEY, List.of(WG_KEY), List.of("Interface.PrivateKey=")),
                // kubeconfig fields
                form("users:\n- name: alice\n  user:\n    client-certificate-data: Q0VSVA==\n    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=\n",
                        List.of("LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo="), List.of("client-key-data: ", "client-certificate-data: Q0VSVA==", "name: alice")),
                form("    token: kubeconfig-u-abc123:xyz789\n    username: admin", List.of("kubeconfig-u-abc123", "xyz789"), List.of("token: ", "username: admin")),
                form("tokenFile: /home/me/.kube/token", List.of(), List.of("/home/me/.kube/token")),
                form("certificate-authority-data: Q0FDRVJU", List.of(), List.of("certificate-authority-data: Q0FDRVJU")),
                // well-known token formats and command lines
                form("remote: ghp_1234567890abcdefghijABCDEFGHIJ123456", List.of("ghp_1234567890abcdefghij"), List.of("remote:")),
                form("slack xoxb-123456789012-abcdefghij said hi", List.of("xoxb-123456789012"), List.of("slack", "said hi")),
                form("docker login --password hunter22 registry.io", List.of("hunter22"), List.of("docker login --password", "registry.io")),
                form("curl -u admin:s3cr3t https://h/", List.of("s3cr3t"), List.of("curl -u admin:", "https://h/")),
                form("--token=abc.def.ghi --server=https://api", List.of("abc.def.ghi"), List.of("--token=", "--server=https://api")),
                form("Cookie: session=abc123; theme=dark", List.of("abc123"), List.of("Cookie: ")),
                // what ErrorAdvice redacted before
                form("token=abc123, reason=expired", List.of("abc123"), List.of("token=", "reason=expired")),
                form("\"secret\": \"s\"", List.of("\"s\""), List.of("\"secret\": ")),
                form("presharedkey: abcdefgh", List.of("abcdefgh"), List.of("presharedkey: ")));
    }

    private static Arguments form(String text, List<String> gone, List<String> kept) {
        return Arguments.of(text, gone, kept);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void theSecretGoesAndTheRestStays(String text, List<String> gone, List<String> kept) {
        String out = Redactor.redact(text);
        for (String secret : gone) {
            assertFalse(out.contains(secret), () -> "still holds " + secret + ": " + out);
        }
        for (String harmless : kept) {
            assertTrue(out.contains(harmless), () -> "lost " + harmless + ": " + out);
        }
        if (!gone.isEmpty()) {
            assertTrue(out.contains(Redactor.MASK), out);
        }
        assertEquals(out, Redactor.redact(out), "redacting twice changes nothing");
    }

    @Test
    void theCorpusHasAtLeastFortyForms() {
        assertTrue(corpus().count() >= 40);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The connection was refused.",
            "Using a bearer token from the kubeconfig",
            "Basic authentication is not enabled",
            "Secret db-creds in namespace shop could not be read (403)",
            "pod/api-7d9f ready 1/1 at 12:30:05",
            "https://api.example.com:6443/api/v1/namespaces?limit=500",
            "the key is missing from the secret",
            "KUBECONFIG=/home/me/.kube/config",
            "monkey=1 passenger=2 keyboard=3 bypass=4"})
    void ordinaryTextIsLeftAlone(String text) {
        assertEquals(text, Redactor.redact(text));
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertNull(Redactor.redact(null));
        assertEquals("", Redactor.redact(""));
    }

    @Test
    void aProblemsDetailIsMaskedWhoeverBuiltIt() {
        Problem p = new Problem(Problem.Kind.UNKNOWN, "Run failed", "The engine said: DB_PASSWORD=hunter2 is not allowed", "Try again.");
        assertEquals("The engine said: DB_PASSWORD=*** is not allowed", p.detail());
    }

    @Test
    void errorAdviceUsesTheSameRedactor() {
        String text = "DB_PASS=tr0ub4dor and https://u:p4ss@h";
        assertEquals(Redactor.redact(text), ErrorAdvice.redact(text));
    }
}
