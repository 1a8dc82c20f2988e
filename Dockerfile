# The platform's image for compose.yaml (docs/deploy.md): the same `npm start` as on a bare machine,
# built once at image build time so that a node starts without building.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Playwright's browser is not needed in the image (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: the tests use Debian's Chromium anyway).
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
RUN npm ci
COPY . .
RUN npx remix build
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
RUN mkdir -p /data/uploads && chown node:node /data/uploads
USER node
CMD ["node", "--import", "tsx", "server.ts"]
