/**
 * Remix classic compiler (esbuild). Every v3 future flag that the classic compiler supports is on,
 * so that the move to React Router v7 is mechanical. `v3_routeConfig` exists only for the Vite
 * plugin (it needs a Vite runtime to load `app/routes.ts`); see docs/decisions/001.
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  appDirectory: "app",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  serverBuildPath: "build/index.js",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  // Bundle only ESM-only packages that Node cannot require; never "all" (native better-sqlite3
  // and pdfkit's font files must stay in node_modules).
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
