import type { IncomingMessage, ServerResponse } from "node:http";
import type { Interaction, Provider } from "oidc-provider";
import { readForm, RequestError } from "./http";
import { renderLoginPage } from "./pages";
import { findDemoUserByEmail, type DemoUser } from "./users";

/**
 * The IdP's own side of a sign-in, at oidc-provider's default interaction URL
 * `/interaction/<uid>`: the page, then a POST to `…/login` or `…/abort`.
 * Signing in grants the client everything it asked for at once, so there is
 * never a consent page.
 */
export interface InteractionRoute {
  uid: string;
  step: "page" | "login" | "abort";
}

const ROUTE = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/;
/** Sign-in forms post one short field; anything bigger is not ours. */
const MAX_FORM_BYTES = 16 * 1024;

export function matchInteractionRoute(pathname: string): InteractionRoute | undefined {
  const match = ROUTE.exec(pathname);
  if (!match) return undefined;
  return { uid: match[1]!, step: (match[2] as "login" | "abort" | undefined) ?? "page" };
}

export interface InteractionContext {
  provider: Provider;
  users: readonly DemoUser[];
  log?: (line: string) => void;
}

export async function handleInteraction(
  context: InteractionContext,
  route: InteractionRoute,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const expectedMethod = route.step === "page" ? "GET" : "POST";
  if (req.method !== expectedMethod) {
    res.writeHead(405, { Allow: expectedMethod }).end();
    return;
  }
  const { provider, users, log } = context;
  // Throws SessionNotFound (400) when the interaction cookie is missing or the interaction expired.
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.uid !== route.uid) {
    // The cookie names the newest sign-in in this browser; this URL is an older one's.
    throw new RequestError(400, "A newer sign-in has started in this browser since; start again from the app.");
  }
  const clientId = interaction.params.client_id ?? "";

  if (route.step === "page") {
    sendPage(res, 200, { context, interaction });
  } else if (route.step === "abort") {
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The user cancelled the sign-in" },
      { mergeWithLastSubmission: false },
    );
    log?.(`Sign-in for ${clientId} cancelled`);
  } else {
    const email = (await readForm(req, MAX_FORM_BYTES)).get("email") ?? "";
    const user = findDemoUserByEmail(users, email);
    if (!user) {
      sendPage(res, 400, { context, interaction, error: `There is no demo user with the email ${email}.` });
      return;
    }
    const grantId = await grantEverythingRequested(provider, interaction, user.sub);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    log?.(`Signed in ${user.email} for ${clientId}`);
  }
}

function sendPage(
  res: ServerResponse,
  status: number,
  { context, interaction, error }: { context: InteractionContext; interaction: Interaction; error?: string },
): void {
  const hint = interaction.params.login_hint;
  const html = renderLoginPage({
    action: `/interaction/${interaction.uid}`,
    clientId: interaction.params.client_id ?? "",
    users: context.users,
    hinted: hint ? findDemoUserByEmail(context.users, hint) : undefined,
    error,
  });
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(html);
}

/**
 * The consent the user would otherwise give on a second page: the scopes the
 * client requested (oidc-provider has already dropped unsupported ones), and
 * with them the claims those scopes stand for.
 */
async function grantEverythingRequested(provider: Provider, interaction: Interaction, accountId: string): Promise<string> {
  const { client_id: clientId, scope } = interaction.params;
  if (!clientId) throw new Error(`Interaction ${interaction.uid} has no client_id.`);
  const grant = new provider.Grant({ accountId, clientId });
  if (scope) grant.addOIDCScope(scope);
  return grant.save();
}
