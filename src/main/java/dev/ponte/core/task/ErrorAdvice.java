package dev.ponte.core.task;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The one place that turns a failure into a {@link Problem} the user can act on. Adapters translate
 * their libraries' exceptions into JDK or core types first ({@link ApiStatusException},
 * {@link AuthPluginMissingException}); this class knows no library.
 */
public final class ErrorAdvice {
    private static final Pattern CANNOT_RUN = Pattern.compile("Cannot run program \"([^\"]+)\"");
    /** How far down a cause chain to look; a chain can loop (A caused by B caused by A). */
    private static final int MAX_DEPTH = 32;

    /** Where a missing credential plugin usually comes from. */
    private static final Map<String, String> PLUGIN_HINTS = Map.of(
            "gke-gcloud-auth-plugin", "It comes with the Google Cloud CLI: run `gcloud components install gke-gcloud-auth-plugin` (or install the package google-cloud-cli-gke-gcloud-auth-plugin).",
            "aws", "It is the AWS CLI: install it from aws.amazon.com/cli, or with your package manager (e.g. `brew install awscli`).",
            "aws-iam-authenticator", "Install it from github.com/kubernetes-sigs/aws-iam-authenticator, or with `brew install aws-iam-authenticator`.",
            "kubelogin", "It comes with the Azure CLI: run `az aks install-cli`, or `brew install Azure/kubelogin/kubelogin`.",
            "kubectl-oidc_login", "It is the kubelogin OIDC plugin: `kubectl krew install oidc-login` or `brew install int128/kubelogin/kubelogin`.",
            "doctl", "It is DigitalOcean's CLI: install doctl from docs.digitalocean.com/reference/doctl.",
            "oci", "It is the Oracle Cloud CLI: install it from docs.oracle.com (OCI CLI).");

    private ErrorAdvice() {
    }

    /**
     * @param error  what went wrong
     * @param target what was being reached, in words ("the API server of kind-dev")
     */
    public static Problem explain(Throwable error, String target) {
        return explain(error, target, RETRIES);
    }

    /** What the general advice says about trying again: the browsing views retry by themselves. */
    private static final String RETRIES = "Ponte retries by itself";

    /**
     * The same for a one-off operation (Run, Bridge, Unbridge, …), which does not retry by itself: where the advice
     * would say "Ponte retries by itself", it says {@code again} instead (e.g. "Ponte removed what this attempt
     * started; press Run to try again").
     */
    public static Problem explainOperation(Throwable error, String target, String again) {
        return explain(error, target, again);
    }

    private static Problem explain(Throwable error, String target, String retry) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause()) {
            Problem p = explainOne(t, target, retry);
            if (p != null) {
                return p;
            }
        }
        return new Problem(Problem.Kind.UNKNOWN, "Something went wrong with " + target,
                rootMessage(error), "Try again. If it keeps failing, use Copy diagnostics and check the log file.");
    }

    private static Problem explainOne(Throwable t, String target, String retry) {
        return switch (t) {
            case PonteException pe -> pe.problem();
            case CancellationException ce -> new Problem(Problem.Kind.CANCELLED, "Cancelled",
                    "The operation was cancelled before it finished.", "Start it again when you are ready.");
            case InterruptedException ie -> new Problem(Problem.Kind.CANCELLED, "Cancelled",
                    "The operation was interrupted.", "Start it again when you are ready.");
            case AuthPluginMissingException ape -> pluginMissing(ape.command(), target);
            case ApiStatusException ase when ase.status() > 0 -> fromStatus(ase, target, retry);
            case SSLException ssl -> tls(t, target);
            case CertificateException ce -> tls(t, target);
            case HttpConnectTimeoutException cte -> unreachable(t, target, retry, "The connection timed out.");
            case HttpTimeoutException hte -> timeout(target, retry);
            case SocketTimeoutException ste -> timeout(target, retry);
            case TimeoutException te -> timeout(target, retry);
            case UnknownHostException uhe -> unreachable(t, target, retry,
                    "The host name " + quote(uhe.getMessage()) + " could not be resolved.");
            case ConnectException ce -> unreachable(t, target, retry, "The connection was refused.");
            case NoRouteToHostException nr -> unreachable(t, target, retry, "There is no route to the host.");
            case SocketException se -> unreachable(t, target, retry, se.getMessage() != null
                    && se.getMessage().toLowerCase(java.util.Locale.ROOT).contains("reset")
                    ? "The connection was reset." : "The connection broke off" + messageOf(se) + ".");
            case EOFException eof -> unreachable(t, target, retry, "The connection was closed before the answer was complete.");
            case ClosedChannelException cc -> unreachable(t, target, retry, "The connection was closed.");
            case IOException io when io.getMessage() != null && CANNOT_RUN.matcher(io.getMessage()).find() -> {
                Matcher m = CANNOT_RUN.matcher(io.getMessage());
                m.find();
                yield pluginMissing(m.group(1), target);
            }
            default -> null;
        };
    }

    private static Problem fromStatus(ApiStatusException e, String target, String retry) {
        int s = e.status();
        String said = e.getMessage() == null ? "" : " The server said: " + redact(e.getMessage());
        return switch (s) {
            case 401 -> new Problem(Problem.Kind.UNAUTHORIZED, "Not logged in to " + target,
                    "The API server rejected the credentials (401 Unauthorized). A token or certificate may have expired.",
                    "Log in again with your cluster's tool (for example refresh your cloud CLI login), then press Retry.");
            case 403 -> new Problem(Problem.Kind.FORBIDDEN, "No permission on " + target,
                    "Your user is not allowed to do this (403 Forbidden)." + said,
                    "Ask a cluster admin for access, or work in a namespace you are allowed to use.");
            case 404 -> new Problem(Problem.Kind.NOT_FOUND, "Not found on " + target,
                    "The API server does not have what was asked for (404)." + said,
                    "Check that the resource or namespace still exists, then press Retry.");
            case 429 -> new Problem(Problem.Kind.SERVER_ERROR, target + " is busy",
                    "The API server asked us to slow down (429 Too Many Requests)" + (e.retryAfterSeconds() > 0
                            ? " and to wait " + e.retryAfterSeconds() + " s before trying again." : "."),
                    "Wait a moment" + (e.retryAfterSeconds() > 0 ? " (at least " + e.retryAfterSeconds() + " s)" : "")
                            + ", then try again; if it keeps happening, the cluster is overloaded.");
            case 504 -> new Problem(Problem.Kind.TIMEOUT, target + " did not answer in time",
                    "The API server gave up waiting for an answer (504 Gateway Timeout)." + said,
                    "Check your network or VPN and the cluster's health, then try again.");
            default -> s >= 500
                    ? new Problem(Problem.Kind.SERVER_ERROR, target + " reported an error",
                    "The API server answered " + s + "." + said, retry + "; if it persists, check the cluster's health.")
                    : new Problem(Problem.Kind.UNKNOWN, target + " refused the request",
                    "The API server answered " + s + "." + said, "Check the request and try again.");
        };
    }

    private static Problem pluginMissing(String command, String target) {
        String binary = command.substring(Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\')) + 1);
        // On Windows the command is often gke-gcloud-auth-plugin.exe: look the hint up without the suffix.
        String hint = PLUGIN_HINTS.getOrDefault(binary.replaceFirst("(?i)\\.(exe|cmd|bat|com)$", ""),
                "Install it, or fix the `exec.command` of this user in your kubeconfig.");
        return new Problem(Problem.Kind.AUTH_PLUGIN_MISSING, "Credential plugin missing for " + target,
                "Your kubeconfig runs the program `" + binary + "` to get credentials, but it is not on your PATH.",
                hint + " Then press Retry.");
    }

    private static Problem tls(Throwable t, String target) {
        return new Problem(Problem.Kind.TLS, "Untrusted certificate from " + target,
                "The TLS handshake failed: " + rootMessage(t),
                "Check the cluster's certificate-authority in your kubeconfig (it may be stale after the cluster was re-created).");
    }

    private static Problem timeout(String target, String retry) {
        return new Problem(Problem.Kind.TIMEOUT, target + " did not answer in time",
                "The request timed out.", "Check your network or VPN; " + lower(retry) + ".");
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static Problem unreachable(Throwable t, String target, String retry, String why) {
        return new Problem(Problem.Kind.UNREACHABLE, "Cannot reach " + target, why,
                "Check that the cluster is running (for a local cluster: start k3d/kind/minikube or Docker Desktop) and that you are on the right network or VPN; " + lower(retry) + ".");
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? "" : " (" + redact(t.getMessage()) + ")";
    }

    private static String quote(String s) {
        return s == null ? "(unknown)" : "'" + s + "'";
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < MAX_DEPTH; depth++) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null || msg.isBlank() ? root.getClass().getSimpleName() : redact(msg);
    }

    /** Masks anything that looks like a credential in a message from a library or a server: {@link Redactor}. */
    public static String redact(String message) {
        return Redactor.redact(message);
    }
}
