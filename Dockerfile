# The image of epic for a team's services: docker-compose.cluster.yml runs the
# projector (`epic projection run --follow`) from it. Any other command runs as
#   docker compose -f docker-compose.cluster.yml run --rm projector <command>
FROM node:20.18.1-bookworm-slim AS build
# For the native addons (bcrypt, better-sqlite3) when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
# npm ci builds dist/ (prepare) and type-checks; then the dev tools go.
RUN npm ci && npm prune --omit=dev

FROM node:20.18.1-bookworm-slim
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/node_modules ./node_modules
RUN mkdir -p /var/lib/epic && chown node:node /var/lib/epic
USER node
ENV EPIC_HOME=/var/lib/epic
ENTRYPOINT ["node", "bin/epic.js"]
