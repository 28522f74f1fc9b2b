# catalog-sync image: one jar, run as `connector`, `streams`, `install`, `flag` or `status`.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl cli -am

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/cli/target/catalog-sync.jar /app/catalog-sync.jar
COPY --from=build /src/cli/target/lib /app/lib
ENTRYPOINT ["java", "-jar", "/app/catalog-sync.jar"]
