/**
 * The part of oidc-provider's API the demo IdP uses. The package ships no
 * types and @types/oidc-provider lags its major versions, so this describes
 * 9.x as read from its source (lib/provider.js, lib/helpers/defaults.js).
 */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type JsonObject = Record<string, unknown>;

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    id_token_signed_response_alg?: string;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: JsonObject, rejected: string[]): Promise<JsonObject & { sub: string }>;
  }

  /** A stored artifact (session, interaction, code, token, grant…) as the adapter sees it. */
  export interface AdapterPayload extends JsonObject {
    grantId?: string;
    uid?: string;
    consumed?: number;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ErrorOut {
    error: string;
    error_description?: string;
    [key: string]: unknown;
  }

  /** The Koa context oidc-provider hands to its callbacks, reduced to what they touch. */
  export interface KoaContextWithOIDC {
    type: string;
    body: unknown;
    status: number;
    oidc: { result?: { login?: unknown } };
  }

  export type TtlFunction = (ctx: KoaContextWithOIDC, token: unknown, client: unknown) => number;

  export interface Configuration {
    adapter?: (modelName: string) => Adapter;
    clients?: ClientMetadata[];
    claims?: Record<string, string[] | null>;
    scopes?: string[];
    responseTypes?: string[];
    conformIdTokenClaims?: boolean;
    cookies?: { keys?: string[]; names?: { session?: string; interaction?: string; resume?: string } };
    features?: { devInteractions?: { enabled: boolean }; userinfo?: { enabled: boolean } };
    findAccount?: (ctx: KoaContextWithOIDC, sub: string, token?: unknown) => Promise<Account | undefined>;
    interactions?: { policy?: InteractionPolicy; url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => Promise<string> };
    /** Private JWKs; the first one of an algorithm signs. */
    jwks?: { keys: object[] };
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: unknown) => boolean };
    renderError?: (ctx: KoaContextWithOIDC, out: ErrorOut, error: Error) => Promise<void>;
    ttl?: Record<string, number | TtlFunction>;
  }

  export interface Interaction {
    uid: string;
    params: JsonObject & { client_id?: string; scope?: string; claims?: string; login_hint?: string };
    prompt: { name: string; reasons: string[]; details: JsonObject };
  }

  export interface InteractionResults {
    login?: { accountId: string };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    /** @returns the grant's id */
    save(): Promise<string>;
  }

  /** Only reachable as `provider.Grant`: each provider instance has its own model classes. */
  export interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): Grant;
  }

  /** A reason to show the user an interaction. */
  export interface Check {
    reason: string;
  }

  export interface CheckConstructor {
    readonly REQUEST_PROMPT: true;
    readonly NO_NEED_TO_PROMPT: false;
    new (reason: string, description: string, check: (ctx: KoaContextWithOIDC) => boolean): Check;
  }

  export interface Prompt {
    name: string;
    checks: Check[];
  }

  export interface InteractionPolicy extends Array<Prompt> {
    get(name: string): Prompt | undefined;
  }

  export const interactionPolicy: { base(): InteractionPolicy; Check: CheckConstructor };

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    /** Koa's: whether X-Forwarded-* headers are trusted. */
    proxy: boolean;
    readonly Grant: GrantConstructor;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (ctx: KoaContextWithOIDC, error: Error) => void): this;
  }

  export default Provider;
}
