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
import type * as engine_email from "../engine/email.js";
import type * as engine_errors from "../engine/errors.js";
import type * as engine_facade from "../engine/facade.js";
import type * as engine_grants from "../engine/grants.js";
import type * as engine_group from "../engine/group.js";
import type * as engine_invite from "../engine/invite.js";
import type * as engine_mail from "../engine/mail.js";
import type * as engine_member from "../engine/member.js";
import type * as engine_parse from "../engine/parse.js";
import type * as engine_password from "../engine/password.js";
import type * as engine_policy_shape from "../engine/policy-shape.js";
import type * as engine_protocol_shapes from "../engine/protocol-shapes.js";
import type * as engine_rate_limit from "../engine/rate-limit.js";
import type * as engine_secret from "../engine/secret.js";
import type * as engine_session from "../engine/session.js";
import type * as engine_tokens from "../engine/tokens.js";
import type * as engine_user from "../engine/user.js";
import type * as engine_validators from "../engine/validators.js";
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
  "engine/email": typeof engine_email;
  "engine/errors": typeof engine_errors;
  "engine/facade": typeof engine_facade;
  "engine/grants": typeof engine_grants;
  "engine/group": typeof engine_group;
  "engine/invite": typeof engine_invite;
  "engine/mail": typeof engine_mail;
  "engine/member": typeof engine_member;
  "engine/parse": typeof engine_parse;
  "engine/password": typeof engine_password;
  "engine/policy-shape": typeof engine_policy_shape;
  "engine/protocol-shapes": typeof engine_protocol_shapes;
  "engine/rate-limit": typeof engine_rate_limit;
  "engine/secret": typeof engine_secret;
  "engine/session": typeof engine_session;
  "engine/tokens": typeof engine_tokens;
  "engine/user": typeof engine_user;
  "engine/validators": typeof engine_validators;
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
