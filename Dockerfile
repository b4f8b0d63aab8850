# syntax=docker/dockerfile:1
#
# One image for the five services, the client portal and the one-shot tools. SERVICE chooses which
# app the default command starts (a service, or client-portal); a one-shot job (database bootstrap,
# topic creation) overrides the command.
#
#   docker build --build-arg SERVICE=invoicing-service -t milestone-billing/invoicing-service .
#   docker build -t milestone-billing .   # then run it with -e SERVICE=<name> -e HTTP_PORT=<port>
#
# docs/operations-deploy.md describes how docker-compose.yml and deploy/k8s use it.

ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: every dependency, then everything compiled to dist/ ---------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN node tools/build.mjs

# --- production dependencies, installed apart so the runtime never holds the compiler -----------
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# The only install script among the production dependencies is @nestjs/core's funding notice.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime --------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# Inside a container a published port only reaches a server bound to every interface.
ENV NODE_ENV=production HTTP_HOST=0.0.0.0
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/dist ./dist
# Files stay owned by root: the process that runs them cannot change them.
USER node

# Liveness only: the process answers. Readiness (database and Kafka) is the orchestrator's probe.
# HTTP_PORT (PORTAL_HTTP_PORT for the client portal) is set wherever the image runs (docker-compose.yml, deploy/k8s).
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HTTP_PORT ?? process.env.PORTAL_HTTP_PORT}/health/live`).then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]

# Last, so that the images of the five services and the portal share every layer above.
ARG SERVICE=""
ENV SERVICE=${SERVICE}
# exec: node becomes PID 1 and receives SIGTERM itself, so a stop drains the outbox and consumers.
CMD ["/bin/sh", "-c", "exec node --enable-source-maps dist/apps/${SERVICE:?set SERVICE to the service to run, e.g. contract-service}/src/main.js"]
