# syntax=docker/dockerfile:1
#
# Open Ticket AI (TypeScript): the `otai` command in a container.
#
#   docker build -t open-ticket-ai .
#   docker run --init -d --name otai \
#     -v "$PWD/otai/config.yml:/config/config.yml:ro" -v "$PWD/otai/.env:/config/.env:ro" \
#     -v otai-data:/data -p 127.0.0.1:9464:9464 open-ticket-ai
#
# The config is read from /config/config.yml (and a .env beside it); the state store and models belong
# in the /data volume. See docs/deployment.md, which also says what this file was and was not tested with.

ARG NODE_IMAGE=node:24-bookworm-slim

# --- manifests: only the package.json files (and bin/ folders, so npm links `otai` into node_modules/.bin),
# so that the npm ci layer below is rebuilt only when one of them changes. Copying them one by one would
# need this file edited for every new workspace package; instead the whole packages/ tree comes in and the
# rest is deleted. Docker keys the COPY --from below on the resulting files, so a source change does not
# invalidate the dependency layer.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY packages ./packages
RUN find packages -mindepth 2 -maxdepth 2 ! -name package.json ! -name bin -exec rm -rf {} +

# --- deps: production dependencies of the root and every workspace package.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=manifests /src/packages ./packages
# --omit=dev leaves out the root devDependencies: TypeScript, Biome, types, and the `node` package, which
# installs a second Node runtime from npm for development; the image runs on the base image's Node 24.
# No production dependency has an install script (only `node` does), so scripts stay off.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force

# --- runtime
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="Open Ticket AI" \
      org.opencontainers.image.description="Self-hosted AI ticket routing (otai)" \
      org.opencontainers.image.licenses="LGPL-2.1-only"
ENV NODE_ENV=production \
    OTAI_CONFIG=/config/config.yml
WORKDIR /app
# The installed tree (node_modules with the workspace links, any nested node_modules under packages/),
# then the sources over it. Everything stays owned by root: the `node` user can read the code, not change it.
COPY --from=deps /app ./
COPY packages ./packages
# `otai demo` reads its sample data from here.
COPY examples ./examples
RUN mkdir -p /config /data && chown node:node /data
USER node
VOLUME ["/data"]
# The engine's HTTP server (engine.server): /healthz, /readyz, /metrics, POST /webhooks/<name>.
# Inside a container it must listen on 0.0.0.0 (engine.server.host); publish it on 127.0.0.1 of the host.
EXPOSE 9464
# `otai run` stops on SIGTERM: no new fetches, tickets in flight finish within engine.shutdown_timeout,
# then the state store and services close. Run with `--init` (compose: `init: true`) so that a real init
# process is PID 1: it forwards the signal and reaps zombies, which Node as PID 1 does not do.
STOPSIGNAL SIGTERM
# No curl in the slim image: Node's own fetch. /healthz needs no token. Needs engine.server.enabled;
# one-off commands (`otai demo`, `otai validate`) can be run with `docker run --no-healthcheck`.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9464/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "packages/cli/bin/otai.js"]
CMD ["run"]
