/**
 * First-load JavaScript of an App Router page, from `next build`'s manifests:
 * what a browser downloads to show the page the first time.
 *
 * - `build-manifest.json` → `rootMainFiles`: the runtime and framework chunks
 *   every page loads (its `polyfillFiles` load only in browsers without ES
 *   modules, so they are left out, as Next.js's own size report did);
 * - `server/app/<route>/page_client-reference-manifest.js` → `entryJSFiles`:
 *   per segment of the route (root layout, nested layouts, error
 *   boundaries, the page), the client chunks it needs.
 *
 * The union of those files, each gzip-compressed on its own, is the figure.
 */
export interface ClientReferenceManifest {
  entryJSFiles?: Record<string, string[]>;
}

/** The distinct files the page loads first, shared runtime first. */
export function firstLoadFiles(rootMainFiles: readonly string[], manifest: ClientReferenceManifest): string[] {
  const files = new Set(rootMainFiles);
  for (const chunks of Object.values(manifest.entryJSFiles ?? {})) for (const chunk of chunks) if (chunk.endsWith(".js")) files.add(chunk);
  return [...files];
}

/** `/(console)/settings/connections/[connectionId]/page` → `/settings/connections/[connectionId]`: route groups are not in the URL. */
export function urlOf(appPath: string): string {
  const segments = appPath
    .replace(/\/page$/, "")
    .split("/")
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/** App Router pages worth weighing: not route handlers (`/icon.svg/route`) and not Next.js's own error pages. */
export function isPage(appPath: string): boolean {
  return appPath.endsWith("/page") && !/^\/_(not-found|global-error)\//.test(appPath);
}
