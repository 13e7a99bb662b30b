/**
 * `npm run auth:keys` — prints the commands that give a real Convex
 * deployment its session-token keys (JWT_PRIVATE_KEY and JWKS). Run them
 * in a terminal logged in to that deployment (`npx convex dev` once).
 */
import { generateSessionKeys } from "./dev/secrets";

const keys = await generateSessionKeys();
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
console.log("# Set the session-token keys on your Convex deployment:");
for (const [name, value] of Object.entries(keys)) console.log(`npx convex env set ${name} -- ${shellQuote(value)}`);
console.log("# and where your app is served, e.g.:");
console.log("npx convex env set SITE_URL https://app.example.com");
