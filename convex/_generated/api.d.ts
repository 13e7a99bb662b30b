/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as auth from "../auth.js";
import type * as auth_access from "../auth/access.js";
import type * as auth_group from "../auth/group.js";
import type * as auth_setup from "../auth/setup.js";
import type * as crons from "../crons.js";
import type * as demo from "../demo.js";
import type * as engine_audit from "../engine/audit.js";
import type * as engine_auditQuery from "../engine/auditQuery.js";
import type * as engine_clientIp from "../engine/clientIp.js";
import type * as engine_connection from "../engine/connection.js";
import type * as engine_dns from "../engine/dns.js";
import type * as engine_domain from "../engine/domain.js";
import type * as engine_domainVerification from "../engine/domainVerification.js";
import type * as engine_email from "../engine/email.js";
import type * as engine_errors from "../engine/errors.js";
import type * as engine_facade from "../engine/facade.js";
import type * as engine_grants from "../engine/grants.js";
import type * as engine_group from "../engine/group.js";
import type * as engine_idpHealth from "../engine/idpHealth.js";
import type * as engine_invite from "../engine/invite.js";
import type * as engine_lockout from "../engine/lockout.js";
import type * as engine_mail from "../engine/mail.js";
import type * as engine_member from "../engine/member.js";
import type * as engine_oidcClient from "../engine/oidcClient.js";
import type * as engine_oidcConfig from "../engine/oidcConfig.js";
import type * as engine_oidcValidation from "../engine/oidcValidation.js";
import type * as engine_outboundFetch from "../engine/outboundFetch.js";
import type * as engine_outboundNode from "../engine/outboundNode.js";
import type * as engine_parse from "../engine/parse.js";
import type * as engine_password from "../engine/password.js";
import type * as engine_policy from "../engine/policy.js";
import type * as engine_policyShape from "../engine/policyShape.js";
import type * as engine_protocolSetup from "../engine/protocolSetup.js";
import type * as engine_protocolShapes from "../engine/protocolShapes.js";
import type * as engine_provision from "../engine/provision.js";
import type * as engine_rateLimit from "../engine/rateLimit.js";
import type * as engine_samlConfig from "../engine/samlConfig.js";
import type * as engine_samlMetadata from "../engine/samlMetadata.js";
import type * as engine_samlNode from "../engine/samlNode.js";
import type * as engine_samlRefresh from "../engine/samlRefresh.js";
import type * as engine_samlResponse from "../engine/samlResponse.js";
import type * as engine_samlSpMetadata from "../engine/samlSpMetadata.js";
import type * as engine_samlStore from "../engine/samlStore.js";
import type * as engine_samlValidation from "../engine/samlValidation.js";
import type * as engine_samlXml from "../engine/samlXml.js";
import type * as engine_scim_auth from "../engine/scim/auth.js";
import type * as engine_scim_config from "../engine/scim/config.js";
import type * as engine_scim_directory from "../engine/scim/directory.js";
import type * as engine_scim_discovery from "../engine/scim/discovery.js";
import type * as engine_scim_errors from "../engine/scim/errors.js";
import type * as engine_scim_filter from "../engine/scim/filter.js";
import type * as engine_scim_groupMembers from "../engine/scim/groupMembers.js";
import type * as engine_scim_groups from "../engine/scim/groups.js";
import type * as engine_scim_handler from "../engine/scim/handler.js";
import type * as engine_scim_list from "../engine/scim/list.js";
import type * as engine_scim_patch from "../engine/scim/patch.js";
import type * as engine_scim_resources from "../engine/scim/resources.js";
import type * as engine_scim_routes from "../engine/scim/routes.js";
import type * as engine_scim_selfCheck from "../engine/scim/selfCheck.js";
import type * as engine_scim_users from "../engine/scim/users.js";
import type * as engine_scim_validation from "../engine/scim/validation.js";
import type * as engine_secret from "../engine/secret.js";
import type * as engine_secretRotation from "../engine/secretRotation.js";
import type * as engine_session from "../engine/session.js";
import type * as engine_setupLink from "../engine/setupLink.js";
import type * as engine_setupLinkAccess from "../engine/setupLinkAccess.js";
import type * as engine_setupScope from "../engine/setupScope.js";
import type * as engine_signInRoute from "../engine/signInRoute.js";
import type * as engine_ssoCleanup from "../engine/ssoCleanup.js";
import type * as engine_ssoFlow from "../engine/ssoFlow.js";
import type * as engine_ssoHandoff from "../engine/ssoHandoff.js";
import type * as engine_ssoProfile from "../engine/ssoProfile.js";
import type * as engine_ssoRoutes from "../engine/ssoRoutes.js";
import type * as engine_ssoStartLimit from "../engine/ssoStartLimit.js";
import type * as engine_ssoTest from "../engine/ssoTest.js";
import type * as engine_tokens from "../engine/tokens.js";
import type * as engine_urlGuard from "../engine/urlGuard.js";
import type * as engine_urls from "../engine/urls.js";
import type * as engine_user from "../engine/user.js";
import type * as engine_validators from "../engine/validators.js";
import type * as engine_webhook from "../engine/webhook.js";
import type * as engine_webhookPost from "../engine/webhookPost.js";
import type * as functions from "../functions.js";
import type * as groups from "../groups.js";
import type * as http from "../http.js";
import type * as invites from "../invites.js";
import type * as members from "../members.js";
import type * as messages from "../messages.js";
import type * as projects from "../projects.js";
import type * as users from "../users.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  auth: typeof auth;
  "auth/access": typeof auth_access;
  "auth/group": typeof auth_group;
  "auth/setup": typeof auth_setup;
  crons: typeof crons;
  demo: typeof demo;
  "engine/audit": typeof engine_audit;
  "engine/auditQuery": typeof engine_auditQuery;
  "engine/clientIp": typeof engine_clientIp;
  "engine/connection": typeof engine_connection;
  "engine/dns": typeof engine_dns;
  "engine/domain": typeof engine_domain;
  "engine/domainVerification": typeof engine_domainVerification;
  "engine/email": typeof engine_email;
  "engine/errors": typeof engine_errors;
  "engine/facade": typeof engine_facade;
  "engine/grants": typeof engine_grants;
  "engine/group": typeof engine_group;
  "engine/idpHealth": typeof engine_idpHealth;
  "engine/invite": typeof engine_invite;
  "engine/lockout": typeof engine_lockout;
  "engine/mail": typeof engine_mail;
  "engine/member": typeof engine_member;
  "engine/oidcClient": typeof engine_oidcClient;
  "engine/oidcConfig": typeof engine_oidcConfig;
  "engine/oidcValidation": typeof engine_oidcValidation;
  "engine/outboundFetch": typeof engine_outboundFetch;
  "engine/outboundNode": typeof engine_outboundNode;
  "engine/parse": typeof engine_parse;
  "engine/password": typeof engine_password;
  "engine/policy": typeof engine_policy;
  "engine/policyShape": typeof engine_policyShape;
  "engine/protocolSetup": typeof engine_protocolSetup;
  "engine/protocolShapes": typeof engine_protocolShapes;
  "engine/provision": typeof engine_provision;
  "engine/rateLimit": typeof engine_rateLimit;
  "engine/samlConfig": typeof engine_samlConfig;
  "engine/samlMetadata": typeof engine_samlMetadata;
  "engine/samlNode": typeof engine_samlNode;
  "engine/samlRefresh": typeof engine_samlRefresh;
  "engine/samlResponse": typeof engine_samlResponse;
  "engine/samlSpMetadata": typeof engine_samlSpMetadata;
  "engine/samlStore": typeof engine_samlStore;
  "engine/samlValidation": typeof engine_samlValidation;
  "engine/samlXml": typeof engine_samlXml;
  "engine/scim/auth": typeof engine_scim_auth;
  "engine/scim/config": typeof engine_scim_config;
  "engine/scim/directory": typeof engine_scim_directory;
  "engine/scim/discovery": typeof engine_scim_discovery;
  "engine/scim/errors": typeof engine_scim_errors;
  "engine/scim/filter": typeof engine_scim_filter;
  "engine/scim/groupMembers": typeof engine_scim_groupMembers;
  "engine/scim/groups": typeof engine_scim_groups;
  "engine/scim/handler": typeof engine_scim_handler;
  "engine/scim/list": typeof engine_scim_list;
  "engine/scim/patch": typeof engine_scim_patch;
  "engine/scim/resources": typeof engine_scim_resources;
  "engine/scim/routes": typeof engine_scim_routes;
  "engine/scim/selfCheck": typeof engine_scim_selfCheck;
  "engine/scim/users": typeof engine_scim_users;
  "engine/scim/validation": typeof engine_scim_validation;
  "engine/secret": typeof engine_secret;
  "engine/secretRotation": typeof engine_secretRotation;
  "engine/session": typeof engine_session;
  "engine/setupLink": typeof engine_setupLink;
  "engine/setupLinkAccess": typeof engine_setupLinkAccess;
  "engine/setupScope": typeof engine_setupScope;
  "engine/signInRoute": typeof engine_signInRoute;
  "engine/ssoCleanup": typeof engine_ssoCleanup;
  "engine/ssoFlow": typeof engine_ssoFlow;
  "engine/ssoHandoff": typeof engine_ssoHandoff;
  "engine/ssoProfile": typeof engine_ssoProfile;
  "engine/ssoRoutes": typeof engine_ssoRoutes;
  "engine/ssoStartLimit": typeof engine_ssoStartLimit;
  "engine/ssoTest": typeof engine_ssoTest;
  "engine/tokens": typeof engine_tokens;
  "engine/urlGuard": typeof engine_urlGuard;
  "engine/urls": typeof engine_urls;
  "engine/user": typeof engine_user;
  "engine/validators": typeof engine_validators;
  "engine/webhook": typeof engine_webhook;
  "engine/webhookPost": typeof engine_webhookPost;
  functions: typeof functions;
  groups: typeof groups;
  http: typeof http;
  invites: typeof invites;
  members: typeof members;
  messages: typeof messages;
  projects: typeof projects;
  users: typeof users;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
