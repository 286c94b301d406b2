# One image for every Marsad service; the command chooses which runs:
#   marsad-ingest | marsad-enrich | marsad-aggregate | marsad (publish, tail, …)
# docker-compose.yml runs each with its settings in MARSAD__… variables.
# Checked by hadolint in scripts/validate-deploy (CI has no Docker engine to build it).

# --- build: the workspace's release binaries ------------------------------------
FROM rust:1-bookworm AS builder
WORKDIR /src
COPY . .
# The cache mounts keep the registry and target/ between builds (BuildKit); the
# binaries are copied out of the mount because it is not part of the layer.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
        -p marsad-ingest -p marsad-enrich -p marsad-aggregate -p marsad-cli --bins \
    && mkdir -p /out \
    && cp target/release/marsad-ingest target/release/marsad-enrich \
          target/release/marsad-aggregate target/release/marsad /out/

# --- run: slim Debian, the binaries, the run-time data ---------------------------
FROM debian:bookworm-slim
# ca-certificates for TLS to NATS; curl for the compose health checks (/readyz).
# Versions follow the bookworm release the base image pins.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 marsad \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin marsad
WORKDIR /app
COPY --from=builder /out/ /usr/local/bin/
# The knowledge base and the stacked events layer enrich loads at start (enrich.kb_dir,
# default data/kb, and enrich.events_model, default data/models/events.tsv, relative to
# the working directory), and the sample articles for `marsad publish /app/seeds`.
COPY data/kb /app/data/kb
COPY data/models/events.tsv /app/data/models/events.tsv
COPY seeds /app/seeds
USER 10001:10001
ENV MARSAD__ENRICH__KB_DIR=/app/data/kb \
    MARSAD__ENRICH__EVENTS_MODEL=/app/data/models/events.tsv
# Admin ports: ingest 9101, enrich 9102, aggregate 9103 (also the HTTP API).
EXPOSE 9101 9102 9103
CMD ["marsad-aggregate"]
