package com.executionledger.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, for Testcontainers. Asked only when there is a sign of one (a
 * {@code DOCKER_HOST}, a socket, a Testcontainers configuration): without, Testcontainers logs an
 * ERROR with every strategy it tried, which on a machine without Docker is no error at all.
 */
final class DockerEngine {

    private DockerEngine() {
    }

    static boolean answers() {
        boolean signOfOne = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        return signOfOne && DockerClientFactory.instance().isDockerAvailable();
    }
}
