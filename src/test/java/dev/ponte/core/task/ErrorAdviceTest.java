package dev.ponte.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorAdviceTest {
    private static final String TARGET = "the API server of kind-dev";
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0.sig";

    static Stream<Arguments> failures() {
        return Stream.of(
                failure("ConnectException wrapped in a RuntimeException",
                        new RuntimeException("wrapper", new ConnectException("Connection refused")), Problem.Kind.UNREACHABLE),
                failure("UnknownHostException", new UnknownHostException("api.gone.example"), Problem.Kind.UNREACHABLE),
                failure("NoRouteToHostException", new NoRouteToHostException("no route"), Problem.Kind.UNREACHABLE),
                failure("HttpConnectTimeoutException", new HttpConnectTimeoutException("connect timed out"), Problem.Kind.UNREACHABLE),
                failure("HttpTimeoutException", new HttpTimeoutException("request timed out"), Problem.Kind.TIMEOUT),
                failure("SocketTimeoutException", new SocketTimeoutException("read timed out"), Problem.Kind.TIMEOUT),
                failure("TimeoutException in an ExecutionException",
                        new ExecutionException(new TimeoutException()), Problem.Kind.TIMEOUT),
                failure("SSLHandshakeException", new SSLHandshakeException("PKIX path building failed"), Problem.Kind.TLS),
                failure("CertificateException", new CertificateException("bad cert"), Problem.Kind.TLS),
                failure("CancellationException", new CancellationException(), Problem.Kind.CANCELLED),
                failure("InterruptedException", new InterruptedException(), Problem.Kind.CANCELLED),
                failure("Cannot run program aws", new RuntimeException(new IOException(
                        "Cannot run program \"aws\": error=2, No such file or directory")), Problem.Kind.AUTH_PLUGIN_MISSING));
    }

    private static Arguments failure(String name, Throwable error, Problem.Kind kind) {
        return Arguments.of(Named.of(name, error), kind);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void explainsAFailureAsTheRightKindOfProblem(Throwable error, Problem.Kind kind) {
        Problem problem = ErrorAdvice.explain(error, TARGET);

        assertEquals(kind, problem.kind(), problem::describe);
        assertFalse(problem.title().isBlank());
        assertFalse(problem.detail().isBlank());
        assertFalse(problem.advice().isBlank());
    }

    @Test
    void anUnknownHostIsNamedInTheDetail() {
        Problem problem = ErrorAdvice.explain(new UnknownHostException("api.gone.example"), TARGET);

        assertTrue(problem.detail().contains("'api.gone.example'"), problem.detail());
        assertTrue(problem.title().contains(TARGET), problem.title());
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "401, UNAUTHORIZED",
            "403, FORBIDDEN",
            "404, NOT_FOUND",
            "429, SERVER_ERROR",
            "500, SERVER_ERROR",
            "503, SERVER_ERROR",
            "400, UNKNOWN",
    })
    void explainsAnApiStatusByItsCode(int status, Problem.Kind kind) {
        ApiStatusException error = new ApiStatusException(status, "pods is forbidden", null);

        Problem problem = ErrorAdvice.explain(new CompletionException(error), TARGET);

        assertEquals(kind, problem.kind(), problem::describe);
        assertTrue(problem.detail().contains(String.valueOf(status)), problem.detail());
    }

    @Test
    void serverMessageIsQuotedForAForbiddenRequest() {
        Problem problem = ErrorAdvice.explain(new ApiStatusException(403,
                "pods is forbidden: User \"dev\" cannot list resource \"pods\"", null), TARGET);

        assertTrue(problem.detail().contains("cannot list resource"), problem.detail());
        assertFalse(problem.retryable());
    }

    @Test
    void anApiStatusWithoutACodeIsExplainedByItsCause() {
        Problem problem = ErrorAdvice.explain(new ApiStatusException(0, "failure", new ConnectException("refused")), TARGET);

        assertEquals(Problem.Kind.UNREACHABLE, problem.kind());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "gke-gcloud-auth-plugin",
            "/usr/lib/google-cloud-sdk/bin/gke-gcloud-auth-plugin",
            "C:\\Program Files\\Google\\Cloud SDK\\bin\\gke-gcloud-auth-plugin.exe",
    })
    void aMissingGkePluginIsExplainedWithTheGcloudInstallCommand(String command) {
        Problem problem = ErrorAdvice.explain(new AuthPluginMissingException(command), TARGET);

        assertEquals(Problem.Kind.AUTH_PLUGIN_MISSING, problem.kind());
        assertTrue(problem.advice().contains("gcloud components install"), problem.advice());
        assertTrue(problem.detail().contains("gke-gcloud-auth-plugin"), problem.detail());
    }

    @Test
    void aProgramThatCannotBeStartedIsAMissingPluginNamedInTheAdvice() {
        Problem problem = ErrorAdvice.explain(
                new IOException("Cannot run program \"aws\": error=2, No such file or directory"), TARGET);

        assertEquals(Problem.Kind.AUTH_PLUGIN_MISSING, problem.kind());
        assertTrue(problem.detail().contains("`aws`"), problem.detail());
        assertTrue(problem.advice().contains("AWS CLI"), problem.advice());
    }

    @Test
    void anUnknownPluginGetsGenericAdvice() {
        Problem problem = ErrorAdvice.explain(new AuthPluginMissingException("my-company-login"), TARGET);

        assertTrue(problem.advice().contains("exec.command"), problem.advice());
    }

    @Test
    void aPonteExceptionPassesItsProblemThrough() {
        Problem own = new Problem(Problem.Kind.KUBECONFIG, "Cannot use context 'x'", "It is broken.", "Fix it.");

        assertSame(own, ErrorAdvice.explain(new PonteException(own), TARGET));
        assertSame(own, ErrorAdvice.explain(new CompletionException(new PonteException(own, new ConnectException())), TARGET));
    }

    @Test
    void anUnknownErrorIsUnknownWithTheRootMessage() {
        Problem problem = ErrorAdvice.explain(
                new IllegalStateException("outer", new RuntimeException("the actual root cause")), TARGET);

        assertEquals(Problem.Kind.UNKNOWN, problem.kind());
        assertEquals("the actual root cause", problem.detail());
        assertTrue(problem.retryable());
    }

    @Test
    void anUnknownErrorWithoutMessageIsNamedByItsType() {
        assertEquals("IllegalStateException", ErrorAdvice.explain(new IllegalStateException(), TARGET).detail());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {0, 401, 403, 404, 429, 500, 400})
    void noDetailLeaksABearerTokenFromTheCauseOfAnApiStatus(int status) {
        Throwable cause = new RuntimeException("GET https://api/ with Authorization: Bearer " + TOKEN + " failed");
        Throwable error = new RuntimeException(new ApiStatusException(status, "the server said no", cause));

        Problem problem = ErrorAdvice.explain(error, TARGET);

        assertFalse(problem.describe().contains(TOKEN), problem::describe);
    }

    @Test
    void aCauseChainThatLoopsDoesNotHang() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);

        Problem problem = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ErrorAdvice.explain(a, TARGET));

        assertEquals(Problem.Kind.UNKNOWN, problem.kind());
    }

    @Test
    void aResetConnectionIsUnreachableAndSaysItWasReset() {
        Problem p = ErrorAdvice.explain(new RuntimeException("An error has occurred.",
                new java.io.UncheckedIOException(new java.net.SocketException("Connection reset"))), "the API server of dev");
        assertEquals(Problem.Kind.UNREACHABLE, p.kind());
        assertEquals("Cannot reach the API server of dev", p.title());
        assertEquals("The connection was reset.", p.detail());
    }

    @Test
    void tooManyRequestsSaysHowLongTheServerAskedToWait() {
        Problem p = ErrorAdvice.explain(new ApiStatusException(429, "storage is busy", 7, null), "the cluster");
        assertEquals(Problem.Kind.SERVER_ERROR, p.kind());
        assertEquals("the cluster is busy", p.title());
        assertEquals("The API server asked us to slow down (429 Too Many Requests) and to wait 7 s before trying again.",
                p.detail());
        assertTrue(p.advice().startsWith("Wait a moment (at least 7 s), then try again"), p.advice());
    }
}
