# eo-calendar: the feeds, JSON API and pages as one Node.js process (docs/deploy.md).
#
#   docker build -t eo-calendar .
#   docker run -d -p 3000:3000 -e PUBLIC_URL=https://eo.example.ru \
#     -v /opt/eo-calendar:/srv/eo-calendar eo-calendar
#
# The department's data (plan.json and data/) lives in /srv/eo-calendar: mount a directory or a
# volume over it and edit the files there; the service reloads them without a restart. The
# image carries the bundled sample as the default (a new named volume starts as a copy of it).
#
# Every command here is one CI runs too (test/dockerfile.test.ts keeps them in step with
# package.json): npm ci, npm run build, npm ci --omit=dev, node dist/server.js.

# Node 22 is an LTS line; CI runs the same code on Node 20 (package.json "engines": >=20.19).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-assets.mjs scripts/
COPY src/ src/
RUN npm run build

FROM node:22-bookworm-slim AS runtime
# Two malloc arenas, as the systemd unit: see deploy/eo-calendar.service.
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist/ dist/
COPY plan.json /srv/eo-calendar/plan.json
COPY data/ /srv/eo-calendar/data/
# The editor (/admin, on by default) writes data/ and keeps accounts in state/ beside it: mount
# the directory writable for the user node (uid 1000). Read-only replicas: EDITOR=off and :ro.
ENV PLAN_FILE=/srv/eo-calendar/plan.json \
    DATA_DIR=/srv/eo-calendar/data \
    STATE_DIR=/srv/eo-calendar/state \
    HOST=0.0.0.0 \
    PORT=3000
# The image's files stay root's: the sample is read-only; the editor writes the directory mounted over it.
USER node
EXPOSE 3000
# /healthz is 200 while valid data is served, also when a reload failed (status "degraded",
# old data still served): restarting would not fix a broken file, and would refuse to start on it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 (no npm wrapper), so SIGTERM and SIGHUP reach the service's handlers.
CMD ["node", "dist/server.js"]
