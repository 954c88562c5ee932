# shellcheck shell=bash
# Copyright (c) 2026, kafkaops.connect contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The secure profile's secrets and certificates: generated passwords (basic auth, keystore,
# database) in $RUN/secrets, a throw-away CA made at first start (its key deleted once the
# certificates are signed), the workers' JAAS file, a curl config and a psql wrapper.

secure_random() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }

# One generated secret of this sandbox: connect (basic auth), keystore, postgres.
secure_secret() {
  case "$1" in
    postgres) sed -n 's/^password=//p' "$RUN/secrets/postgres.properties" ;;
    *) printf '%s\n' "$(cat "$RUN/secrets/$1-password")" ;;
  esac
}

secure_prepare() {
  local sec=$RUN/secrets name CONNECT_PASSWORD
  mkdir -p "$sec" "$RUN/tls" "$RUN/bin"
  chmod 700 "$sec"
  for name in connect keystore; do
    [ -s "$sec/$name-password" ] || (umask 077 && secure_random >"$sec/$name-password")
  done
  # Read by the workers through ${file:...}: the password never sits in a connector config.
  [ -s "$sec/postgres.properties" ] || (umask 077 && printf 'password=%s\n' "$(secure_random)" >"$sec/postgres.properties")
  PG_PASSWORD=$(secure_secret postgres)
  CONNECT_PASSWORD=$(secure_secret connect)
  (
    umask 077
    printf '%s: %s\n' "$CONNECT_USER" "$CONNECT_PASSWORD" >"$sec/connect-users.properties"
    render conf/connect-jaas.conf.in RUN >"$sec/connect-jaas.conf"
    render conf/curl.conf.in RUN CONNECT_USER CONNECT_PASSWORD >"$sec/curl.conf"
  )
  render conf/psql.in RUN >"$RUN/bin/psql"
  chmod 755 "$RUN/bin/psql"
  [ -s "$RUN/tls/truststore.p12" ] || secure_make_tls
}

secure_make_tls() {
  local tls=$RUN/tls pass=$RUN/secrets/keystore-password
  log "making a throw-away CA and certificates in $tls"
  (
    cd "$tls"
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 30 -subj "/CN=kafkaops sandbox CA" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
      "subjectAltName=IP:127.0.0.1,DNS:localhost" "extendedKeyUsage=serverAuth,clientAuth" >server.ext
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" "extendedKeyUsage=clientAuth" >client.ext
    for name in server client; do
      openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=kafkaops sandbox $name" 2>/dev/null
      openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -out "$name.crt" \
        -extfile "$name.ext" 2>/dev/null
    done
    # Nobody can sign anything else with this CA.
    rm -f ca.key ca.srl ./*.csr ./*.ext
    openssl pkcs12 -export -in server.crt -inkey server.key -certfile ca.crt -name server -out server.p12 \
      -passout "file:$pass"
    keytool -importcert -noprompt -alias sandbox-ca -file ca.crt -keystore truststore.p12 -storetype PKCS12 \
      -storepass:file "$pass" >/dev/null 2>&1
    chmod 644 ca.crt client.crt
  ) || die "making the sandbox certificates failed"
}

# Every secret this sandbox uses, one a line: for the scan of the suites' logs.
cmd_secrets() {
  if [ -z "$SECURE" ]; then printf '%s\n' "$PG_PASSWORD"; return; fi
  [ -d "$RUN/secrets" ] || die "the secure sandbox was never started (sandbox --secure up)"
  secure_secret connect
  secure_secret keystore
  secure_secret postgres
}
