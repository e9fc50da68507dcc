# One image per service: docker build --build-arg SERVICE=command-side (or query-side) .
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
# the dependencies first, in a layer of their own: a change to the sources does not download them again
COPY pom.xml .
COPY events/pom.xml events/
COPY lifecycle/pom.xml lifecycle/
COPY ledger-store/pom.xml ledger-store/
COPY ledger-web/pom.xml ledger-web/
COPY local-infra/pom.xml local-infra/
COPY command-side/pom.xml command-side/
COPY query-side/pom.xml query-side/
COPY ledger-app/pom.xml ledger-app/
COPY benchmarks/pom.xml benchmarks/
RUN mvn -q -B dependency:go-offline -pl command-side,query-side -am -DexcludeReactor=true || true
COPY . .
RUN mvn -q -B install -DskipTests -pl command-side,query-side -am

FROM eclipse-temurin:17.0.15_6-jre-jammy
ARG SERVICE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 ledger
COPY --from=build /src/${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar /app/service.jar
USER ledger
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
