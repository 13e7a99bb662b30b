import { ScimError, type ScimReply } from "./errors";
import { MAX_COUNT } from "./list";
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, LIST_SCHEMA, USER_SCHEMA } from "./resources";

/** The discovery endpoints (RFC 7644 §4): what this SCIM server supports. */
const docs = "https://datatracker.ietf.org/doc/html/rfc7644";

export function serviceProviderConfig(baseUrl: string, maxRequestSize: number) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: docs,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [{ type: "oauthbearertoken", name: "OAuth Bearer Token", description: "The connection's SCIM token, as Authorization: Bearer <token>.", primary: true }],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig`, maxRequestSize },
  };
}

function resourceTypes(baseUrl: string) {
  return [
    { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], id: "User", name: "User", endpoint: "/Users", schema: USER_SCHEMA, schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }], meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` } },
    { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], id: "Group", name: "Group", endpoint: "/Groups", schema: GROUP_SCHEMA, meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` } },
  ];
}

const attribute = (name: string, type: string, extra: Record<string, unknown> = {}) => ({ name, type, multiValued: false, required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none", ...extra });

function schemas(baseUrl: string) {
  return [
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
      id: USER_SCHEMA,
      name: "User",
      attributes: [
        attribute("userName", "string", { required: true, uniqueness: "server" }),
        attribute("externalId", "string", { caseExact: true }),
        attribute("displayName", "string"),
        attribute("name", "complex", { subAttributes: [attribute("formatted", "string"), attribute("givenName", "string"), attribute("familyName", "string")] }),
        attribute("emails", "complex", { multiValued: true, subAttributes: [attribute("value", "string"), attribute("type", "string"), attribute("primary", "boolean")] }),
        attribute("active", "boolean"),
      ],
      meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${USER_SCHEMA}` },
    },
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
      id: GROUP_SCHEMA,
      name: "Group",
      attributes: [attribute("displayName", "string", { required: true }), attribute("members", "complex", { multiValued: true, subAttributes: [attribute("value", "string", { mutability: "immutable" }), attribute("display", "string", { mutability: "readOnly" })] })],
      meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${GROUP_SCHEMA}` },
    },
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
      id: ENTERPRISE_SCHEMA,
      name: "EnterpriseUser",
      attributes: [attribute("employeeNumber", "string"), attribute("department", "string"), attribute("manager", "complex", { subAttributes: [attribute("value", "string")] })],
      meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${ENTERPRISE_SCHEMA}` },
    },
  ];
}

function list(resources: unknown[]): ScimReply {
  return { status: 200, body: { schemas: [LIST_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources } };
}

export function discovery(kind: string, id: string | undefined, baseUrl: string, maxRequestSize: number): ScimReply {
  if (kind === "ServiceProviderConfig") return { status: 200, body: serviceProviderConfig(baseUrl, maxRequestSize) };
  const all = kind === "ResourceTypes" ? resourceTypes(baseUrl) : schemas(baseUrl);
  if (id === undefined) return list(all);
  const found = all.find((item) => item.id === id);
  if (!found) throw new ScimError(404, `${kind}/${id} not found.`);
  return { status: 200, body: found };
}
