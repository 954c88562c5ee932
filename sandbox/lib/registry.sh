# shellcheck shell=bash
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The sandbox's schema registry, sourced by sandbox/bin/sandbox: Apicurio Registry 2.4.2.Final,
# which serves the Confluent Schema Registry API at /apis/ccompat/v7. It is built from Maven Central
# artifacts (sandbox/registry/pom.xml, a Quarkus fast-jar) into $CACHE/registry/FINGERPRINT, where
# FINGERPRINT is a hash of sandbox/registry's files: checkouts share the cache, and one whose
# sandbox/registry differs builds its own folder instead of replacing the jar another checkout's
# registry is running from. Builds of older fingerprints stay (about 140 MB each) until the
# cache is removed. The plain sandbox serves it over HTTP on SANDBOX_SCHEMA_REGISTRY_PORT (18081),
# the secure one over HTTPS only, with the sandbox's certificate, on
# SANDBOX_SECURE_SCHEMA_REGISTRY_PORT (18181).

REGISTRY_DIR=$SANDBOX_DIR/registry
# Names and contents of every file, so a renamed file counts as a change too.
REGISTRY_BUILD=$CACHE/registry/$(cd "$REGISTRY_DIR" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
REGISTRY_APP=$REGISTRY_BUILD/build/quarkus-app/quarkus-run.jar
# Apicurio's Kafka Connect Avro converter, added to the workers' plugin.path (sandbox/registry/converter).
# shellcheck disable=SC2034 # read by name when connect.sh renders the worker config
REGISTRY_PLUGINS=$REGISTRY_BUILD/plugins

# The Confluent-compatible base URL, as modules and tests take it.
registry_endpoint() { echo "$SCHEME://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"; }

# Maven Central's address as Maven's own super POM gives it: settings.xml mirrors every
# repository to it (Apicurio's parent pom declares repositories we cannot reach).
maven_central_url() {
  local jar
  jar=$(find "$(dirname "$(readlink -f "$(command -v mvn)")")/../lib" -name 'maven-model-builder-*.jar' | head -1)
  [ -n "$jar" ] || die "cannot find Maven's maven-model-builder jar (for Maven Central's address)"
  unzip -p "$jar" org/apache/maven/model/pom-4.0.0.xml | sed -n 's|.*<url>\(.*\)</url>.*|\1|p' | head -1
}

# Skipped when this fingerprint's build is complete (its stamp is written last). The lock keeps two
# sandboxes from running Maven at once (they share its local repository) and from building the same
# fingerprint twice.
registry_build() {
  local stamp=$REGISTRY_BUILD/.built central
  if [ -f "$stamp" ] && [ -f "$REGISTRY_APP" ]; then return 0; fi
  command -v unzip >/dev/null || apt_install unzip
  mkdir -p "$REGISTRY_BUILD"
  (
    flock 9
    if [ -f "$stamp" ] && [ -f "$REGISTRY_APP" ]; then exit 0; fi
    log "building the schema registry (Apicurio Registry) with Maven: the first build downloads about 210 MB and takes 2-4 minutes"
    central=$(maven_central_url)
    # What an interrupted build of this fingerprint left; no registry runs from an unstamped build.
    rm -rf "${REGISTRY_BUILD:?}/build" "${REGISTRY_BUILD:?}/plugins" "${REGISTRY_BUILD:?}/converter-build" "$REGISTRY_BUILD/maven.log"
    for pom in "$REGISTRY_DIR/pom.xml" "$REGISTRY_DIR/converter/pom.xml"; do
      SANDBOX_MAVEN_CENTRAL=$central mvn -B -q -s "$REGISTRY_DIR/settings.xml" -f "$pom" \
        -Dsandbox.cache="$CACHE" -Dregistry.build="$REGISTRY_BUILD" package >>"$REGISTRY_BUILD/maven.log" 2>&1 || {
        tail -20 "$REGISTRY_BUILD/maven.log" >&2
        die "Maven could not build the schema registry ($pom); full log: $REGISTRY_BUILD/maven.log"
      }
    done
    basename "$REGISTRY_BUILD" >"$stamp"
  ) 9>"$CACHE/registry/.lock"
}

# shellcheck disable=SC2034 # TLS, HTTP_PORT: read by name in render
registry_start() {
  if running_pid schema-registry >/dev/null; then log "schema-registry already running"; return 0; fi
  local conf=$RUN/conf/schema-registry.properties TLS="" HTTP_PORT=$REGISTRY_PORT
  if [ -n "$SECURE" ]; then
    HTTP_PORT=0
    # HTTPS only: no plain listener next to it.
    TLS="quarkus.http.ssl-port=$REGISTRY_PORT
quarkus.http.insecure-requests=disabled
quarkus.http.ssl.certificate.files=$RUN/tls/server.crt
quarkus.http.ssl.certificate.key-files=$RUN/tls/server.key"
  fi
  render registry/registry.properties HTTP_PORT TLS >"$conf"
  log "starting schema-registry on $(registry_endpoint)"
  start_java schema-registry java -Xms64m -XX:TieredStopAtLevel=1 -Dquarkus.config.locations="$conf" -- -jar "$REGISTRY_APP"
}

registry_curl() {
  if [ -n "$SECURE" ]; then curl --cacert "$RUN/tls/ca.crt" "$@"; else curl "$@"; fi
}

registry_ready() { registry_curl -sf -m 5 -o /dev/null "$(registry_endpoint)/subjects"; }
