// Convex verifies session JWTs issued by this deployment's own site URL
// (see convex/auth.ts and the JWKS route in convex/http.ts).
const authConfig = {
  providers: [{ domain: process.env.CONVEX_SITE_URL, applicationID: "convex" }],
};

export default authConfig;
