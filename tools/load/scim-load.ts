import { send, untilAnswered } from "./traffic";

/**
 * One SCIM client, as an IdP's provisioning agent drives the endpoint: it
 * creates its users, renames each twice, looks each up, then makes a group
 * of them and adds the rest. Every answered write is recorded as
 * acknowledged, with the values sent after it that got no answer (a crash
 * can keep a write whose answer it cut off). All clients also create one
 * shared user with the same payload (a retried create: one user, one id)
 * and one contested userName with different externalIds (one wins, the rest 409).
 */
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export interface UserAck {
  id: string;
  userName: string;
  /** The last displayName an answered write set, and any sent after it without an answer. */
  displayName: string;
  unanswered: string[];
}

export interface GroupAck {
  id: string;
  displayName: string;
  members: string[];
}

export interface ScimClientResult {
  users: UserAck[];
  group?: GroupAck;
  sharedId?: string;
  contestedStatus?: number;
}

export interface ScimTarget {
  base: string;
  token: string;
  domain: string;
  deadline: number;
  /** Called after each answered write (the driver crashes the backend after enough of them). */
  onAck: () => void;
}

const json = (body: unknown) => JSON.stringify(body);

async function call(target: Pick<ScimTarget, "base" | "token">, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await send(`${target.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${target.token}`, ...(body === undefined ? {} : { "content-type": "application/scim+json" }) },
    ...(body === undefined ? {} : { body: json(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function userPayload(userName: string, externalId: string, displayName: string) {
  return { schemas: [USER], userName, externalId, displayName, active: true, emails: [{ value: userName, primary: true, type: "work" }] };
}

function expect2xx(what: string, reply: { status: number; body: unknown }, statuses: number[]): void {
  if (!statuses.includes(reply.status)) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
}

export async function runScimClient(target: ScimTarget, client: number, userCount: number): Promise<ScimClientResult> {
  const result: ScimClientResult = { users: [] };
  const answered = <T>(attempt: () => Promise<T>) => untilAnswered(target.deadline, attempt);

  for (let index = 0; index < userCount; index++) {
    const userName = `load-${client}-${index}@${target.domain}`;
    const created = await answered(() => call(target, "POST", "/Users", userPayload(userName, `ext-${client}-${index}`, "v0")));
    expect2xx(`create ${userName}`, created, [201]);
    const ack: UserAck = { id: String(created.body.id), userName, displayName: "v0", unanswered: [] };
    result.users.push(ack);
    target.onAck();
    for (const version of ["v1", "v2"]) {
      const patched = await answered(async () => {
        ack.unanswered.push(version);
        return await call(target, "PATCH", `/Users/${ack.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: version }] });
      });
      expect2xx(`rename ${userName}`, patched, [200]);
      ack.displayName = version;
      ack.unanswered = [];
      target.onAck();
    }
    const found = await answered(() => call(target, "GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`));
    if (found.body.totalResults !== 1) throw new Error(`${userName} is found ${String(found.body.totalResults)} times right after its creation.`);
  }

  const ids = result.users.map((user) => user.id);
  const displayName = `load-group-${client}`;
  const group = await answered(() => call(target, "POST", "/Groups", { schemas: [GROUP], displayName, members: ids.slice(0, 1).map((value) => ({ value })) }));
  expect2xx(`create ${displayName}`, group, [201]);
  result.group = { id: String(group.body.id), displayName, members: ids.slice(0, 1) };
  target.onAck();
  const added = await answered(() => call(target, "PATCH", `/Groups/${result.group!.id}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: ids.slice(1).map((value) => ({ value })) }] }));
  expect2xx(`add members to ${displayName}`, added, [200, 204]);
  result.group.members = ids;
  target.onAck();

  const shared = await answered(() => call(target, "POST", "/Users", userPayload(`shared@${target.domain}`, "shared", "shared")));
  expect2xx("create the shared user", shared, [201]);
  result.sharedId = String(shared.body.id);
  const contested = await answered(() => call(target, "POST", "/Users", userPayload(`contested@${target.domain}`, `contested-${client}`, "contested")));
  expect2xx("create the contested user", contested, [201, 409]);
  result.contestedStatus = contested.status;
  return result;
}

/** The user as the endpoint has it now, or null when it answers 404. */
export async function readUser(target: Pick<ScimTarget, "base" | "token">, id: string): Promise<{ userName: string; displayName: string } | null> {
  const reply = await call(target, "GET", `/Users/${id}`);
  if (reply.status === 404) return null;
  expect2xx(`read user ${id}`, reply, [200]);
  return { userName: String(reply.body.userName), displayName: String(reply.body.displayName) };
}

export async function countUsers(target: Pick<ScimTarget, "base" | "token">, userName: string): Promise<number> {
  const reply = await call(target, "GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
  expect2xx(`look up ${userName}`, reply, [200]);
  return Number(reply.body.totalResults);
}

export async function readGroupMembers(target: Pick<ScimTarget, "base" | "token">, id: string): Promise<string[] | null> {
  const reply = await call(target, "GET", `/Groups/${id}`);
  if (reply.status === 404) return null;
  expect2xx(`read group ${id}`, reply, [200]);
  return ((reply.body.members as Array<{ value: string }> | undefined) ?? []).map((member) => member.value);
}
