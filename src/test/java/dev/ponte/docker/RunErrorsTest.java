package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import org.junit.jupiter.api.Test;

/** The engines' words for run failures (Docker 20.10 and Podman 4.3, as they answered) become advice. */
class RunErrorsTest {
    private static final String DOCKER = "unix:///var/run/docker.sock";
    private static final String PODMAN = "unix:///run/podman/podman.sock";

    @Test
    void takenNameOnBothEngines() {
        Problem docker = problem(new ConflictException("Status 409: {\"message\":\"Conflict. The container name \\\"/web\\\" is already in use"
                + " by container \\\"2b6e4d5a\\\". You have to remove (or rename) that container to be able to reuse that name.\"}"), DOCKER);
        assertEquals("A container named web exists", docker.title());
        assertTrue(docker.advice().contains("docker rm -f web"), docker.advice());
        assertTrue(docker.detail().contains("answered 409"), "the engine's words stay: " + docker.detail());

        Problem podman = problem(new InternalServerErrorException("Status 500: {\"cause\":\"that name is already in use\",\"message\":"
                + "\"container create: creating container storage: the container name \\\"web\\\" is already in use by 93e3b213."
                + " You have to remove that container to be able to reuse that name: that name is already in use\",\"response\":500}"), PODMAN);
        assertEquals("A container named web exists", podman.title());
        assertTrue(podman.advice().contains("podman rm -f web"), podman.advice());
    }

    @Test
    void missingImageSaysPullOrBuild() {
        Problem docker = problem(new NotFoundException("Status 404: {\"message\":\"No such image: localhost/nope:1\"}"), DOCKER);
        assertEquals("Image localhost/nope:1 is not on this machine", docker.title());
        assertEquals(Problem.Kind.NOT_FOUND, docker.kind());
        assertTrue(docker.advice().contains("docker pull localhost/nope:1") && docker.advice().contains("docker build -t localhost/nope:1"),
                docker.advice());
        Problem podman = problem(new NotFoundException("Status 404: {\"cause\":\"image not known\",\"message\":\"no such image:"
                + " localhost/nope:1: image not known\",\"response\":404}"), PODMAN);
        assertEquals("Image localhost/nope:1 is not on this machine", podman.title());
        assertTrue(podman.advice().contains("podman pull localhost/nope:1"), podman.advice());
    }

    @Test
    void invalidReferenceKeepsTheEnginesReason() {
        Problem docker = problem(new BadRequestException("Status 400: {\"message\":\"invalid reference format: repository name must be lowercase\"}"),
                DOCKER);
        assertEquals("The image reference is not valid (repository name must be lowercase)", docker.title());
        Problem podman = problem(new InternalServerErrorException("Status 500: {\"cause\":\"normalizing name for compat API: invalid reference format\","
                + "\"message\":\"normalizing image: normalizing name for compat API: invalid reference format\",\"response\":500}"), PODMAN);
        assertEquals("The image reference is not valid", podman.title());
        assertTrue(podman.advice().contains("lowercase"), podman.advice());
    }

    @Test
    void takenPortIsNamed() {
        Problem docker = problem(new InternalServerErrorException("Status 500: {\"message\":\"driver failed programming external connectivity"
                + " on endpoint web (d6a23da0): Bind for 0.0.0.0:18089 failed: port is already allocated\"}"), DOCKER);
        assertEquals("Port 18089 is already in use", docker.title());
        assertTrue(docker.advice().startsWith("Host port 18089 is taken"), docker.advice());
        Problem podman = problem(new InternalServerErrorException("Status 500: {\"cause\":\"address already in use\",\"message\":"
                + "\"cannot listen on the TCP port: listen tcp4 :18089: bind: address already in use\",\"response\":500}"), PODMAN);
        assertEquals("Port 18089 is already in use", podman.title());
        Problem onAddress = problem(new InternalServerErrorException("Status 500: {\"message\":\"Bind for 127.0.0.1:8080 failed:"
                + " port is already allocated\"}"), DOCKER);
        assertTrue(onAddress.advice().startsWith("Host port 8080 on 127.0.0.1 is taken"), onAddress.advice());
    }

    @Test
    void missingNetworkSaysReconnect() {
        Problem docker = problem(new NotFoundException("Status 404: {\"message\":\"network gefyra-network-default not found\"}"), DOCKER);
        assertEquals("The network gefyra-network-default does not exist", docker.title());
        assertTrue(docker.advice().contains("connect the cluster again"), docker.advice());
        Problem podman = problem(new InternalServerErrorException("Status 500: {\"cause\":\"network not found\",\"message\":\"container create:"
                + " unable to find network with name or ID gefyra-network-default: network not found\",\"response\":500}"), PODMAN);
        assertEquals("The network gefyra-network-default does not exist", podman.title());
    }

    @Test
    void otherAnswersKeepTheGeneralTranslation() {
        Problem conflict = problem(new ConflictException("Status 409: {\"message\":\"network with name n already exists\"}"), DOCKER);
        assertEquals("Conflict in the container engine", conflict.title());
    }

    private static Problem problem(DockerException e, String endpoint) {
        PonteException translated = EngineErrors.translate(e, endpoint, "create the container web");
        return translated.problem();
    }
}
