package dev.ponte.kube.gefyra;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The webhook certificate Gefyra 2.5.4 bakes into its operator image: self-signed, CN and SAN
 * {@code gefyra-admission.gefyra.svc}, valid 2023-05-31 to 2033-05-28 (upstream {@code operator/client-cert.pem}
 * at tag 2.5.4; the operator image serves the matching key). A public certificate, not a secret. The installer
 * puts it, base64-encoded, into the {@code caBundle} of every webhook of the ValidatingWebhookConfiguration
 * {@code gefyra.dev}, so the API server trusts the webhook only under that service name (section 2.3).
 */
final class AdmissionCertificate {
    /** The PEM, byte for byte (1842 bytes, ending in a newline). */
    static final String PEM = """
            -----BEGIN CERTIFICATE-----
            MIIFIzCCAwugAwIBAgIUUJqpMOJGGjU5cmSfCx4YiqmQ/94wDQYJKoZIhvcNAQEL
            BQAwJjEkMCIGA1UEAwwbZ2VmeXJhLWFkbWlzc2lvbi5nZWZ5cmEuc3ZjMB4XDTIz
            MDUzMTA4MjMwNloXDTMzMDUyODA4MjMwNlowJjEkMCIGA1UEAwwbZ2VmeXJhLWFk
            bWlzc2lvbi5nZWZ5cmEuc3ZjMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKC
            AgEAg0pZh7fchn6q+Vk/2JqpoHPBPI0jqU5RJ9ymBu2nvOJTVeFzA3di3+T1qRoA
            FJpT3gkwpxh1E4kognzkVUz4hsyOZxI2q0oEXLKinKqtd3o7xey/zNE+qcBYKxI/
            7HqjiUxxqC26Gffv9jdsUKW9Ow8Ix42IseGeEh19KyFQiTDbfhDTO5Xx4s6XQgeU
            H+vlWp4Setw3zXfo9CwhVMUIfIJAdl3yAz8ecUYd3yXkOIaqYjGTsaKq2waNzfbo
            /0iCjTclIazyHzcdpAP5YT9PQV+4IIi4k8epwuUHPKrgaeD79ZfF/0on3CGSjWmk
            uwU/oLjtKIB9iU5PDEtXNG9c9nEhpnAZ5C7/MCShI7YBmxutqPJONSAIuDQ9QQKb
            i8VYHK2/4n73JbvReM3Mcw7gjpezXe8dVIvCXWN5zwl9YKDEoyEAznIMV1cW9gNF
            XULmlSIw/bpkVwivOe99ycJWtAhL5fwSEUxp67R1SvSBcgRTHTnL9kgE+aSiuug5
            Jbtl1Lwo96z9JNT/eyKULhPI6pLCyg38irJJK3btcf07RgfW9AJtV9NjnRP6Qc5c
            PpxRnq2PqiSipl0Doq8XNRz/so6lT1FVofFVqDfUt5vFvlRNtJYss+pQVdFTYoRH
            BmEu7OmK/1II1KwUbuwL6RLxFOZz6ASWqqubNMDbz4RQaWUCAwEAAaNJMEcwJgYD
            VR0RBB8wHYIbZ2VmeXJhLWFkbWlzc2lvbi5nZWZ5cmEuc3ZjMB0GA1UdDgQWBBT5
            yQLSBdnG8Hbm7yDOhJj42JMh6TANBgkqhkiG9w0BAQsFAAOCAgEAasN/aEqkzpXI
            jW00A+ohkR1Hzyt4+oMiLQh2TbY05hwy9MYKBv5FLzZ1W0op8Fnc0k3V/OUBJ4gr
            hU85QttX7p8JLyoKE3maulyswQe3JVO5XqqcN1ELt7W9M6S546/iH4R1A4zHmrmz
            V22Hg1kryTp8NiDLRfWYaqgY46w3/QIKMlPqSPSLIv13n/GBhkNwPS+iS5P8z3Ik
            WU1bTRanbf7S8NigEEx4Um092kXP0/2orJaEQjcUxc0ymxmSifp6Of4bwJ5HlnJN
            oVWVJWF0rBYxlSbm1RzfDY6S89woxe26gnkualsqvwf2qVJEMafpMuY034ddGli5
            CF8kxTqsAkUzCFWihR6oMNYQteZtHEvgKDBmaVmKElLE1HJ/TVf+J62HAfHbJBpF
            HUtK/ame6QLKDrx2gNI48B3uY4heyl3mRr+L/juYjbqvK5Rytmv48YLN5IUJdMxs
            aS2yKx27Z54OevmjUS8J+BDaxPpavv7KnZXbSeMaWfIE1h18T2CTcXI7S7kHiJyE
            hpkUGkigIBGxRxdHX/QlmWFUSDYGxVL6ZoscmmLxyya2v/mLliVocuQPkuc+AqgT
            jyM/cZ/RMo0qY46NzmhNRhm37an/n3X4B3W9dF2Vmai5b3HvqlgeCX8+X3K9gat+
            d4o6gfP4Imte+e0eD9sJttcN7+AX9ok=
            -----END CERTIFICATE-----
            """;

    /** SHA-256 of {@link #PEM}, to catch an accidental edit. */
    static final String PEM_SHA256 = "4c8dff0c9966deb080248b9c904ef9e6e202ab2716a96fc02b727924bc5878d1";

    private AdmissionCertificate() {
    }

    /** The {@code caBundle} value: base64 of the PEM (the API server stores the decoded bytes). */
    static String caBundle() {
        return Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII));
    }
}
