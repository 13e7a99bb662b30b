import type { HttpRouter } from "convex/server";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { ancestors, childGroups, createGroup, deleteGroup, getGroup, updateGroup } from "./group";
import { acceptInvite, createInvite, inviteByToken, listInvites, revokeInvite } from "./invite";
import {
  addMember,
  assertGrants,
  getMembership,
  inheritMembership,
  listMembers,
  membershipsOf,
  removeMember,
  requireMembership,
  updateMember,
} from "./member";
import { currentSession, invalidateSessions, listSessions } from "./session";
import { currentUserId, deactivateUser, getActiveGroup, setActiveGroup, viewer } from "./user";
import { fail } from "./errors";
import { listAudit } from "./auditQuery";
import { recordEvent } from "./audit";
import {
  connectionStatus,
  createConnection,
  deleteConnection,
  describeConnection,
  listConnections,
  updateConnection,
} from "./connection";
import { describeDomain, domainByName, domainsOf, requestVerification, setDomains, validateDomains } from "./domain";
import { getPolicy, updatePolicy, validatePolicy } from "./policy";
import { describeOidc, setOidc } from "./oidcConfig";
import type { SsoHooks } from "./provision";
import { describeSaml, serviceProviderUrls, spEntityId } from "./samlConfig";
import { saveSaml } from "./samlStore";
import { metadataFor } from "./samlSpMetadata";
import { resolveSignIn } from "./signInRoute";
import { describeScim, setScim } from "./scim/config";
import { addScimRoutes } from "./scim/routes";
import { checkScim } from "./scim/validation";
import { createSetupLink, listSetupLinks, revokeSetupLink, setupLinkByToken } from "./setupLink";
import { addSsoRoutes } from "./ssoRoutes";
import { describeTest, startTest } from "./ssoTest";
import {
  createEndpoint,
  disableEndpoint,
  listDeliveries,
  listEndpoints,
  resendDelivery,
  rotateSecret,
  sendTestEvent,
} from "./webhook";

/**
 * The server facade: `auth.user`, `auth.session`, `auth.group`,
 * `auth.member`, `auth.invite`, `auth.connection` (with `.domain`, `.oidc`,
 * `.policy`, `.webhook`, `.test`, `.setupLink`, `.signIn`), `auth.event`, `auth.sso`
 * (server-only hooks) and `auth.http`. Each namespace forwards to the module
 * that owns the concern; this file only names things.
 */
export function defineAuth(options: { addHttpRoutes: (http: HttpRouter) => void; sso?: { hooks?: SsoHooks } }) {
  return {
    user: {
      current: currentUserId,
      require: async (ctx: QueryCtx) => (await currentUserId(ctx)) ?? fail("NOT_SIGNED_IN", "Sign in to continue."),
      get: (ctx: QueryCtx, userId: Id<"users">) => ctx.db.get(userId),
      viewer,
      patch: (ctx: MutationCtx, userId: Id<"users">, data: { name?: string; image?: string }) => ctx.db.patch(userId, data),
      getActiveGroup,
      setActiveGroup,
      deactivate: deactivateUser,
    },
    session: {
      current: async (ctx: QueryCtx) => (await currentSession(ctx))?.sessionId ?? null,
      get: (ctx: QueryCtx, sessionId: Id<"authSessions">) => ctx.db.get(sessionId),
      list: listSessions,
      invalidate: invalidateSessions,
    },
    group: {
      create: createGroup,
      get: getGroup,
      children: childGroups,
      update: updateGroup,
      delete: deleteGroup,
      ancestors,
    },
    member: {
      add: addMember,
      get: (ctx: QueryCtx, memberId: Id<"members">) => ctx.db.get(memberId),
      getByUserAndGroup: getMembership,
      list: listMembers,
      listForUser: membershipsOf,
      update: updateMember,
      remove: removeMember,
      inherit: inheritMembership,
      require: requireMembership,
      assert: assertGrants,
    },
    invite: {
      create: createInvite,
      get: (ctx: QueryCtx, inviteId: Id<"invites">) => ctx.db.get(inviteId),
      list: listInvites,
      revoke: revokeInvite,
      token: { get: inviteByToken, accept: acceptInvite },
    },
    connection: {
      create: createConnection,
      get: (ctx: QueryCtx, connectionId: Id<"connections">) => ctx.db.get(connectionId),
      getByDomain: async (ctx: QueryCtx, domain: string) => {
        const claim = await domainByName(ctx, domain);
        return claim ? await ctx.db.get(claim.connectionId) : null;
      },
      describe: describeConnection,
      list: listConnections,
      update: updateConnection,
      delete: deleteConnection,
      status: connectionStatus,
      signIn: resolveSignIn,
      domain: {
        list: domainsOf,
        describe: describeDomain,
        validate: validateDomains,
        set: setDomains,
        requestVerification,
      },
      oidc: { set: setOidc, describe: describeOidc },
      saml: { save: saveSaml, describe: describeSaml, urls: serviceProviderUrls, entityId: spEntityId },
      metadata: metadataFor,
      scim: { set: setScim, describe: describeScim, check: checkScim },
      test: { start: startTest, describe: describeTest },
      setupLink: { create: createSetupLink, list: listSetupLinks, revoke: revokeSetupLink, byToken: setupLinkByToken },
      policy: { get: getPolicy, update: updatePolicy, validate: validatePolicy },
      webhook: {
        create: createEndpoint,
        list: listEndpoints,
        disable: disableEndpoint,
        rotateSecret,
        deliveries: listDeliveries,
        resend: resendDelivery,
        sendTest: sendTestEvent,
      },
    },
    event: { record: recordEvent, list: listAudit },
    sso: { hooks: options.sso?.hooks ?? {} },
    http: {
      /** The session tokens' JWKS and OpenID configuration, and the SSO start and callback routes. */
      add: (http: HttpRouter) => {
        options.addHttpRoutes(http);
        addSsoRoutes(http);
        addScimRoutes(http);
      },
    },
  };
}
